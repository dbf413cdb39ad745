"""``store-contracts compat``, driven through ``cli.run`` with StringIO."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ._support import run_compat, write_json


@pytest.fixture
def pair(tmp_path: Path) -> tuple[str, str]:
    old = write_json(
        tmp_path,
        "old.json",
        {"type": "object", "properties": {"n": {"type": "integer", "minimum": 0}}},
    )
    new = write_json(
        tmp_path,
        "new.json",
        {"type": "object", "properties": {"n": {"type": "integer", "minimum": 1}}},
    )
    return old, new


def test_compatible_schemas_exit_zero_with_a_verdict_line(tmp_path: Path) -> None:
    old = write_json(tmp_path, "old.json", {"type": "string"})
    new = write_json(tmp_path, "new.json", {"type": ["string", "null"]})
    assert run_compat(old, new) == (
        0,
        f"{new} is compatible with {old} (backward): 0 proven break(s), 0 undecided finding(s).\n",
        "",
    )


def test_a_break_exits_one_and_prints_file_pointer_message_rule_and_witness(
    pair: tuple[str, str],
) -> None:
    old, new = pair
    code, out, err = run_compat(old, new)
    assert (code, err) == (1, "")
    assert out == (
        f'{new}#/properties/n/minimum: Property "n" raised its lower bound from minimum 0 '
        "to minimum 1 "
        'for integer values. (NUMBER_MINIMUM_RAISED) witness: {"n":0}\n'
        f"{new} is NOT compatible with {old} (backward): 1 proven break(s), "
        "0 undecided finding(s).\n"
    )


def test_json_format_is_the_report_as_a_dictionary(pair: tuple[str, str]) -> None:
    old, new = pair
    code, out, err = run_compat(old, new, "--format", "json")
    assert (code, err) == (1, "")
    data = json.loads(out)
    assert (data["verdict"], data["compatible"], data["mode"]) == (
        "incompatible",
        False,
        "backward",
    )
    assert [
        (f["rule_id"], f["status"], f["witness"], f["old_pointer"]) for f in data["findings"]
    ] == [("NUMBER_MINIMUM_RAISED", "proven", {"n": 0}, "/properties/n/minimum")]


def test_github_format_prints_one_error_annotation_per_break(pair: tuple[str, str]) -> None:
    old, new = pair
    code, out, err = run_compat(old, new, "--format", "github")
    assert (code, err) == (1, "")
    assert out == (
        f"::error file={new},title=NUMBER_MINIMUM_RAISED::/properties/n/minimum: "
        'Property "n" raised its lower bound from minimum 0 to minimum 1 for integer values. '
        'Witness: {"n":0}\n'
        "compat: incompatible\n"
    )


@pytest.fixture
def undecided(tmp_path: Path) -> tuple[str, str]:
    old = write_json(tmp_path, "old.json", {"type": "string", "pattern": "^[a-z]+$"})
    new = write_json(tmp_path, "new.json", {"type": "string", "pattern": "^(?=[a-z])[a-z0-9]+$"})
    return old, new


def test_an_undecided_pair_exits_five_and_says_so_in_every_format(
    undecided: tuple[str, str],
) -> None:
    old, new = undecided
    code, out, err = run_compat(old, new)
    assert (code, err) == (5, "")
    first, summary = out.splitlines()
    assert first.startswith(f"{new}#/pattern: ")
    assert "(PATTERN_UNDECIDED) [undecided] (no witness: undecided: " in first
    assert summary == (
        f"{new} is UNDECIDED (neither proven compatible nor proven incompatible) with {old} "
        "(backward): 0 proven break(s), 1 undecided finding(s)."
    )
    code, out, _ = run_compat(old, new, "--format", "json")
    data = json.loads(out)
    assert (code, data["verdict"], data["compatible"]) == (5, "undecided", False)
    assert [(f["status"], f["witness"]) for f in data["findings"]] == [("undecided", None)]
    assert data["findings"][0]["witness_note"].startswith("undecided: ")
    code, out, _ = run_compat(old, new, "--format", "github")
    annotation, summary = out.splitlines()
    assert code == 5
    assert annotation.startswith(f"::warning file={new},title=PATTERN_UNDECIDED::/pattern: ")
    assert " Undecided: undecided: " in annotation
    assert summary == "compat: undecided"


def test_forward_mode_reverses_the_question(pair: tuple[str, str]) -> None:
    old, new = pair
    assert run_compat(old, new, "--mode", "forward")[0] == 0
    assert run_compat(old, new, "--mode", "full")[0] == 1


def test_close_old_and_ref_prove_core_output_is_store_input(tmp_path: Path) -> None:
    core = {
        "$id": "urn:test:core",
        "type": "object",
        "properties": {"a": {"type": "string"}},
        "required": ["a"],
    }
    store = {
        "allOf": [{"$ref": "urn:test:core"}],
        "properties": {"reason": {"type": ["string", "null"]}},
    }
    core_file, store_file = (
        write_json(tmp_path, "core.json", core),
        write_json(tmp_path, "store.json", store),
    )
    assert run_compat(core_file, store_file, "--ref", core_file)[0] == 1
    code, out, err = run_compat(core_file, store_file, "--ref", core_file, "--close-old")
    assert (code, out, err) == (
        0,
        f"{store_file} is compatible with {core_file} (backward): 0 proven break(s), "
        "0 undecided finding(s).\n",
        "",
    )
    assert run_compat(store_file, core_file, "--ref", core_file, "--close-new")[0] == 1


def test_each_ref_file_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from market_data_store_contracts.compat import _reading

    base = {"$id": "urn:test:base", "type": "object", "properties": {"a": {"type": "string"}}}
    ref_file = write_json(tmp_path, "base.json", base)
    old = write_json(tmp_path, "old.json", {"$ref": "urn:test:base"})
    new = write_json(
        tmp_path,
        "new.json",
        {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$ref": "urn:test:base",
            "required": ["a"],
        },
    )
    reads: list[str] = []
    read_document = _reading.read_document

    def counting(document: object, name: str, *args: object, **kwargs: object) -> object:
        reads.append(name)
        return read_document(document, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_reading, "read_document", counting)
    monkeypatch.setattr("market_data_store_contracts.cli.compat.read_document", counting)
    assert run_compat(old, new, "--ref", ref_file)[0] == 1
    assert sorted(reads) == sorted([ref_file, old, new])


def test_a_missing_file_is_one_line_on_stderr_and_exit_two(tmp_path: Path) -> None:
    new = write_json(tmp_path, "new.json", True)
    missing = str(tmp_path / "nope.json")
    assert run_compat(missing, new) == (2, "", f"error: {missing}#: no such file\n")


def test_an_invalid_schema_is_one_line_naming_file_and_pointer(tmp_path: Path) -> None:
    old = write_json(tmp_path, "old.json", {"properties": {"a": {"$ref": "#/$defs/X"}}})
    new = write_json(tmp_path, "new.json", True)
    assert run_compat(old, new) == (
        2,
        "",
        f"error: {old}#/properties/a/$ref: $ref '#/$defs/X' does not resolve\n",
    )


def test_a_ref_file_without_an_id_is_refused(tmp_path: Path) -> None:
    plain = write_json(tmp_path, "plain.json", {"type": "string"})
    code, out, err = run_compat(plain, plain, "--ref", plain)
    assert (code, out) == (2, "")
    assert (
        err
        == f'error: {plain}#: has no $id, so no $ref can point to it (hint: add "$id": "urn:...")\n'
    )


def test_an_unknown_format_is_a_usage_error(pair: tuple[str, str]) -> None:
    code, out, err = run_compat(*pair, "--format", "xml")
    assert (code, out) == (2, "")
    assert "invalid choice: 'xml'" in err
    assert err.count("\n") == 1
