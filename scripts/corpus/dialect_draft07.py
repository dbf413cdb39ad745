"""Family ``dialect`` for draft-07: keywords and readings of draft-07 only."""

from __future__ import annotations

from collections.abc import Iterator

from ._shared import NO_WITNESS, Edit


def draft07_only() -> Iterator[Edit]:
    obj = {
        "type": "object",
        "properties": {"card": {"type": "string"}, "billing": {"type": "string"}},
    }
    yield (
        "dependencies-added",
        obj,
        {**obj, "dependencies": {"card": ["billing"]}},
        False,
        "a card now requires a billing address",
        {"card": "4242"},
    )
    yield (
        "dependencies-removed",
        {**obj, "dependencies": {"card": ["billing"]}},
        obj,
        True,
        "dropping a dependency only allows more",
        NO_WITNESS,
    )
    yield (
        "dependencies-swapped",
        {**obj, "dependencies": {"card": ["billing"]}},
        {**obj, "dependencies": {"billing": ["card"]}},
        False,
        "billing alone was fine before and now needs a card",
        {"billing": "x"},
    )
    yield (
        "dependencies-schema-form-added",
        obj,
        {**obj, "dependencies": {"card": {"required": ["billing"]}}},
        False,
        "the schema form of dependencies requires billing with a card",
        {"card": "4242"},
    )
    yield (
        "dependencies-array-to-schema-form",
        {**obj, "dependencies": {"card": ["billing"]}},
        {**obj, "dependencies": {"card": {"required": ["billing"]}}},
        True,
        "the same dependency written in the schema form",
        NO_WITNESS,
    )
    pair = {"type": "array", "items": [{"type": "number"}, {"type": "number"}]}
    yield (
        "tuple-closed-with-additional-items",
        pair,
        {**pair, "additionalItems": False},
        False,
        "a tuple without additionalItems accepts extra items",
        [1, 2, 3],
    )
    yield (
        "tuple-opened",
        {**pair, "additionalItems": False},
        pair,
        True,
        "dropping additionalItems: false only allows more",
        NO_WITNESS,
    )
    yield (
        "tuple-item-narrowed",
        pair,
        {"type": "array", "items": [{"type": "integer"}, {"type": "number"}]},
        False,
        "the first tuple member becomes an integer",
        [1.5, 2],
    )
    yield (
        "tuple-to-list",
        {**pair, "additionalItems": False},
        {"type": "array", "items": {"type": "number"}},
        True,
        "a closed pair of numbers is a list of numbers",
        NO_WITNESS,
    )
    yield (
        "list-to-tuple",
        {"type": "array", "items": {"type": "number"}},
        {**pair, "additionalItems": False},
        False,
        "a list may have three numbers",
        [1, 2, 3],
    )
    yield (
        "additional-items-typed",
        {**pair, "additionalItems": {"type": "number"}},
        {**pair, "additionalItems": {"type": "integer"}},
        False,
        "extra items beyond the tuple become integers",
        [1, 2, 3.5],
    )
    yield (
        "additional-items-without-tuple-ignored",
        {"type": "array"},
        {"type": "array", "items": {}, "additionalItems": False},
        True,
        "additionalItems is ignored when items is a single schema",
        NO_WITNESS,
    )
    defs = {"definitions": {"Code": {"type": "string", "maxLength": 8}}}
    yield (
        "ref-sibling-ignored-added",
        {**defs, "$ref": "#/definitions/Code"},
        {**defs, "$ref": "#/definitions/Code", "maxLength": 3},
        True,
        "before 2019-09 a $ref ignores its siblings, so the new maxLength is not applied",
        NO_WITNESS,
    )
    yield (
        "ref-sibling-ignored-removed",
        {**defs, "$ref": "#/definitions/Code", "minLength": 9},
        {**defs, "$ref": "#/definitions/Code"},
        True,
        "the ignored sibling made no difference in old either",
        NO_WITNESS,
    )
    yield (
        "ref-target-narrowed",
        {**defs, "$ref": "#/definitions/Code"},
        {"definitions": {"Code": {"type": "string", "maxLength": 4}}, "$ref": "#/definitions/Code"},
        False,
        "the referenced definition's maxLength drops",
        "abcdefgh",
    )
    yield (
        "definitions-renamed",
        {**defs, "$ref": "#/definitions/Code"},
        {
            "definitions": {"ShortCode": {"type": "string", "maxLength": 8}},
            "$ref": "#/definitions/ShortCode",
        },
        True,
        "renaming a definition changes no instance",
        NO_WITNESS,
    )
    yield (
        "if-then-added",
        obj,
        {**obj, "if": {"required": ["card"]}, "then": {"required": ["billing"]}},
        False,
        "if a card is given then billing is required",
        {"card": "4242"},
    )
    yield (
        "if-then-is-dependencies",
        {**obj, "dependencies": {"card": ["billing"]}},
        {**obj, "if": {"required": ["card"]}, "then": {"required": ["billing"]}},
        True,
        "if/then on required is the same as the dependency",
        NO_WITNESS,
    )
    yield (
        "exclusive-minimum-numeric",
        {"type": "number", "exclusiveMinimum": 0},
        {"type": "number", "minimum": 0},
        True,
        "x > 0 implies x >= 0",
        NO_WITNESS,
    )
    yield (
        "contains-draft07",
        {"type": "array"},
        {"type": "array", "contains": {"const": "admin"}},
        False,
        "an array needs an admin entry now",
        [],
    )
