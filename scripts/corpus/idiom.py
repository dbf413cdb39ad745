"""Family ``idiom``: what generated and bundled schemas write."""

from __future__ import annotations

from collections.abc import Iterator

from ._shared import NO_WITNESS, Edit, _c, _edit


def idiom_edits() -> Iterator[Edit]:
    """Idioms that generated and bundled schemas use: Pydantic's wrappers, maps, bundles with
    ``$id``, anchors, recursion, untyped bounds, overlapping unions."""
    level = {"type": "string", "enum": ["ok", "soft", "hard"]}
    wrapped = {
        "$defs": {"Level": level},
        "type": "object",
        "properties": {"level": {"allOf": [{"$ref": "#/$defs/Level"}], "default": "ok"}},
    }
    bare = {
        "$defs": {"Level": level},
        "type": "object",
        "properties": {"level": {"$ref": "#/$defs/Level", "default": "ok"}},
    }
    yield (
        "pydantic-allof-ref-unwrapped",
        wrapped,
        bare,
        True,
        "Pydantic < 2.9 wraps a $ref with siblings in allOf; 2.9 writes the bare $ref",
        NO_WITNESS,
    )
    yield (
        "pydantic-allof-ref-enum-narrowed",
        wrapped,
        _edit(bare, lambda n: n["$defs"]["Level"]["enum"].remove("hard")),
        False,
        "the unwrapped $ref also lost an enum value",
        {"level": "hard"},
    )
    counts = {"type": "object", "additionalProperties": {"type": "integer"}}
    yield (
        "map-values-widened",
        counts,
        {"type": "object", "additionalProperties": {"type": "number"}},
        True,
        "dict[str, int] becomes dict[str, float]",
        NO_WITNESS,
    )
    yield (
        "map-values-narrowed",
        {"type": "object", "additionalProperties": {"type": "number"}},
        counts,
        False,
        "dict[str, float] becomes dict[str, int]",
        {"a": 0.5},
    )
    yield (
        "map-keys-restricted",
        counts,
        {**counts, "propertyNames": {"enum": ["bid", "ask"]}},
        False,
        "a map gets a closed set of keys",
        {"last": 1},
    )
    yield (
        "map-keys-widened",
        {**counts, "propertyNames": {"enum": ["bid", "ask"]}},
        {**counts, "propertyNames": {"enum": ["bid", "ask", "last"]}},
        True,
        "a map's closed set of keys gains one",
        NO_WITNESS,
    )
    customer = {
        "$id": "https://example.com/schemas/customer",
        "type": "object",
        "properties": {"id": {"type": "string"}, "tier": {"enum": ["gold", "silver"]}},
        "required": ["id"],
    }
    bundle = {
        "$id": "https://example.com/schemas/order",
        "type": "object",
        "$defs": {"customer": customer},
        "properties": {"customer": {"$ref": "customer"}},
        "required": ["customer"],
    }
    yield (
        "bundled-id-ref-same",
        bundle,
        _edit(bundle, lambda n: n.update(description="An order.")),
        True,
        "a bundle whose resource is referenced by its relative $id; only a description changes",
        NO_WITNESS,
    )
    yield (
        "bundled-id-ref-narrowed",
        bundle,
        _edit(bundle, lambda n: n["$defs"]["customer"]["properties"]["tier"]["enum"].pop()),
        False,
        "the bundled resource's enum loses a value",
        {"customer": {"id": "c", "tier": "silver"}},
    )
    yield (
        "bundled-id-ref-to-pointer",
        bundle,
        _edit(
            bundle,
            lambda n: (
                n["$defs"]["customer"].pop("$id"),
                n["properties"]["customer"].update({"$ref": "#/$defs/customer"}),
            ),
        ),
        True,
        "the same resource referenced by a JSON pointer instead of its $id",
        NO_WITNESS,
    )
    tree = {
        "type": "object",
        "properties": {
            "value": {"type": "integer"},
            "children": {"type": "array", "items": {"$ref": "#"}},
        },
        "required": ["value"],
    }
    yield (
        "recursive-leaf-widened",
        tree,
        _edit(tree, lambda n: n["properties"]["value"].update(type="number")),
        True,
        "every node of a recursive tree may now hold a number",
        NO_WITNESS,
    )
    yield (
        "recursive-leaf-narrowed",
        tree,
        _edit(tree, lambda n: n["properties"]["value"].update(minimum=0)),
        False,
        "a negative value deep in the tree is refused",
        {"value": 1, "children": [{"value": -1}]},
    )
    yield (
        "recursive-via-defs",
        tree,
        {
            "$defs": {
                "Node": _c(tree)
                | {
                    "properties": {
                        "value": {"type": "integer"},
                        "children": {"type": "array", "items": {"$ref": "#/$defs/Node"}},
                    }
                }
            },
            "$ref": "#/$defs/Node",
        },
        True,
        "the same tree written through $defs",
        NO_WITNESS,
    )
    yield (
        "untyped-bound-gets-type",
        {"minimum": 0},
        {"type": "number", "minimum": 0},
        False,
        "a bound alone constrains only numbers; old accepts any string",
        "text",
    )
    yield (
        "typed-bound-loses-type",
        {"type": "number", "minimum": 0},
        {"minimum": 0},
        True,
        "dropping the type only allows more",
        NO_WITNESS,
    )
    yield (
        "oneof-integer-number-overlap",
        {"oneOf": [{"type": "integer"}, {"type": "number"}]},
        {"type": "number"},
        True,
        "an integer matches both branches, so old accepts only non-integers",
        NO_WITNESS,
    )
    yield (
        "number-to-overlapping-oneof",
        {"type": "number"},
        {"oneOf": [{"type": "integer"}, {"type": "number"}]},
        False,
        "an integer matches both branches of new's oneOf",
        1,
    )
    yield (
        "integer-as-multiple-of-one",
        {"type": "integer"},
        {"type": "number", "multipleOf": 1},
        True,
        "integers are exactly the numbers that are multiples of 1",
        NO_WITNESS,
    )
    yield (
        "unique-items-one-and-one-point-zero",
        {"type": "array", "items": {"type": "number"}},
        {"type": "array", "items": {"type": "number"}, "uniqueItems": True},
        False,
        "1 and 1.0 are equal JSON numbers, so [1, 1.0] has duplicates",
        [1, 1.0],
    )
    yield (
        "required-without-property-on-closed",
        {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": False},
        {
            "type": "object",
            "properties": {"a": {"type": "string"}},
            "additionalProperties": False,
            "required": ["b"],
        },
        False,
        "new requires a name its closed object forbids: it accepts no object",
        {},
    )
    yield (
        "old-unsatisfiable",
        {"type": "object", "properties": {"a": False}, "required": ["a"]},
        {"type": "string"},
        True,
        "old requires a property whose schema is false: it accepts nothing",
        NO_WITNESS,
    )
    yield (
        "empty-schema-to-true",
        {},
        {"description": "anything"},
        True,
        "both accept everything",
        NO_WITNESS,
    )
    yield (
        "anything-to-object",
        {},
        {"type": "object"},
        False,
        "old accepts every JSON value",
        "text",
    )
    yield (
        "enum-with-null-no-type",
        {"enum": ["a", "b", None]},
        {"type": ["string", "null"], "enum": ["a", "b", None]},
        True,
        "the added type list admits every enum value",
        NO_WITNESS,
    )
    yield (
        "enum-drops-null",
        {"enum": ["a", "b", None]},
        {"type": "string", "enum": ["a", "b", None]},
        False,
        "the type drops null from the enum",
        None,
    )
    yield (
        "dependent-required-already-required",
        {"type": "object", "required": ["b"]},
        {"type": "object", "required": ["b"], "dependentRequired": {"a": ["b"]}},
        True,
        "b is always present, so a dependency on it adds nothing",
        NO_WITNESS,
    )
    yield (
        "if-then-removed",
        {"type": "object", "if": {"required": ["a"]}, "then": {"required": ["b"]}},
        {"type": "object"},
        True,
        "dropping a condition only allows more",
        NO_WITNESS,
    )
    yield (
        "not-required-removed",
        {"type": "object", "not": {"required": ["legacy"]}},
        {"type": "object"},
        True,
        "dropping a not only allows more",
        NO_WITNESS,
    )
    x_names = {
        "type": "object",
        "patternProperties": {"^x-": {"type": "string"}},
        "additionalProperties": False,
    }
    yield (
        "pattern-properties-regex-rewritten",
        x_names,
        _edit(x_names, lambda n: n.update(patternProperties={"^x-.*": {"type": "string"}})),
        True,
        "^x- and ^x-.* match the same names",
        NO_WITNESS,
    )
    yield (
        "pattern-properties-regex-anchored-at-end",
        x_names,
        _edit(x_names, lambda n: n.update(patternProperties={"^x-.*$": {"type": "string"}})),
        False,
        "'.' matches no line break, so ^x-.*$ misses a name with one inside",
        {"x-a\nb": "s"},
    )
    yield (
        "max-properties-raised",
        {"type": "object", "maxProperties": 3},
        {"type": "object", "maxProperties": 5},
        True,
        "a higher maxProperties only allows more",
        NO_WITNESS,
    )
    yield (
        "integer-exclusive-maximum-as-maximum",
        {"type": "integer", "exclusiveMaximum": 10},
        {"type": "integer", "maximum": 9},
        True,
        "for integers, < 10 and <= 9 are the same set",
        NO_WITNESS,
    )
    yield (
        "array-of-arrays-inner-narrowed",
        {"type": "array", "items": {"type": "array", "items": {"type": "number"}}},
        {"type": "array", "items": {"type": "array", "items": {"type": "integer"}}},
        False,
        "an inner array's members become integers",
        [[1], [0.5]],
    )
    yield (
        "anyof-string-formats-to-string",
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "format": "date-time"},
            ]
        },
        {"type": "string"},
        True,
        "a union of two string formats is within string",
        NO_WITNESS,
    )
    yield (
        "contains-widened",
        {"type": "array", "contains": {"const": "admin"}},
        {"type": "array", "contains": {"enum": ["admin", "owner"]}},
        True,
        "an array with an admin also has an admin-or-owner",
        NO_WITNESS,
    )
    yield (
        "discriminator-in-anyof-nested",
        {
            "type": "object",
            "properties": {
                "payload": {
                    "anyOf": [
                        {
                            "type": "object",
                            "properties": {"kind": {"const": "a"}},
                            "required": ["kind"],
                        },
                        {
                            "type": "object",
                            "properties": {"kind": {"const": "b"}},
                            "required": ["kind"],
                        },
                    ]
                }
            },
        },
        {
            "type": "object",
            "properties": {
                "payload": {
                    "anyOf": [
                        {
                            "type": "object",
                            "properties": {"kind": {"const": "a"}},
                            "required": ["kind"],
                        },
                    ]
                }
            },
        },
        False,
        "a nested union loses its b variant",
        {"payload": {"kind": "b"}},
    )
