"""Family ``dialect`` for 2020-12: keywords and readings of 2020-12 only."""

from __future__ import annotations

from collections.abc import Iterator

from ._shared import NO_WITNESS, Edit


def draft2020_only() -> Iterator[Edit]:
    obj = {
        "type": "object",
        "properties": {"card": {"type": "string"}, "billing": {"type": "string"}},
    }
    yield (
        "dependent-required-added",
        obj,
        {**obj, "dependentRequired": {"card": ["billing"]}},
        False,
        "a card now requires a billing address",
        {"card": "4242"},
    )
    yield (
        "dependent-required-removed",
        {**obj, "dependentRequired": {"card": ["billing"]}},
        obj,
        True,
        "dropping a dependency only allows more",
        NO_WITNESS,
    )
    yield (
        "dependent-required-widened",
        {**obj, "dependentRequired": {"card": ["billing"]}},
        {**obj, "dependentRequired": {"card": []}},
        True,
        "a card requires nothing more",
        NO_WITNESS,
    )
    yield (
        "dependent-schemas-added",
        obj,
        {**obj, "dependentSchemas": {"card": {"properties": {"billing": {"minLength": 5}}}}},
        False,
        "with a card, billing needs five characters",
        {"card": "1", "billing": "x"},
    )
    yield (
        "dependent-schemas-removed",
        {**obj, "dependentSchemas": {"card": {"required": ["billing"]}}},
        obj,
        True,
        "dropping a dependent schema only allows more",
        NO_WITNESS,
    )
    yield (
        "dependent-schemas-to-required",
        {**obj, "dependentSchemas": {"card": {"required": ["billing"]}}},
        {**obj, "dependentRequired": {"card": ["billing"]}},
        True,
        "the same dependency, written with dependentRequired",
        NO_WITNESS,
    )
    pair = {"type": "array", "prefixItems": [{"type": "number"}, {"type": "number"}]}
    yield (
        "prefix-items-closed",
        pair,
        {**pair, "items": False},
        False,
        "a tuple without items: false accepts extra items",
        [1, 2, 3],
    )
    yield (
        "prefix-items-opened",
        {**pair, "items": False},
        pair,
        True,
        "dropping items: false only allows more",
        NO_WITNESS,
    )
    yield (
        "prefix-items-narrowed",
        pair,
        {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "number"}]},
        False,
        "the first tuple member becomes an integer",
        [1.5, 2],
    )
    yield (
        "prefix-items-member-added",
        {**pair, "items": False},
        {
            "type": "array",
            "prefixItems": [*pair["prefixItems"], {"type": "string"}],
            "items": False,
        },
        True,
        "a closed pair may now have a third string member",
        NO_WITNESS,
    )
    yield (
        "prefix-items-min-items",
        {**pair, "items": False},
        {**pair, "items": False, "minItems": 2},
        False,
        "a shorter tuple was allowed",
        [1],
    )
    yield (
        "tuple-to-list-2020",
        {**pair, "items": False},
        {"type": "array", "items": {"type": "number"}},
        True,
        "a closed pair of numbers is a list of numbers",
        NO_WITNESS,
    )
    yield ("const-changed", {"const": "v1"}, {"const": "v2"}, False, "a different const", "v1")
    yield (
        "const-to-enum",
        {"const": "v1"},
        {"enum": ["v1", "v2"]},
        True,
        "an enum holding the const",
        NO_WITNESS,
    )
    yield (
        "const-integer-vs-float",
        {"const": 1},
        {"const": 1.0},
        True,
        "1 and 1.0 are the same JSON number",
        NO_WITNESS,
    )
    yield (
        "const-true-vs-one",
        {"const": True},
        {"const": 1},
        False,
        "true is not the number 1 in JSON Schema",
        True,
    )
    defs = {"$defs": {"Code": {"type": "string", "maxLength": 8}}}
    yield (
        "ref-sibling-honoured-added",
        {**defs, "$ref": "#/$defs/Code"},
        {**defs, "$ref": "#/$defs/Code", "maxLength": 3},
        False,
        "from 2019-09 on a $ref's siblings apply",
        "abcd",
    )
    yield (
        "ref-sibling-honoured-removed",
        {**defs, "$ref": "#/$defs/Code", "maxLength": 3},
        {**defs, "$ref": "#/$defs/Code"},
        True,
        "dropping a sibling constraint only allows more",
        NO_WITNESS,
    )
    base = {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}
    yield (
        "unevaluated-properties-added",
        {"allOf": [base], "properties": {"note": {"type": "string"}}},
        {
            "allOf": [base],
            "properties": {"note": {"type": "string"}},
            "unevaluatedProperties": False,
        },
        False,
        "names neither the allOf nor properties evaluate are now refused",
        {"id": "a", "extra": 1},
    )
    yield (
        "unevaluated-properties-removed",
        {"allOf": [base], "unevaluatedProperties": False},
        {"allOf": [base]},
        True,
        "dropping unevaluatedProperties: false only allows more",
        NO_WITNESS,
    )
    yield (
        "unevaluated-properties-extension",
        {"allOf": [base], "unevaluatedProperties": False},
        {
            "allOf": [base],
            "properties": {"note": {"type": "string"}},
            "unevaluatedProperties": False,
        },
        True,
        "the closed object now also allows note",
        NO_WITNESS,
    )
    yield (
        "unevaluated-properties-vs-additional",
        {**base, "additionalProperties": False},
        {"allOf": [base], "unevaluatedProperties": False},
        True,
        "both allow exactly the name id",
        NO_WITNESS,
    )
    yield (
        "unevaluated-items-added",
        {"type": "array", "prefixItems": [{"type": "string"}]},
        {"type": "array", "prefixItems": [{"type": "string"}], "unevaluatedItems": False},
        False,
        "items past the prefix are refused now",
        ["a", 1],
    )
    yield (
        "if-then-else-added",
        obj,
        {
            **obj,
            "if": {"required": ["card"]},
            "then": {"required": ["billing"]},
            "else": {"maxProperties": 1},
        },
        False,
        "without a card, at most one property",
        {"billing": "x", "other": 1},
    )
    yield (
        "if-const-then",
        {"type": "object", "properties": {"kind": {"enum": ["a", "b"]}}},
        {
            "type": "object",
            "properties": {"kind": {"enum": ["a", "b"]}},
            "if": {"properties": {"kind": {"const": "a"}}, "required": ["kind"]},
            "then": {"required": ["a_id"]},
        },
        False,
        "kind a now needs a_id",
        {"kind": "a"},
    )
    yield (
        "not-type-null-added",
        {"type": ["string", "null"]},
        {"type": ["string", "null"], "not": {"type": "null"}},
        False,
        "null is excluded",
        None,
    )
    yield (
        "not-enum-narrowed",
        {"type": "string", "not": {"enum": ["a", "b"]}},
        {"type": "string", "not": {"enum": ["a"]}},
        True,
        "fewer excluded values only allows more",
        NO_WITNESS,
    )
    yield (
        "contains-min-contains",
        {"type": "array", "contains": {"type": "integer"}},
        {"type": "array", "contains": {"type": "integer"}, "minContains": 2},
        False,
        "one integer was enough",
        [1],
    )
    yield (
        "property-names-max-length",
        {"type": "object"},
        {"type": "object", "propertyNames": {"maxLength": 3}},
        False,
        "long names are refused",
        {"long_name": 1},
    )
