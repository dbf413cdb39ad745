"""``unevaluatedProperties``/``unevaluatedItems``: decided where what they leave is known
statically, pointing into the file as written; undecided elsewhere, saying which keyword made it
so."""

from __future__ import annotations

from typing import Any

from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from market_data_store_contracts.compat import check

from ._support import assert_witnesses_hold

S2019 = "https://json-schema.org/draft/2019-09/schema"
BASE = {
    "type": "object",
    "properties": {"symbol": {"type": "string"}},
    "required": ["symbol"],
}


def _closed_extension(extra: dict[str, Any], unevaluated: Any = False) -> dict[str, Any]:
    return {
        "$defs": {"Base": BASE},
        "allOf": [{"$ref": "#/$defs/Base"}, {"properties": extra}],
        "unevaluatedProperties": unevaluated,
    }


def _reasons(report: Any) -> list[str]:
    return [f.witness_note or "" for f in report.findings if f.rule_id == "KEYWORD_UNDECIDED"]


def test_a_property_a_closed_extension_drops_is_reported_with_a_verified_witness() -> None:
    old = _closed_extension({"reason": {"type": "string"}})
    new = _closed_extension({})
    report = check(old, new)
    assert not report.compatible
    [finding] = report.findings
    assert finding.rule_id == "PROPERTY_REMOVED"
    assert (finding.old_pointer, finding.new_pointer) == (
        "/allOf/1/properties/reason",
        "/unevaluatedProperties",
    )
    assert finding.witness == {"symbol": "", "reason": ""}
    assert assert_witnesses_hold(report, old, new) == 1


def test_a_base_that_gains_an_optional_property_keeps_a_closed_extension_compatible() -> None:
    old = _closed_extension({"reason": {"type": "string"}})
    new = _closed_extension({"reason": {"type": "string"}})
    new["$defs"]["Base"] = {**BASE, "properties": {**BASE["properties"], "venue": {}}}
    assert check(old, new).findings == ()
    assert not check(old, new, mode="forward").compatible


def test_a_finding_inside_the_moved_subschema_points_at_it_as_written_in_2019_09() -> None:
    def document(tail: Any) -> dict[str, Any]:
        return {
            "$schema": S2019,
            "allOf": [{"properties": {"a": {}}}],
            "unevaluatedProperties": {"items": [{"type": "string"}], "additionalItems": tail},
        }

    report = check(document({}), document(False))
    assert not report.compatible
    [finding] = report.findings
    assert finding.new_pointer == "/unevaluatedProperties/additionalItems"
    assert finding.witness == {"x-compat-extra": ["", None]}


def test_an_any_of_of_one_subschema_is_read_as_an_all_of() -> None:
    old = {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": False}
    new = {"anyOf": [{"properties": {"a": {"type": "string"}}}], "unevaluatedProperties": False}
    assert check(old, new).compatible


def test_an_unevaluated_keyword_under_a_conditional_stays_undecided_saying_where() -> None:
    old = {"type": "object", "properties": {"a": {}, "b": {}}, "additionalProperties": False}
    cases = {
        "the subschema at /then evaluates the name 'b' only where the if holds": {
            "properties": {"a": {}},
            "if": {"required": ["a"]},
            "then": {"properties": {"b": {}}},
            "unevaluatedProperties": False,
        },
        "the subschema at /dependentSchemas/a evaluates the name 'b' only where the object "
        "has that name": {
            "properties": {"a": {}},
            "dependentSchemas": {"a": {"properties": {"b": {}}}},
            "unevaluatedProperties": False,
        },
        "$dynamicRef at /allOf/0/$dynamicRef is resolved in the dynamic scope": {
            "$defs": {"x": {"$dynamicAnchor": "x", "properties": {"a": {}, "b": {}}}},
            "allOf": [{"$dynamicRef": "#x"}],
            "unevaluatedProperties": False,
        },
    }
    for reason, new in cases.items():
        report = check(old, new)
        assert not report.compatible
        assert any(reason in note for note in _reasons(report)), (reason, _reasons(report))


def test_contains_keeps_unevaluated_items_undecided_unless_every_item_is_evaluated() -> None:
    old = {"type": "array", "prefixItems": [{}], "items": False}
    new = {"prefixItems": [{}], "contains": {"type": "string"}, "unevaluatedItems": False}
    assert any(
        "the subschema at /contains evaluates the items it matches only where they match" in r
        for r in _reasons(check(old, new))
    )
    # beside items, every item is evaluated whatever contains matches: decided
    assert _reasons(check(old, {**new, "items": False})) == []


def test_a_ref_into_an_unevaluated_keyword_keeps_it_as_written() -> None:
    new = {
        "properties": {"a": {"$ref": "#/unevaluatedProperties"}},
        "unevaluatedProperties": {"type": "string"},
    }
    report = check({"type": "object", "additionalProperties": {"type": "string"}}, new)
    assert not report.compatible
    assert any("a $ref points into an unevaluatedProperties" in r for r in _reasons(report))


def test_a_ref_into_a_draft_07_resource_keeps_it_undecided_naming_the_dialect() -> None:
    uri = "https://example.com/base.json"
    base = {"$schema": "http://json-schema.org/draft-07/schema#", **BASE}
    registry: Registry[Any] = Registry().with_resource(uri, Resource.from_contents(base, DRAFT7))
    new = {"allOf": [{"$ref": uri}], "unevaluatedProperties": False}
    report = check({"type": "object", "properties": {"symbol": {}}}, new, registry=registry)
    assert not report.compatible
    assert any("is read as JSON Schema draft-07" in r for r in _reasons(report))


def test_the_closed_view_still_leaves_an_object_with_unevaluated_properties_open() -> None:
    # closing the old side must not close the extension itself: "extra" stays allowed
    old = {
        "type": "object",
        "allOf": [{"properties": {"a": {}}}],
        "properties": {"b": {}},
        "unevaluatedProperties": {"type": "string"},
    }
    new = {
        "type": "object",
        "properties": {"a": {}, "b": {}},
        "additionalProperties": {"type": "string"},
    }
    assert check(old, new, mode="full", close_old=True).compatible
