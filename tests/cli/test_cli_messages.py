"""What a newcomer reads in the first hour, pinned word for word: one line, JSON where a value
is quoted, the folder named as a folder, a hint where one helps, the extra to install."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from market_data_store_contracts._documents import io as _io
from market_data_store_contracts.cli import run

ROOT = Path(__file__).resolve().parents[2]
OK = {"type": "object"}


def _compat(tmp_path: Path, new: object | bytes, *extra: str) -> tuple[int, str, str]:
    old = tmp_path / "old.json"
    old.write_text(json.dumps(OK), encoding="utf-8")
    path = tmp_path / "new.json"
    path.write_bytes(new if isinstance(new, bytes) else json.dumps(new).encode())
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run(["compat", str(old), str(path), *extra], stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue().replace(str(tmp_path) + "/", "")


def test_a_json_syntax_error_says_at_once(tmp_path):
    assert _compat(tmp_path, b'{\n "type": "obj') == (
        2,
        "",
        "error: new.json#: is not JSON: Unterminated string starting at line 2 column 10\n",
    )


def test_a_json_syntax_error_elsewhere_keeps_its_at(tmp_path):
    assert _compat(tmp_path, b'{"type": }')[2] == (
        "error: new.json#: is not JSON: Expecting value at line 1 column 10\n"
    )


def test_a_directory_is_named_as_a_directory_not_as_a_document(tmp_path):
    folder = tmp_path / "schemas"
    folder.mkdir()
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run(["compat", str(folder), str(folder)], stdout, stderr)
    assert (code, stderr.getvalue()) == (2, f"error: {folder}: is a directory, not a JSON file\n")


@pytest.mark.parametrize(
    ("schema", "line"),
    [
        (
            {"properties": {"a": {"minimum": True}}},
            "new.json#/properties/a/minimum: is not a valid JSON Schema 2020-12: true is not of "
            'type "number"',
        ),
        (
            {"required": "x"},
            'new.json#/required: is not a valid JSON Schema 2020-12: "x" is not of type "array"',
        ),
        (
            {"type": {"type": "string"}},
            'new.json#/type: is not a valid JSON Schema 2020-12: {"type": "string"} is not valid '
            "under any of the given schemas",
        ),
        (
            {"minLength": None},
            "new.json#/minLength: is not a valid JSON Schema 2020-12: null is not of type "
            '"integer"',
        ),
    ],
    ids=["boolean", "string", "object", "null"],
)
def test_a_schema_error_quotes_values_as_json_not_python(tmp_path, schema, line):
    assert _compat(tmp_path, schema) == (2, "", f"error: {line}\n")


def test_an_unresolved_urn_ref_gets_the_ref_option_hint(tmp_path):
    assert _compat(tmp_path, {"$ref": "urn:market-data:nowhere"})[2] == (
        "error: new.json#/$ref: $ref 'urn:market-data:nowhere' names a document that is not in "
        "the registry (hint: add the document to the registry (store-contracts compat --ref "
        "FILE))\n"
    )


def test_version_names_this_package_core_and_pydantic():
    stdout, stderr = io.StringIO(), io.StringIO()
    assert run(["--version"], stdout, stderr) == 0
    assert stdout.getvalue() == (
        f"store-contracts {metadata.version('market-data-store-contracts')} "
        f"(market-data-core {metadata.version('market-data-core')}, "
        f"pydantic {metadata.version('pydantic')})\n"
    )
    assert stderr.getvalue() == ""


def _cli(
    *args: str, stdin: bytes = b"", code: str = "", cache: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """``store-contracts ARGS`` in a fresh process, after running ``code`` there; ``cache`` is
    the gate's cache folder (by default the user's)."""
    program = (
        f"import sys\n{code}\nfrom market_data_store_contracts.cli import main\n"
        f"sys.argv = ['store-contracts', *{list(args)!r}]\nmain()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        check=False,
        env=os.environ if cache is None else {**os.environ, "XDG_CACHE_HOME": str(cache)},
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
    )


def test_a_dash_reads_a_schema_from_standard_input(tmp_path):
    old = tmp_path / "old.json"
    old.write_text(json.dumps(OK), encoding="utf-8")
    done = _cli("compat", str(old), "-", "--format", "json", stdin=b'{"type": "string"}')
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert report["new"] == "<stdin>"
    assert [finding["rule_id"] for finding in report["findings"]] == ["TYPE_NARROWED"]


def test_standard_input_errors_name_it(tmp_path):
    old = tmp_path / "old.json"
    old.write_text(json.dumps(OK), encoding="utf-8")
    done = _cli("compat", str(old), "-", stdin=b"{")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "error: <stdin>#: is not JSON: Expecting property name enclosed in double quotes "
        "at line 1 column 2\n"
    )


def test_a_ref_file_from_standard_input_is_named_stdin(tmp_path):
    old = tmp_path / "old.json"
    old.write_text(json.dumps(OK), encoding="utf-8")
    done = _cli("compat", str(old), str(old), "--ref", "-", stdin=b'{"type": "string"}')
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        'error: <stdin>#: has no $id, so no $ref can point to it (hint: add "$id": "urn:...")\n'
    )


def test_standard_input_holds_one_schema_only():
    done = _cli("compat", "-", "-", stdin=b"{}")
    assert (done.returncode, done.stderr) == (
        2,
        "error: <stdin>: can hold only one of the schemas\n",
    )


def test_the_size_limit_is_said_in_bytes_and_mebibytes(tmp_path):
    path = tmp_path / "new.json"
    with path.open("wb") as handle:
        handle.truncate(_io.MAX_DOCUMENT_BYTES + 1)
    stdout, stderr = io.StringIO(), io.StringIO()
    assert run(["compat", str(path), str(path)], stdout, stderr) == 2
    assert stderr.getvalue() == (
        f"error: {path}#: is 16777217 bytes; documents over 16777216 bytes (16 MiB) are refused\n"
    )


@pytest.mark.parametrize(
    ("module", "argv", "extra"),
    [
        ("referencing", ["compat", "a.json", "b.json"], "compat"),
        ("jsonschema", ["compat", "a.json", "b.json"], "compat"),
        ("datamodel_code_generator", ["generate", "--root", "."], "codegen"),
        ("datamodel_code_generator", ["check", "--root", "."], "codegen"),
    ],
    ids=["compat-without-referencing", "compat-without-jsonschema", "generate", "check"],
)
def test_a_command_whose_extra_is_missing_names_the_extra_in_one_line(
    module, argv, extra, tmp_path
):
    # An empty cache: with the generator really uninstalled, the gate's cache key (which holds
    # the generator's version) matches no entry, so the gate would import the generator.
    done = _cli(*argv, code=f"sys.modules[{module!r}] = None", cache=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"store-contracts {argv[0]}: needs the '{extra}' extra (no module named {module!r}); "
        f'install it with: pip install "market-data-store-contracts[{extra}]"\n'
    )


def test_a_missing_module_no_extra_provides_is_still_an_internal_error():
    hidden = "sys.modules['market_data_store_contracts.compat._check'] = None"
    done = _cli("compat", "a.json", "b.json", code=hidden)
    assert done.returncode == 4
    assert "internal error" in done.stderr
