"""The Store/Core directions stage keeps the checker's three verdicts apart: a proven break is
breaking, a claimed one without a verified witness is undecided, never a pass."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from market_data_store_contracts._gate import _directions
from market_data_store_contracts._gate._reading import Break, Reading


class _Project:
    def relative(self, path: Path) -> str:
        return path.name


CORE = {"type": "object", "properties": {"a": {"type": "string"}}}
DECLARATION = {"allOf": [{"$ref": "urn:core"}], "properties": {"b": {"type": "integer"}}}


def _findings(monkeypatch: pytest.MonkeyPatch, breaks: tuple[Break, ...]) -> list[Any]:
    monkeypatch.setattr(_directions, "read_by", lambda *_a, **_k: Reading(breaks))
    return list(
        _directions._both_ways(
            _Project(), Path("store.json"), DECLARATION, CORE, "core.Event", None
        )
    )


def test_a_break_without_a_verified_witness_is_undecided_in_both_directions(monkeypatch):
    claimed = Break("UNION_UNDECIDED", "It could not be decided.", "/w", "/r", None, "undecided: x")
    found = _findings(monkeypatch, (claimed,))
    assert [(f.code, f.severity, f.witness) for f in found] == [
        ("STORE_CORE_UNDECIDED", "undecided", None),
        ("STORE_CORE_UNDECIDED", "undecided", None),
    ]
    details = [dict(f.details) for f in found]
    assert [d["direction"] for d in details] == [
        "STORE_NOT_A_CORE_EVENT",
        "CORE_EVENT_NOT_A_STORE_EVENT",
    ]
    assert {(d["rule"], d["reason"]) for d in details} == {("UNION_UNDECIDED", "undecided: x")}
    assert [f.pointer for f in found] == ["/w", "/r"]
    assert found[0].message.endswith("(UNION_UNDECIDED); the checker cannot decide: undecided: x.")


def test_a_proven_break_keeps_its_direction_code_and_witness(monkeypatch):
    proven = Break("TYPE_NARROWED", "Narrowed.", "/w", "/r", {"a": 1}, None)
    found = _findings(monkeypatch, (proven,))
    assert [(f.code, f.severity, f.witness) for f in found] == [
        ("STORE_NOT_A_CORE_EVENT", "breaking", {"a": 1}),
        ("CORE_EVENT_NOT_A_STORE_EVENT", "breaking", {"a": 1}),
    ]


def test_a_field_both_declare_whose_meaning_is_undecided_is_no_conflict(monkeypatch):
    # two string branches that together take every string: the same meaning as a plain
    # string, which the checker cannot prove (nor refute with a witness)
    union = {"anyOf": [{"type": "string", "minLength": 1}, {"type": "string", "maxLength": 3}]}
    core: dict[str, Any] = {
        "type": "object",
        "properties": {"b": {"type": "string"}},
        "x-market-data-core": {"class": "core.Event"},
    }
    declaration = {"allOf": [{"$ref": "urn:core"}], "properties": {"b": union}}
    found = _directions._overlap(_Project(), Path("store.json"), declaration, core, None, "b")
    assert (found.code, found.severity, found.pointer) == (
        "STORE_CORE_UNDECIDED",
        "undecided",
        "/properties/b",
    )
    assert "cannot decide whether they mean the same" in found.message
    core["properties"]["b"] = {"type": "integer"}
    found = _directions._overlap(_Project(), Path("store.json"), declaration, core, None, "b")
    assert (found.code, found.severity) == ("STORE_EXTENSION_CONFLICTS", "breaking")
