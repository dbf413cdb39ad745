"""What each dialect's keywords are, as data: which ones assert, which ones only annotate, and
which ones hold subschemas."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..._documents.pointers import pointer_join
from ._identity import DIALECTS

# Keywords that change which instances a schema accepts, per dialect.
_DRAFT4 = frozenset(
    {
        "type", "enum", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
        "exclusiveMinimum", "maxLength", "minLength", "pattern", "items", "additionalItems",
        "maxItems", "minItems", "uniqueItems", "maxProperties", "minProperties", "required",
        "properties", "patternProperties", "additionalProperties", "dependencies", "allOf",
        "anyOf", "oneOf", "not", "$ref",
    }
)  # fmt: skip
_DRAFT6 = _DRAFT4 | {"const", "contains", "propertyNames"}
_DRAFT7 = _DRAFT6 | {"if", "then", "else"}
_DRAFT2019 = (_DRAFT7 - {"dependencies"}) | {
    "dependentRequired", "dependentSchemas", "unevaluatedProperties", "unevaluatedItems",
    "minContains", "maxContains", "$recursiveRef",
}  # fmt: skip
DRAFT2020 = (_DRAFT2019 - {"additionalItems", "$recursiveRef"}) | {"prefixItems", "$dynamicRef"}
_OPENAPI30 = frozenset(
    {
        "type", "enum", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
        "exclusiveMinimum", "maxLength", "minLength", "pattern", "items", "maxItems",
        "minItems", "uniqueItems", "maxProperties", "minProperties", "required", "properties",
        "additionalProperties", "allOf", "anyOf", "oneOf", "not", "$ref", "nullable",
    }
)  # fmt: skip

#: dialect -> keywords with an effect on validation in it
ASSERTING: dict[str, frozenset[str]] = {
    "draft-04": _DRAFT4,
    "draft-06": _DRAFT6,
    "draft-07": _DRAFT7,
    "2019-09": _DRAFT2019,
    "2020-12": DRAFT2020,
    "openapi-3.0": _OPENAPI30,
}
#: keywords some dialect gives an effect on validation
ANY_ASSERTING = frozenset().union(*ASSERTING.values())
#: keywords that never change what a schema accepts, in any dialect: identifiers, locations,
#: annotations
NEUTRAL = frozenset(
    {
        "$schema", "$id", "id", "$anchor", "$dynamicAnchor", "$recursiveAnchor", "$vocabulary",
        "$comment", "$defs", "definitions", "title", "description", "default", "examples",
        "example", "readOnly", "writeOnly", "deprecated", "format", "contentMediaType",
        "contentEncoding", "contentSchema", "discriminator", "xml", "externalDocs",
    }
)  # fmt: skip
KNOWN = ANY_ASSERTING | NEUTRAL

#: keywords whose value is one subschema in every dialect
ONE = (
    "additionalProperties", "contains", "contentSchema", "else", "if", "not", "propertyNames",
    "then", "unevaluatedItems", "unevaluatedProperties",
)  # fmt: skip
#: keywords translated by a rule of their own (their meaning depends on the dialect), and
#: ``$schema`` (the translation is 2020-12 throughout)
BY_DIALECT = frozenset({"$schema", "items", "additionalItems", "dependencies"})
#: keywords whose value is an array of subschemas
MANY = ("allOf", "anyOf", "oneOf", "prefixItems")
#: keywords whose value maps names to subschemas
NAMED = ("$defs", "definitions", "dependentSchemas", "patternProperties", "properties")

#: which dialects define a keyword, for messages
_DEFINED_BY = {
    keyword: [name for name in DIALECTS if keyword in ASSERTING[name]] for keyword in ANY_ASSERTING
}


def where_defined(keyword: str) -> str:
    names = _DEFINED_BY.get(keyword, [])
    return ", ".join(names) if names else "no dialect"


#: dialects whose ``integer`` is lexical: a number written without a fraction or exponent
#: (``1.0`` is no integer there)
LEXICAL_INTEGER = frozenset({"draft-04", "openapi-3.0"})

#: dialects in which a ``$ref`` makes its schema ignore every sibling keyword
LEGACY_REF = frozenset({"draft-04", "draft-06", "draft-07", "openapi-3.0"})


#: keywords of every dialect whose value is one subschema, a list of them, or a map to them
SUBSCHEMA_ONE = (*ONE, "items", "additionalItems")
SUBSCHEMA_MANY = (*MANY, "items")
SUBSCHEMA_NAMED = (*NAMED, "dependencies")


def subschema_places(node: dict[str, Any]) -> Iterator[tuple[str, str | int | None, Any]]:
    """(keyword, name or index or ``None``, subschema) of each subschema of one schema object,
    in any dialect: the place as data, so that no name (``""``, ``"a/b"``) is ever parsed back
    out of a pointer."""
    for keyword, value in node.items():
        if keyword in SUBSCHEMA_ONE and isinstance(value, dict | bool):
            yield keyword, None, value
        elif keyword in SUBSCHEMA_MANY and isinstance(value, list):
            for index, item in enumerate(value):
                yield keyword, index, item
        elif keyword in SUBSCHEMA_NAMED and isinstance(value, dict):
            for name, item in value.items():
                if isinstance(item, dict | bool):
                    yield keyword, name, item


def subschemas(node: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """(pointer suffix, subschema) of each subschema of one schema object, in any dialect."""
    for keyword, token, child in subschema_places(node):
        suffix = f"/{keyword}"
        yield (suffix if token is None else pointer_join(suffix, token)), child
