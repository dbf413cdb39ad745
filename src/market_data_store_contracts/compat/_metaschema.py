"""A fast yes/no check of a document against the JSON Schema 2020-12 metaschema.

The 2020-12 metaschema is seven vocabulary schemas joined by ``$dynamicRef``; ``jsonschema``
resolves every ``$dynamicRef`` through the dynamic scope, which makes checking a small schema
cost about 13 ms. In the metaschema every ``$dynamicRef`` ("#meta") lands on the metaschema
itself, so the same rules written as one document with plain ``$ref``s to its root accept
exactly the same documents, about four times faster. :func:`metaschema_accepts` answers with
that document; only a document it refuses needs the real metaschema (for the best error
message). ``tests/compat/test_metaschema.py`` checks that both agree.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from jsonschema import Draft202012Validator

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_BASE = "https://json-schema.org/draft/2020-12/"
#: keywords whose value maps names to subschemas (the names are not keywords)
_NAMED = ("properties", "patternProperties", "dependentSchemas", "$defs")
#: identifiers and annotations of the vocabulary schemas, meaningless once they are joined
_DROPPED = ("$id", "$schema", "$vocabulary", "$dynamicAnchor", "$comment", "title")


def _joined(node: Any) -> Any:
    if isinstance(node, list):
        return [_joined(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for keyword, value in node.items():
        if keyword in _NAMED and isinstance(value, dict):
            out[keyword] = {name: _joined(sub) for name, sub in value.items()}
        elif keyword == "$dynamicRef":
            out["$ref"] = "#"  # "#meta": the metaschema itself, i.e. the joined root
        elif keyword == "$ref":
            out["$ref"] = "#/$defs/" + str(value).split("#/$defs/", 1)[1]
        elif keyword not in _DROPPED:
            out[keyword] = _joined(value)
    return out


@functools.cache
def _validator() -> Draft202012Validator:
    # jsonschema's own registry of the metaschemas (a dependency of jsonschema)
    from jsonschema_specifications import REGISTRY  # type: ignore[import-untyped]  # no stubs

    root = REGISTRY.contents(_DIALECT)
    parts: list[Any] = []
    definitions: dict[str, Any] = {}
    for member in root["allOf"]:
        vocabulary = _joined(REGISTRY.contents(_BASE + member["$ref"]))
        definitions.update(vocabulary.pop("$defs", {}))
        parts.append(vocabulary)
    top = _joined({keyword: value for keyword, value in root.items() if keyword != "allOf"})
    definitions.update(top.pop("$defs", {}))
    return Draft202012Validator({**top, "allOf": parts, "$defs": definitions})


def metaschema_accepts(document: Any) -> bool:
    """Whether ``document`` is a valid JSON Schema 2020-12 (same answer as the metaschema)."""
    return bool(_validator().is_valid(document))


# -- a structural fast path for the common keywords ---------------------------------------------
#
# Most schemas use a few dozen keywords whose metaschema rules are simple (a string, a
# non-negative integer, a subschema...). ``fast_accepts`` checks exactly those rules with plain
# Python, several times faster than a validator descending the metaschema, and answers True
# only where the metaschema certainly accepts: a keyword it does not check (or a value in a form
# it does not check, such as the float 1.0 for minLength) makes it answer False, and the
# metaschema decides. Keywords the metaschema does not name are annotations there, so any value
# is fine. ``tests/compat/test_metaschema.py`` checks "fast_accepts implies the metaschema
# accepts" on generated documents.

_SIMPLE_TYPES = frozenset(("array", "boolean", "integer", "null", "number", "object", "string"))
_ID = re.compile(r"^[^#]*#?$")


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _non_negative_integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _string_array(value: Any) -> bool:
    return (
        isinstance(value, list)
        and all(isinstance(item, str) for item in value)
        and len(set(value)) == len(value)
    )


def _type(value: Any) -> bool:
    if isinstance(value, str):
        return value in _SIMPLE_TYPES
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(item, str) and item in _SIMPLE_TYPES for item in value)
        and len(set(value)) == len(value)
    )


#: keyword -> test of its value (subschemas are handled apart)
_VALUES: dict[str, Callable[[Any], bool]] = {
    "type": _type,
    "enum": lambda v: isinstance(v, list),
    "const": lambda v: True,
    "default": lambda v: True,
    "multipleOf": lambda v: _number(v) and v > 0,
    "maximum": _number,
    "minimum": _number,
    "exclusiveMaximum": _number,
    "exclusiveMinimum": _number,
    "maxLength": _non_negative_integer,
    "minLength": _non_negative_integer,
    "maxItems": _non_negative_integer,
    "minItems": _non_negative_integer,
    "maxProperties": _non_negative_integer,
    "minProperties": _non_negative_integer,
    "maxContains": _non_negative_integer,
    "minContains": _non_negative_integer,
    "uniqueItems": lambda v: isinstance(v, bool),
    "deprecated": lambda v: isinstance(v, bool),
    "readOnly": lambda v: isinstance(v, bool),
    "writeOnly": lambda v: isinstance(v, bool),
    "required": _string_array,
    "examples": lambda v: isinstance(v, list),
    "$id": lambda v: isinstance(v, str) and _ID.match(v) is not None,
    **{
        keyword: lambda v: isinstance(v, str)
        for keyword in (
            "pattern",
            "title",
            "description",
            "$comment",
            "format",
            "contentEncoding",
            "contentMediaType",
            "$ref",
            "$schema",
        )
    },
    "dependentRequired": lambda v: isinstance(v, dict) and all(map(_string_array, v.values())),
}
_SUBSCHEMA = frozenset(
    (
        "additionalProperties",
        "propertyNames",
        "not",
        "if",
        "then",
        "else",
        "contains",
        "unevaluatedProperties",
        "unevaluatedItems",
        "contentSchema",
        "additionalItems",
    )
)
_NAMED_SUBSCHEMAS = frozenset(
    ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
)
_SUBSCHEMA_ARRAYS = frozenset(("prefixItems", "allOf", "anyOf", "oneOf"))


@functools.cache
def _constrained(dialect: str) -> frozenset[str]:
    """Every keyword the dialect's metaschema (with its vocabularies) gives a rule."""
    from jsonschema_specifications import REGISTRY  # no stubs (see _validator)

    if dialect == "draft-07":
        return frozenset(REGISTRY.contents("http://json-schema.org/draft-07/schema#")["properties"])
    root = REGISTRY.contents(_DIALECT)
    names = set(root["properties"])
    for member in root["allOf"]:
        names.update(REGISTRY.contents(_BASE + member["$ref"]).get("properties", {}))
    return frozenset(names)


#: the dialects the fast path knows (their metaschemas give the rules above)
FAST_DIALECTS = ("draft-07", "2020-12")


def fast_accepts(document: Any, dialect: str) -> bool:
    """True only when ``document`` is certainly a valid schema of ``dialect`` (draft-07 or
    2020-12); False means "ask the metaschema", never "invalid"."""
    if dialect not in FAST_DIALECTS:
        return False
    constrained = _constrained(dialect)
    tuple_items = dialect == "draft-07"
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, bool):
            continue
        if not isinstance(node, dict):
            return False
        for keyword, value in node.items():
            if not _keyword_accepted(keyword, value, stack, constrained, tuple_items):
                return False
    return True


def _keyword_accepted(  # noqa: PLR0911  one answer per kind of keyword
    keyword: str, value: Any, stack: list[Any], constrained: frozenset[str], tuple_items: bool
) -> bool:
    """Whether the metaschema certainly accepts ``value`` under ``keyword``, once the
    subschemas it pushes on ``stack`` are accepted too."""
    test = _VALUES.get(keyword)
    if test is not None:
        return test(value)
    if keyword in _SUBSCHEMA or (keyword == "items" and not isinstance(value, list)):
        stack.append(value)
        return True
    if keyword in _NAMED_SUBSCHEMAS:
        stack.extend(value.values() if isinstance(value, dict) else [None])
        return isinstance(value, dict)
    if keyword in _SUBSCHEMA_ARRAYS or keyword == "items":
        # array-form items: draft-07 only (a non-empty array of schemas, like allOf)
        if not (isinstance(value, list) and value) or (keyword == "items" and not tuple_items):
            return False
        stack.extend(value)
        return True
    if keyword == "dependencies":
        if not isinstance(value, dict):
            return False
        arrays = [item for item in value.values() if isinstance(item, list)]
        stack.extend(item for item in value.values() if not isinstance(item, list))
        return all(map(_string_array, arrays))
    return keyword not in constrained  # a rule this fast path does not check: ask the metaschema
