"""Bad input never crashes and never writes: a catalogue of user mistakes, one case each.

Every case runs one ``store-contracts`` command line in-process (``cli.run`` with StringIO) and
must give exit code 2, nothing on stdout, exactly one line on stderr naming the file and the JSON
pointer (``file#pointer: message``; a folder is named ``DIR: message``, a usage error names the
option), no traceback, no socket opened, and no byte or mtime changed in any folder the case
prepared. Commands that work on a checkout (``check``, ``generate``) get a temporary copy of
this checkout.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import socket
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from market_data_store_contracts._documents import io as _io
from market_data_store_contracts.cli import run

ROOT = Path(__file__).resolve().parents[2]
#: What a temporary checkout needs for ``check`` and ``generate``.
CHECKOUT_PARTS = (
    "pyproject.toml",
    "schemas",
    "codegen",
    "src/market_data_store_contracts/_generated",
    "src/market_data_store_contracts/schemas/bundle",
)
DECLARATION = "schemas/store/feedback_event.json"
SCHEMA = {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}


class Workspace:
    """The folder a case prepares its inputs in (also the working folder of the command)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.root: Path | None = None

    def file(self, name: str, content: str | bytes | Any) -> Path:
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(json.dumps(content), encoding="utf-8")
        return path

    def schema(self, name: str = "new.json", **keywords: Any) -> Path:
        return self.file(name, {**SCHEMA, **keywords})

    def checkout(self) -> Path:
        """A copy of this checkout's sources and generated files, as ``generate`` needs them."""
        if self.root is None:
            self.root = self.folder / "checkout"
            for part in CHECKOUT_PARTS:
                source, target = ROOT / part, self.root / part
                if source.is_dir():
                    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
                else:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, target)
        return self.root

    def edit_declaration(self, change: Callable[[dict[str, Any]], Any]) -> Path:
        path = self.checkout() / DECLARATION
        document = json.loads(path.read_text(encoding="utf-8"))
        change(document)
        path.write_text(json.dumps(document, indent=2), encoding="utf-8")
        return path


@dataclass(frozen=True)
class Case:
    """One bad input: ``setup`` prepares it and returns (argv, the ``file#pointer`` or option
    the one line on stderr must name)."""

    id: str
    setup: Callable[[Workspace], tuple[list[str], str]]


def nested_items(depth: int) -> str:
    return '{"items": ' * depth + "{}" + "}" * depth


def _compat(new: Callable[[Workspace], Path], pointer: str = "") -> Callable[..., Any]:
    """``compat OLD NEW`` with a valid OLD and a bad NEW, expecting ``NEW#pointer``."""

    def setup(ws: Workspace) -> tuple[list[str], str]:
        path = new(ws)
        return ["compat", str(ws.schema("old.json")), str(path)], f"{path}#{pointer}"

    return setup


def _generate(
    change: Callable[[Workspace], Any], where: str, command: str = "generate"
) -> Callable[..., Any]:
    """``generate --root CHECKOUT`` after ``change`` broke the temporary checkout."""

    def setup(ws: Workspace) -> tuple[list[str], str]:
        root = ws.checkout()
        change(ws)
        return [command, "--root", str(root)], where

    return setup


def _set(document: dict[str, Any], pointer: str, value: Any) -> None:
    *parents, last = pointer.split("/")[1:]
    node = document
    for part in parents:
        node = node[part]
    node[last] = value


def _declaration(pointer: str, value: Any) -> Callable[[Workspace], Any]:
    return lambda ws: ws.edit_declaration(lambda document: _set(document, pointer, value))


def _huge(ws: Workspace, name: str) -> Path:
    """A file one byte over the limit, sparse: costs no disk and no time to make."""
    path = ws.folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.truncate(_io.MAX_DOCUMENT_BYTES + 1)
    return path


def _unreadable(ws: Workspace) -> Path:
    path = ws.schema("unreadable.json")
    path.chmod(0)
    return path


NOT_TOML = "[project\nname = 1"
CYCLE = {"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}}}

CASES = [
    # -- compat: the file itself ------------------------------------------------------------------
    Case("compat-missing-file", _compat(lambda ws: ws.folder / "absent.json")),
    Case("compat-unreadable-file", _compat(_unreadable)),
    Case(
        "compat-a-directory",
        lambda ws: (["compat", str(ws.schema("old.json")), str(ws.folder)], f"{ws.folder}: "),
    ),
    Case("compat-empty-file", _compat(lambda ws: ws.file("empty.json", b""))),
    Case("compat-blank-file", _compat(lambda ws: ws.file("blank.json", b" \n\t\n"))),
    Case("compat-not-json", _compat(lambda ws: ws.file("bad.json", "{'type': 'object'}"))),
    Case("compat-truncated-json", _compat(lambda ws: ws.file("cut.json", '{"type": "obj'))),
    Case("compat-not-utf8", _compat(lambda ws: ws.file("latin1.json", b'{"title": "caf\xe9"}'))),
    Case("compat-nan-is-not-json", _compat(lambda ws: ws.file("nan.json", '{"minimum": NaN}'))),
    Case("compat-huge-file", _compat(lambda ws: _huge(ws, "huge.json"))),
    Case("compat-path-through-a-file", _compat(lambda ws: ws.schema("plain.json") / "x.json")),
    # -- compat: JSON that is not a usable schema -------------------------------------------------
    Case("compat-json-array-is-not-a-schema", _compat(lambda ws: ws.file("array.json", [1, 2]))),
    Case("compat-json-string-is-not-a-schema", _compat(lambda ws: ws.file("string.json", '"x"'))),
    Case("compat-json-number-is-not-a-schema", _compat(lambda ws: ws.file("number.json", 5))),
    Case("compat-invalid-against-metaschema", _compat(lambda ws: ws.schema(type=5), "/type")),
    Case(
        "compat-invalid-deep-in-the-schema",
        _compat(lambda ws: ws.schema(properties={"a": {"minimum": "0"}}), "/properties/a/minimum"),
    ),
    Case(
        "compat-unknown-dialect",
        _compat(
            lambda ws: ws.file("d3.json", {"$schema": "http://json-schema.org/draft-03/schema#"}),
            "/$schema",
        ),
    ),
    Case(
        "compat-keyword-of-another-dialect",
        _compat(lambda ws: ws.file("d7.json", {"dependencies": {"a": ["b"]}}), "/dependencies"),
    ),
    Case(
        "compat-invalid-under-its-own-dialect",
        _compat(
            lambda ws: ws.file(
                "d4.json", {"$schema": "http://json-schema.org/draft-04/schema#", "required": []}
            ),
            "/required",
        ),
    ),
    Case(
        "compat-remote-ref-is-never-fetched",
        _compat(lambda ws: ws.schema(**{"$ref": "https://example.com/schema.json"}), "/$ref"),
    ),
    Case(
        "compat-remote-ref-deep-is-never-fetched",
        _compat(
            lambda ws: ws.schema(properties={"a": {"$ref": "http://127.0.0.1:9/a.json"}}),
            "/properties/a/$ref",
        ),
    ),
    Case("compat-dangling-ref", _compat(lambda ws: ws.schema(**{"$ref": "#/$defs/nope"}), "/$ref")),
    Case(
        "compat-dangling-urn-ref",
        _compat(lambda ws: ws.schema(**{"$ref": "urn:market-data:nowhere"}), "/$ref"),
    ),
    Case(
        "compat-ref-cycle-without-base-case",
        _compat(lambda ws: ws.schema(**{"$ref": "#/$defs/a"}, **CYCLE), "/$defs/"),
    ),
    Case(
        "compat-nesting-10000-deep",
        _compat(lambda ws: ws.file("deep.json", nested_items(10_000))),
    ),
    Case(
        "compat-invalid-regex-pattern",
        _compat(lambda ws: ws.schema(properties={"a": {"pattern": "(["}}), "/properties/a/pattern"),
    ),
    Case(
        "compat-invalid-regex-in-pattern-properties",
        _compat(lambda ws: ws.schema(patternProperties={"a(": {}}), "/patternProperties/a("),
    ),
    # -- compat: --ref files ----------------------------------------------------------------------
    Case(
        "compat-ref-file-without-id",
        lambda ws: (
            [
                "compat",
                str(ws.schema("old.json")),
                str(ws.schema()),
                "--ref",
                str(ws.schema("noid.json")),
            ],
            f"{ws.folder / 'noid.json'}#",
        ),
    ),
    Case(
        "compat-ref-file-missing",
        lambda ws: (
            [
                "compat",
                str(ws.schema("old.json")),
                str(ws.schema()),
                "--ref",
                str(ws.folder / "absent.json"),
            ],
            f"{ws.folder / 'absent.json'}#",
        ),
    ),
    # -- usage ------------------------------------------------------------------------------------
    Case(
        "usage-unknown-option",
        lambda ws: (
            ["compat", str(ws.schema("old.json")), str(ws.schema()), "--frobnicate"],
            "--frobnicate",
        ),
    ),
    Case("usage-missing-argument", lambda ws: (["compat", str(ws.schema("old.json"))], "NEW.json")),
    Case(
        "usage-mode-that-does-not-exist",
        lambda ws: (
            ["compat", str(ws.schema("old.json")), str(ws.schema()), "--mode", "sideways"],
            "--mode",
        ),
    ),
    Case(
        "usage-format-that-does-not-exist",
        lambda ws: (
            ["compat", str(ws.schema("old.json")), str(ws.schema()), "--format", "xml"],
            "--format",
        ),
    ),
    Case("usage-unknown-command", lambda ws: (["frobnicate"], "frobnicate")),
    Case("usage-no-command", lambda ws: ([], "COMMAND")),
    Case("usage-check-unknown-format", lambda ws: (["check", "--format", "yaml"], "--format")),
    # -- export -----------------------------------------------------------------------------------
    Case(
        "export-to-an-existing-file",
        lambda ws: (["export", str(ws.file("taken", "x"))], f"{ws.folder / 'taken'}: "),
    ),
    Case(
        "export-below-a-file",
        lambda ws: (
            ["export", str(ws.file("taken", "x") / "sub")],
            f"{ws.folder / 'taken' / 'sub'}: ",
        ),
    ),
    Case("export-without-a-folder", lambda ws: (["export"], "DIR")),
    # -- check and generate: the checkout ---------------------------------------------------------
    Case(
        "check-root-is-not-a-checkout",
        lambda ws: (["check", "--root", str(ws.folder)], f"{ws.folder}: "),
    ),
    Case(
        "generate-root-is-not-a-checkout",
        lambda ws: (["generate", "--root", str(ws.folder)], f"{ws.folder}: "),
    ),
    Case(
        "generate-root-does-not-exist",
        lambda ws: (["generate", "--root", str(ws.folder / "absent")], f"{ws.folder / 'absent'}: "),
    ),
    Case(
        "generate-root-is-a-file",
        lambda ws: (["generate", "--root", str(ws.file("plain", "x"))], f"{ws.folder / 'plain'}: "),
    ),
    Case(
        "generate-pyproject-is-not-toml",
        lambda ws: (
            ["generate", "--root", str(ws.checkout())],
            str(ws.file("checkout/pyproject.toml", NOT_TOML)) + "#",
        ),
    ),
    Case(
        "check-pyproject-is-not-toml",
        lambda ws: (
            ["check", "--root", str(ws.checkout())],
            f"{ws.file('checkout/pyproject.toml', 'name = = 1')}#",
        ),
    ),
    Case(
        "generate-pyproject-without-core-contracts",
        lambda ws: (
            ["generate", "--root", str(ws.checkout())],
            f"{ws.file('checkout/pyproject.toml', _pyproject_without_contracts())}"
            "#/tool/market-data-store-contracts/core-contracts",
        ),
    ),
    # -- generate: the Store's declarations -------------------------------------------------------
    Case(
        "generate-declaration-redefines-a-core-field",
        _generate(
            _declaration("/properties/ts", {"type": "string"}), f"{DECLARATION}#/properties/ts"
        ),
    ),
    Case(
        "generate-declaration-without-id",
        _generate(lambda ws: ws.edit_declaration(lambda d: d.pop("$id")), f"{DECLARATION}#/$id"),
    ),
    Case(
        "generate-declaration-with-a-foreign-id",
        _generate(_declaration("/$id", "urn:somebody:else:FeedbackEvent"), f"{DECLARATION}#/$id"),
    ),
    Case(
        "generate-declaration-invalid-against-metaschema",
        _generate(
            _declaration("/properties/reason/anyOf", {}), f"{DECLARATION}#/properties/reason/anyOf"
        ),
    ),
    Case(
        "generate-declaration-with-a-remote-ref",
        _generate(
            _declaration("/properties/extra", {"$ref": "https://example.com/extra.json"}),
            f"{DECLARATION}#/properties/extra",
        ),
    ),
    Case(
        "generate-declaration-with-a-dangling-ref",
        _generate(
            _declaration("/properties/extra", {"$ref": "#/$defs/missing"}),
            f"{DECLARATION}#/properties/extra",
        ),
    ),
    Case(
        "generate-declaration-with-an-invalid-regex",
        _generate(
            _declaration("/properties/extra", {"type": "string", "pattern": "(["}),
            f"{DECLARATION}#/properties/extra/pattern",
        ),
    ),
    Case(
        "generate-declaration-is-not-json",
        _generate(lambda ws: ws.file(f"checkout/{DECLARATION}", "{"), f"{DECLARATION}#"),
    ),
    Case(
        "generate-declaration-is-a-json-array",
        _generate(lambda ws: ws.file(f"checkout/{DECLARATION}", [1, 2]), f"{DECLARATION}#"),
    ),
    Case(
        "generate-declaration-is-empty",
        _generate(lambda ws: ws.file(f"checkout/{DECLARATION}", b""), f"{DECLARATION}#"),
    ),
    Case(
        "generate-declaration-nested-10000-deep",
        _generate(
            lambda ws: ws.file(f"checkout/{DECLARATION}", nested_items(10_000)), f"{DECLARATION}#"
        ),
    ),
    Case(
        "generate-declaration-nested-200-deep-which-json-can-read",
        _generate(
            _declaration("/properties/extra", json.loads(nested_items(200))),
            f"{DECLARATION}#/properties/extra/items/items/items",
        ),
    ),
    Case(
        "check-declaration-nested-200-deep-which-json-can-read",
        _generate(
            _declaration("/properties/extra", json.loads(nested_items(200))),
            f"{DECLARATION}#/properties/extra/items/items/items",
            "check",
        ),
    ),
    Case(
        "generate-declaration-is-huge",
        _generate(lambda ws: _huge(ws, f"checkout/{DECLARATION}"), f"{DECLARATION}#"),
    ),
    Case(
        "check-declaration-is-not-json",
        _generate(
            lambda ws: ws.file(f"checkout/{DECLARATION}", "nope"), f"{DECLARATION}#", "check"
        ),
    ),
]


def _pyproject_without_contracts() -> str:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return text.replace("core-contracts =", "not-core-contracts =")


def test_the_catalogue_has_at_least_25_cases_with_unique_ids_for_every_command() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) >= 25
    assert len(set(ids)) == len(ids)
    for command in ("compat", "check", "generate", "export", "usage"):
        assert any(case_id.startswith(f"{command}-") for case_id in ids), command


# -- the harness ----------------------------------------------------------------------------------


def _snapshot(folder: Path) -> dict[str, tuple[str, bytes | None, int]]:
    """Every entry below ``folder``: its kind, its bytes (files) and its mtime in ns."""
    entries: dict[str, tuple[str, bytes | None, int]] = {}
    for path in sorted(folder.rglob("*")):
        stat = path.lstat()
        if path.is_symlink() or not path.is_file():
            entries[path.relative_to(folder).as_posix()] = ("dir", None, stat.st_mtime_ns)
        elif stat.st_size > _io.MAX_DOCUMENT_BYTES:  # the sparse huge files: mtime only
            entries[path.relative_to(folder).as_posix()] = ("big", None, stat.st_mtime_ns)
        else:
            with open(path, "rb") as handle:  # not Path.read_bytes: a case may patch it
                data = handle.read()
            entries[path.relative_to(folder).as_posix()] = ("file", data, stat.st_mtime_ns)
    return entries


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Records (and refuses) every attempt to open a connection or resolve a name."""
    attempts: list[Any] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args)
        raise OSError("network access is not allowed in this test")

    monkeypatch.setattr(socket.socket, "connect", lambda self, *a: refuse(*a))
    monkeypatch.setattr(socket.socket, "connect_ex", lambda self, *a: refuse(*a))
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


@pytest.fixture
def isolated_codegen() -> Iterator[None]:
    """``generate --root TMP`` imports ``codegen`` from TMP; the session already imported this
    checkout's. Hide it for the case and restore it afterwards, as a fresh process would."""
    saved_modules = {
        name: module
        for name, module in sys.modules.items()
        if name == "codegen" or name.startswith("codegen.")
    }
    saved_path = list(sys.path)
    for name in saved_modules:
        del sys.modules[name]
    try:
        yield
    finally:
        for name in [n for n in sys.modules if n == "codegen" or n.startswith("codegen.")]:
            del sys.modules[name]
        sys.modules.update(saved_modules)
        sys.path[:] = saved_path


@pytest.fixture
def as_unprivileged_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000 does not stop root from reading. When running as root, make reading a file
    whose mode grants nothing fail the way the kernel fails it for anybody else (EACCES)."""
    if os.geteuid() != 0:
        return
    read_bytes = Path.read_bytes

    def guarded(self: Path) -> bytes:
        if self.exists() and self.stat().st_mode & 0o777 == 0:
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", guarded)


@pytest.mark.usefixtures("isolated_codegen", "as_unprivileged_reader")
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_exits_2_with_one_line_naming_the_file_and_pointer_and_writes_nothing(
    case: Case,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_network: list[Any],
) -> None:
    workspace = Workspace(tmp_path / "work")
    workspace.folder.mkdir()
    argv, where = case.setup(workspace)
    monkeypatch.chdir(workspace.folder)
    before = _snapshot(tmp_path)
    stdout, stderr = io.StringIO(), io.StringIO()

    code = run(argv, stdout, stderr)

    out, err = stdout.getvalue(), stderr.getvalue()
    assert "Traceback" not in out + err
    assert (code, out) == (2, ""), err
    assert err.endswith("\n")
    assert err.count("\n") == 1, f"expected one line on stderr, got:\n{err}"
    assert where in err, f"expected {where!r} in {err!r}"
    assert no_network == [], "a socket was opened"
    assert _snapshot(tmp_path) == before, "a file was written or changed"


# -- the harness can fail -------------------------------------------------------------------------


def test_the_network_guard_sees_a_connection_attempt(no_network: list[Any]) -> None:
    import urllib.request

    with pytest.raises(OSError, match="network access is not allowed"):
        urllib.request.urlopen("http://127.0.0.1:9/", timeout=1)
    assert no_network != []


@pytest.mark.codegen
@pytest.mark.usefixtures("isolated_codegen")
def test_the_snapshot_sees_what_a_successful_generate_writes(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path)
    root = workspace.checkout()
    workspace.edit_declaration(lambda document: document.update(description="Changed."))
    before = _snapshot(tmp_path)
    stdout, stderr = io.StringIO(), io.StringIO()
    assert run(["generate", "--root", str(root)], stdout, stderr) == 0, stderr.getvalue()
    assert "wrote src/market_data_store_contracts/_generated/feedback_event.py" in stdout.getvalue()
    assert _snapshot(tmp_path) != before
