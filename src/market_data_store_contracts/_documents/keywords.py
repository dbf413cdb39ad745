"""JSON Schema 2020-12 keywords sorted by the shape of their value, as ``referencing.jsonschema``
sorts them, and the walkers every tool here builds on: a value that is a subschema (``not``,
``items``, ``additionalProperties``…), an array of subschemas (``allOf``, ``prefixItems``…), or
named subschemas (``properties``, ``$defs``…). Anything else is instance data or a plain value
and is never descended into. ``KEYWORDS[dialect]``: the keywords each dialect gives an effect on
validation, one table for every tool. Pure Python: no tool dependency."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from ..errors import ContractsError
from .pointers import pointer_join, pointer_token

__all__ = [
    "DOC_KEYWORDS",
    "KEYWORDS",
    "NEUTRAL_KEYWORDS",
    "SUBSCHEMA",
    "SUBSCHEMA_ARRAY",
    "SUBSCHEMA_MAP",
    "check_depth",
    "children",
    "refs",
    "resolve_pointer",
    "strip_keywords",
    "walk",
]

SUBSCHEMA = (
    "additionalProperties",
    "contains",
    "contentSchema",
    "else",
    "if",
    "items",
    "not",
    "propertyNames",
    "then",
    "unevaluatedItems",
    "unevaluatedProperties",
)
SUBSCHEMA_ARRAY = ("allOf", "anyOf", "oneOf", "prefixItems")
SUBSCHEMA_MAP = ("$defs", "definitions", "dependentSchemas", "patternProperties", "properties")

#: Keywords that only document a schema: the 2020-12 meta-data vocabulary and ``$comment``,
#: without ``default``. Every tool ignores these; each adds what else it ignores by name
#: (``default`` changes generated code, so only the checkers add it).
DOC_KEYWORDS = frozenset(
    {"$comment", "deprecated", "description", "examples", "readOnly", "title", "writeOnly"}
)

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
_DRAFT2020 = (_DRAFT2019 - {"additionalItems", "$recursiveRef"}) | {"prefixItems", "$dynamicRef"}
_OPENAPI30 = frozenset(
    {
        "type", "enum", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
        "exclusiveMinimum", "maxLength", "minLength", "pattern", "items", "maxItems",
        "minItems", "uniqueItems", "maxProperties", "minProperties", "required", "properties",
        "additionalProperties", "allOf", "anyOf", "oneOf", "not", "$ref", "nullable",
    }
)  # fmt: skip

#: dialect -> the keywords that change which instances a schema accepts in it (an annotation,
#: an identifier or a location is none), as ``referencing.jsonschema`` keeps each dialect's
#: keyword sets as data
KEYWORDS: dict[str, frozenset[str]] = {
    "draft-04": _DRAFT4,
    "draft-06": _DRAFT6,
    "draft-07": _DRAFT7,
    "2019-09": _DRAFT2019,
    "2020-12": _DRAFT2020,
    "openapi-3.0": _OPENAPI30,
}
#: keywords that never change what a schema accepts, in any dialect: identifiers, locations,
#: annotations
NEUTRAL_KEYWORDS = frozenset(
    {
        "$schema", "$id", "id", "$anchor", "$dynamicAnchor", "$recursiveAnchor", "$vocabulary",
        "$comment", "$defs", "definitions", "title", "description", "default", "examples",
        "example", "readOnly", "writeOnly", "deprecated", "format", "contentMediaType",
        "contentEncoding", "contentSchema", "discriminator", "xml", "externalDocs",
    }
)  # fmt: skip

_SUBSCHEMA = frozenset(SUBSCHEMA)
_SUBSCHEMA_ARRAY = frozenset(SUBSCHEMA_ARRAY)
_SUBSCHEMA_MAP = frozenset(SUBSCHEMA_MAP)


def children(node: Any) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """The direct subschemas of a schema node, each with the reference tokens that lead to it
    (``("items",)``, ``("allOf", 0)``, ``("properties", "level")``), in keyword order."""
    if not isinstance(node, dict):
        return
    for keyword in SUBSCHEMA:
        if keyword in node:
            yield (keyword,), node[keyword]
    for keyword in SUBSCHEMA_ARRAY:
        value = node.get(keyword)
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield (keyword, index), item
    for keyword in SUBSCHEMA_MAP:
        value = node.get(keyword)
        if isinstance(value, dict):
            for name, item in value.items():
                yield (keyword, name), item


def walk(document: Any) -> Iterator[tuple[str, Any]]:
    """Every schema node of a document with its JSON pointer, parents first, iteratively."""
    stack: list[tuple[str, Any]] = [("", document)]
    while stack:
        pointer, node = stack.pop()
        yield pointer, node
        pending = [(pointer_join(pointer, *path), child) for path, child in children(node)]
        stack.extend(reversed(pending))


def refs(document: Any) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every ``$ref`` of a schema (never instance data such as an ``enum`` value): the pointer
    of the schema that holds it, the reference, and that schema."""
    for pointer, node in walk(document):
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            yield pointer, node["$ref"], node


def resolve_pointer(document: Any, pointer: str) -> Any:
    """The node at a JSON pointer (``/allOf/0``, or a fragment such as ``#/$defs/Level``);
    ``LookupError`` if it points at nothing."""
    node = document
    for escaped in pointer.removeprefix("#").split("/")[1:]:
        token = pointer_token(escaped)
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            raise LookupError(pointer)
    return node


def strip_keywords(schema: Any, drop: frozenset[str], *, extensions: bool) -> Any:
    """A copy of ``schema`` without the keywords in ``drop`` (and ``x-*`` ones if
    ``extensions``), removed from every (sub)schema and nowhere else."""
    if not isinstance(schema, dict):
        return schema
    result: dict[str, Any] = {}
    for keyword, value in schema.items():
        if keyword in drop or (extensions and keyword.startswith("x-")):
            continue
        if keyword in _SUBSCHEMA:
            result[keyword] = strip_keywords(value, drop, extensions=extensions)
        elif keyword in _SUBSCHEMA_ARRAY and isinstance(value, list):
            result[keyword] = [strip_keywords(item, drop, extensions=extensions) for item in value]
        elif keyword in _SUBSCHEMA_MAP and isinstance(value, dict):
            result[keyword] = {
                name: strip_keywords(item, drop, extensions=extensions)
                for name, item in value.items()
            }
        else:
            result[keyword] = value
    return result


def check_depth(document: Any, shown: str, limit: int, noun: str) -> None:
    """Refuse a JSON document nested deeper than ``limit`` (iteratively: never recurses), naming
    the pointer where it went too deep, or holding a number JSON cannot write (infinity or NaN,
    which Python objects can hold and Python's ``json`` makes of a text like ``1e400``)."""
    stack: list[tuple[Any, int, str]] = [(document, 0, "")]
    while stack:
        value, depth, pointer = stack.pop()
        if depth > limit:
            raise ContractsError(
                shown, f"is nested more than {limit} levels deep; such a {noun} is refused", pointer
            )
        if isinstance(value, float) and not math.isfinite(value):
            written = getattr(value, "written", None) or repr(value)
            raise ContractsError(
                shown,
                f"holds the number {written}, which is no finite double (infinity or NaN); "
                "write a finite number (an integer literal is read exactly at any size)",
                pointer,
            )
        if isinstance(value, dict):
            stack.extend(
                (item, depth + 1, pointer_join(pointer, key)) for key, item in value.items()
            )
        elif isinstance(value, list):
            stack.extend(
                (item, depth + 1, pointer_join(pointer, index)) for index, item in enumerate(value)
            )
