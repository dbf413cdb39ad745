"""Equivalent rewrites are compatible in both directions (mode ``full``)."""

from __future__ import annotations

from typing import Any

import pytest

from market_data_store_contracts.compat import check

REWRITES: dict[str, tuple[Any, Any]] = {
    "ref-vs-inline": (
        {
            "$defs": {"Level": {"type": "string", "enum": ["ok", "soft", "hard"]}},
            "type": "object",
            "properties": {"level": {"$ref": "#/$defs/Level"}},
            "required": ["level"],
        },
        {
            "type": "object",
            "properties": {"level": {"type": "string", "enum": ["ok", "soft", "hard"]}},
            "required": ["level"],
        },
    ),
    "type-list-vs-any-of": (
        {"type": ["string", "null"]},
        {"anyOf": [{"type": "string"}, {"type": "null"}]},
    ),
    "disjoint-one-of-vs-any-of": (
        {"oneOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]},
        {"anyOf": [{"type": "null"}, {"type": "integer"}, {"type": "string"}]},
    ),
    "integer-exclusive-minimum-zero-vs-minimum-one": (
        {"type": "integer", "exclusiveMinimum": 0},
        {"type": "integer", "minimum": 1},
    ),
    "integer-vs-number-multiple-of-one": ({"type": "integer"}, {"type": "number", "multipleOf": 1}),
    "const-vs-one-value-enum": ({"const": "store"}, {"enum": ["store"]}),
    "annotations-only": (
        {"type": "object", "properties": {"a": {"type": "string"}}},
        {
            "type": "object",
            "title": "T",
            "description": "D",
            "$comment": "c",
            "examples": [{}],
            "customBasePath": "x.Base",
            "x-owner": "store",
            "properties": {
                "a": {
                    "type": "string",
                    "default": "x",
                    "deprecated": True,
                    "readOnly": True,
                    "writeOnly": False,
                    "format": "email",
                    "title": "A",
                }
            },
        },
    ),
    "all-of-ref-vs-merged": (
        {
            "$defs": {
                "Base": {
                    "type": "object",
                    "properties": {"a": {"type": "integer"}},
                    "required": ["a"],
                }
            },
            "allOf": [{"$ref": "#/$defs/Base"}],
            "properties": {"b": {"type": "string"}},
        },
        {
            "type": "object",
            "properties": {"a": {"type": "integer"}, "b": {"type": "string"}},
            "required": ["a"],
        },
    ),
    "recursive-ref-vs-renamed-def": (
        {
            "$defs": {
                "Node": {
                    "type": "object",
                    "properties": {"kids": {"type": "array", "items": {"$ref": "#/$defs/Node"}}},
                }
            },
            "$ref": "#/$defs/Node",
        },
        {"type": "object", "properties": {"kids": {"type": "array", "items": {"$ref": "#"}}}},
    ),
    "boolean-true-vs-empty-schema": (True, {}),
    "additional-properties-vs-unevaluated-beside-all-of": (
        {
            "type": "object",
            "properties": {"a": {"type": "string"}},
            "patternProperties": {"^x-": {}},
            "additionalProperties": {"type": "integer"},
        },
        {
            "type": "object",
            "allOf": [
                {"properties": {"a": {"type": "string"}}},
                {"patternProperties": {"^x-": {}}},
            ],
            "unevaluatedProperties": {"type": "integer"},
        },
    ),
    "closed-object-vs-closed-extension-of-a-ref": (
        {
            "type": "object",
            "properties": {"symbol": {"type": "string"}, "reason": {"type": "string"}},
            "required": ["symbol"],
            "additionalProperties": False,
        },
        {
            "$defs": {
                "Base": {
                    "type": "object",
                    "properties": {"symbol": {"type": "string"}},
                    "required": ["symbol"],
                }
            },
            "allOf": [{"$ref": "#/$defs/Base"}, {"properties": {"reason": {"type": "string"}}}],
            "unevaluatedProperties": False,
        },
    ),
    "items-vs-unevaluated-items-beside-all-of": (
        {"type": "array", "prefixItems": [{"type": "string"}], "items": {"type": "integer"}},
        {
            "type": "array",
            "allOf": [{"prefixItems": [{"type": "string"}]}],
            "unevaluatedItems": {"type": "integer"},
        },
    ),
    "boolean-type-vs-enum-of-both": ({"type": "boolean"}, {"enum": [True, False]}),
}


@pytest.mark.parametrize(("old", "new"), list(REWRITES.values()), ids=list(REWRITES))
def test_equivalent_rewrites_are_compatible_both_ways(old: Any, new: Any) -> None:
    report = check(old, new, mode="full")
    assert report.findings == ()
    assert report.compatible is True


def test_a_rewrite_that_is_not_equivalent_is_caught_in_full_mode_but_not_backward() -> None:
    old, new = {"type": "integer"}, {"type": "number"}
    assert check(old, new, mode="backward").compatible is True
    full = check(old, new, mode="full")
    assert full.compatible is False
    assert [(f.rule_id, f.direction, f.witness) for f in full.findings] == [
        ("TYPE_NARROWED", "forward", 0.5)
    ]
