"""The data-driven cases: one folder per rule, each with old.json, new.json, expected.json
(``compatible``, ``mode``, ``rule_ids``; optionally ``close_old``/``close_new``, a
``counterexample`` that once was called compatible, a ``witness`` the report must prove,
``verdict`` (else implied by the rules: "undecided" when every breaking rule is a
``*_UNDECIDED`` one, "incompatible" otherwise) and ``undecided``: words the reason of an
undecided finding must contain)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from market_data_store_contracts.compat import RULES, check

from ._support import assert_witnesses_hold, validator

CASES = Path(__file__).parent / "cases"
CASE_DIRS = sorted(path for path in CASES.glob("*/*") if path.is_dir())

#: Rules that can only fire one way, with the reason.
ONE_WAY = {
    # An info rule: an empty old side is contained in anything, so its cases are all compatible.
    "OLD_SCHEMA_EMPTY": {True},
}


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _case(case: Path) -> tuple[Any, Any, Any, dict[str, bool]]:
    """A case folder's old and new schema, its expected.json, and its close_old/close_new."""
    old, new, expected = (
        _load(case / "old.json"),
        _load(case / "new.json"),
        _load(case / "expected.json"),
    )
    flags = {
        "close_old": expected.get("close_old", False),
        "close_new": expected.get("close_new", False),
    }
    return old, new, expected, flags


@pytest.mark.parametrize(
    "case", CASE_DIRS, ids=[f"{path.parent.name}/{path.name}" for path in CASE_DIRS]
)
def test_each_case_gets_the_expected_verdict_rules_and_verified_witnesses(case: Path) -> None:
    old, new, expected, flags = _case(case)
    report = check(old, new, mode=expected["mode"], **flags)
    assert report.compatible is expected["compatible"]
    assert sorted({finding.rule_id for finding in report.findings}) == expected["rule_ids"]
    witnesses = assert_witnesses_hold(report, old, new, **flags)
    proven = [f for f in report.findings if f.has_witness]
    assert witnesses == len(proven), "every proven break carries a verified witness"
    assert not any(f.has_witness for f in report.findings if f.rule_id.endswith("_UNDECIDED"))
    assert report.verdict == _expected_verdict(expected)
    if "witness" in expected:  # a regression case of a break once reported without a witness
        assert expected["witness"] in [f.witness for f in report.findings if f.has_witness]
    if "undecided" in expected:  # why the checker could not decide, as it says it
        notes = [finding.witness_note or "" for finding in report.findings]
        assert any(expected["undecided"] in note for note in notes), notes
    if "counterexample" in expected:  # a regression case of a once false "compatible"
        assert expected["compatible"] is False
        old_validator = validator(old, None, flags["close_old"])
        new_validator = validator(new, None, flags["close_new"])
        assert old_validator.is_valid(expected["counterexample"])
        assert not new_validator.is_valid(expected["counterexample"])


def _expected_verdict(expected: dict[str, Any]) -> str:
    """The verdict a case pins (``verdict``), or else the one its rules imply: "undecided" when
    every breaking rule is a ``*_UNDECIDED`` one."""
    if "verdict" in expected:
        return str(expected["verdict"])
    if expected["compatible"]:
        return "compatible"
    breaking = [rule for rule in expected["rule_ids"] if RULES[rule].breaking]
    return "undecided" if all(rule.endswith("_UNDECIDED") for rule in breaking) else "incompatible"


def _reversed_unions(document: Any) -> Any:
    """The same schema with every anyOf/oneOf list in reverse order (same instance set)."""
    if isinstance(document, list):
        return [_reversed_unions(item) for item in document]
    if not isinstance(document, dict):
        return document
    out = {key: _reversed_unions(value) for key, value in document.items()}
    for keyword in ("anyOf", "oneOf"):
        if isinstance(out.get(keyword), list):
            out[keyword] = out[keyword][::-1]
    return out


UNION_CASES = [
    path
    for path in CASE_DIRS
    if '"anyOf"'
    in (path / "old.json").read_text(encoding="utf-8")
    + (path / "new.json").read_text(encoding="utf-8")
    or '"oneOf"'
    in (path / "old.json").read_text(encoding="utf-8")
    + (path / "new.json").read_text(encoding="utf-8")
]


@pytest.mark.parametrize(
    "case", UNION_CASES, ids=[f"{path.parent.name}/{path.name}" for path in UNION_CASES]
)
def test_the_order_of_union_options_never_changes_a_verdict(case: Path) -> None:
    old, new, expected, flags = _case(case)
    variants = [(_reversed_unions(old), _reversed_unions(new))]
    if old != new:  # a schema compared with itself may be decided by being the same text
        variants += [(_reversed_unions(old), new), (old, _reversed_unions(new))]
    for old_side, new_side in variants:
        report = check(old_side, new_side, mode=expected["mode"], **flags)
        assert report.compatible is expected["compatible"]
        assert_witnesses_hold(report, old_side, new_side, **flags)


def test_every_case_folder_names_a_registered_rule() -> None:
    assert CASE_DIRS
    unknown = {path.parent.name for path in CASE_DIRS} - set(RULES)
    assert unknown == set()


def test_every_rule_has_a_compatible_and_an_incompatible_case() -> None:
    seen: dict[str, set[bool]] = {rule_id: set() for rule_id in RULES}
    for path in CASE_DIRS:
        seen[path.parent.name].add(_load(path / "expected.json")["compatible"])
    missing = {
        rule_id: verdicts
        for rule_id, verdicts in seen.items()
        if verdicts != ONE_WAY.get(rule_id, {True, False})
    }
    assert missing == {}


def test_every_rule_fires_in_an_incompatible_case_filed_under_it() -> None:
    fired: set[str] = set()
    for path in CASE_DIRS:
        expected = _load(path / "expected.json")
        if not expected["compatible"]:
            assert expected["rule_ids"], path
        if path.parent.name in expected["rule_ids"]:
            fired.add(path.parent.name)
    assert set(RULES) - fired == set()


def test_every_rule_has_an_id_in_buf_grammar_and_a_purpose_sentence() -> None:
    for rule_id, rule in RULES.items():
        assert rule.id == rule_id
        assert rule_id.isupper()
        assert " " not in rule_id
        assert not rule_id.startswith("_")
        assert rule.purpose.startswith("Checks ")
        assert rule.purpose.endswith(".")
        assert rule.scope in {
            "values",
            "missing",
            "branch",
            "union",
            "caveat",
            "property",
            "other",
            "names",
            "root",
        }
