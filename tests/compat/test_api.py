"""The public surface: names, frozen results, stable ordering, formats."""

from __future__ import annotations

import dataclasses
import json

import pytest

from market_data_store_contracts import compat
from market_data_store_contracts._output import FORMATS, of_compat
from market_data_store_contracts.compat import RULES, Finding, Report, check


def test_all_is_exactly_the_sorted_public_names() -> None:
    public = sorted(name for name in vars(compat) if not name.startswith("_"))
    # isort order, as ruff keeps it: CONSTANTS, then Classes, then functions
    assert compat.__all__ == sorted(
        compat.__all__, key=lambda n: (not n.isupper(), not n[0].isupper(), n)
    )
    assert set(compat.__all__) == {
        "DIALECTS",
        "RULES",
        "ContractsError",
        "Finding",
        "Notice",
        "Report",
        "Rule",
        "StoreContractsError",
        "check",
    }
    assert set(public) >= set(compat.__all__)


def test_findings_and_reports_are_frozen() -> None:
    report = check({"enum": ["a", "b"]}, {"enum": ["a"]})
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.findings[0].rule_id = "X"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.mode = "forward"  # type: ignore[misc]


def test_to_dict_round_trips_through_json() -> None:
    report = check({"enum": ["a", "b"]}, {"enum": ["a"]})
    data = json.loads(json.dumps(report.to_dict()))
    assert data == {
        "verdict": "incompatible",
        "compatible": False,
        "mode": "backward",
        "old": "old",
        "new": "new",
        "findings": [
            {
                "rule_id": "ENUM_VALUE_REMOVED",
                "breaking": True,
                "old_pointer": "/enum",
                "new_pointer": "",
                "message": 'The schema no longer accepts the value "b".',
                "direction": "backward",
                "status": "proven",
                "witness": "b",
            }
        ],
    }


def test_findings_are_sorted_deduplicated_and_stable() -> None:
    old = {"type": "object", "properties": {n: {"type": "integer"} for n in "zyxabc"}}
    new = {"type": "object", "properties": {n: {"type": "string"} for n in "abcxyz"}}
    first, second = check(old, new, mode="full"), check(old, new, mode="full")
    assert first == second
    keys = [f.sort_key() for f in first.findings]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)
    assert [f.old_pointer for f in first.findings if f.direction == "backward"] == [
        f"/properties/{n}/type" for n in "abcxyz"
    ]


def test_undecided_findings_are_breaking_without_a_witness_and_say_why() -> None:
    report = check(
        {"type": "string", "pattern": "^[a-z]+$"},
        {"type": "string", "pattern": "^(?=[a-z])[a-z0-9]+$"},
    )
    (finding,) = report.findings
    assert (finding.rule_id, finding.breaking, finding.witness) == ("PATTERN_UNDECIDED", True, None)
    assert finding.witness_note is not None
    assert finding.witness_note.startswith("undecided: ")
    assert "a lookahead or lookbehind" in finding.witness_note
    assert finding.status == "undecided"
    assert finding.to_dict()["status"] == "undecided"
    assert (report.verdict, report.compatible) == ("undecided", False)
    assert report.to_dict()["verdict"] == "undecided"


def test_a_proven_break_outweighs_an_undecided_finding() -> None:
    old = {"properties": {"a": {"type": "integer"}, "b": {"type": "string", "pattern": "^[a-z]+$"}}}
    new = {
        "properties": {
            "a": {"type": "string"},
            "b": {"type": "string", "pattern": "^(?=[a-z])[a-z0-9]+$"},
        }
    }
    report = check(old, new)
    assert {f.rule_id: f.status for f in report.findings} == {
        "TYPE_NARROWED": "proven",
        "PATTERN_UNDECIDED": "undecided",
    }
    assert (report.verdict, report.compatible) == ("incompatible", False)


def test_a_breaking_finding_whose_witness_is_not_verified_is_undecided() -> None:
    claimed = Finding("TYPE_NARROWED", True, "", "", "m", witness_note="no instance was found")
    assert claimed.status == "undecided"
    assert Report("backward", (claimed,)).verdict == "undecided"
    proven = Finding("TYPE_NARROWED", True, "", "", "m", witness=0)
    assert proven.status == "proven"
    assert Report("backward", (claimed, proven)).verdict == "incompatible"


def test_an_info_finding_does_not_make_a_report_incompatible() -> None:
    report = check(False, {"type": "null"})
    assert [(f.rule_id, f.breaking) for f in report.findings] == [("OLD_SCHEMA_EMPTY", False)]
    assert report.findings[0].status == "info"
    assert (report.verdict, report.compatible) == ("compatible", True)


def test_every_format_renders_every_report() -> None:
    report = check({"type": "integer"}, {"type": "string"}, mode="full")
    assert sorted(FORMATS) == ["github", "json", "text"]
    for name, render in FORMATS.items():
        text = render(of_compat(report))
        assert text.endswith("\n"), name
        assert "TYPE_NARROWED" in text, name


def test_a_finding_without_witness_prints_its_note_in_text() -> None:
    report = check({"type": "integer"}, {"oneOf": [{"type": "integer"}, {"minimum": 0}]})
    line = FORMATS["text"](of_compat(report)).splitlines()[0]
    assert line.startswith("new#/oneOf: The schema could not be decided: ")
    assert line.endswith(
        "(ONE_OF_UNDECIDED) [undecided] (no witness: undecided: its oneOf branches may overlap, "
        "and an instance matching two of them is rejected)"
    )


def test_rules_table_maps_ids_to_rules() -> None:
    assert all(isinstance(rule, compat.Rule) and rule.id == key for key, rule in RULES.items())
    assert isinstance(Finding, type)
    assert isinstance(Report, type)
