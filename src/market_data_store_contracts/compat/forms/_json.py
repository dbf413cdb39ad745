"""Equality of JSON values as JSON Schema defines it, the one the whole checker uses.

Python's ``==`` says ``True == 1`` and ``[1] == [True]``; JSON Schema (``const``, ``enum``,
``uniqueItems``) never equates a boolean with a number, at any depth, while ``1`` and ``1.0``
are the same number. :func:`json_equal` compares that way and :func:`json_key` gives a hashable
key with the same equality; every comparison of JSON values in the checker goes through them
(memo keys are node identities, never values).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from ..._documents.keywords import DOC_KEYWORDS


def json_equal(a: Any, b: Any) -> bool:  # noqa: PLR0911  one return per JSON type reads best
    """Whether two JSON values are equal for JSON Schema (``1 == 1.0``, ``True != 1``,
    ``[1] != [True]``; objects compare by their members, arrays item by item)."""
    if a is b:
        return True
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return bool(a == b)  # int/float comparison in Python is exact
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    if type(a) is not type(b):
        return False
    return bool(a == b)


def same_schema(a: Any, b: Any) -> bool:
    """Whether two schemas are literally the same, for every validator: like
    :func:`json_equal`, but a number equals only a number of its own Python type written the
    same way (``multipleOf: 7`` and ``7.0`` take different paths in ``jsonschema``, and
    ``1e23`` as written is not the double it reads as)."""
    if isinstance(a, int | float) and not isinstance(a, bool):
        return (
            type(a) is type(b)
            and a == b
            and getattr(a, "written", None) == getattr(b, "written", None)
        )
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_schema(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_schema(a[k], b[k]) for k in a)
    return json_equal(a, b)


def json_key(value: Any) -> Any:
    """A hashable key: ``json_key(a) == json_key(b)`` exactly when ``json_equal(a, b)``."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return ("boolean", value)
    if isinstance(value, int | float):  # an int is finite at any size (never ask math.isfinite)
        finite = not isinstance(value, float) or math.isfinite(value)
        return ("number", Fraction(value)) if finite else ("float", repr(value))
    if isinstance(value, list):
        return ("array", tuple(json_key(item) for item in value))
    if isinstance(value, dict):
        return ("object", frozenset((name, json_key(item)) for name, item in value.items()))
    return ("other", repr(value))


#: Keywords that never assert (2020-12 annotations and ``format``, which only annotates).
ANNOTATIONS = DOC_KEYWORDS | {"default", "format"}
_VALUE_KEYWORDS = frozenset({"enum", "const", "type"})
_TYPES: dict[str, Callable[[Any], bool]] = {
    "null": lambda v: v is None,
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: (
        not isinstance(v, bool)
        and (isinstance(v, int) or (isinstance(v, float) and v.is_integer()))
    ),
    "number": lambda v: not isinstance(v, bool) and isinstance(v, int | float),
    "string": lambda v: isinstance(v, str),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}


class ValueSets:
    """Membership tests for schemas made only of ``enum``/``const``/``type`` (and
    annotations): a value is looked up in a hashed set instead of being compared with each
    listed value, which keeps comparing two 10,000-value enums linear. Any other schema gets
    ``None`` (ask the validator)."""

    def __init__(self) -> None:
        # id -> (the contents, kept alive so the id stays theirs; the test)
        self._tests: dict[int, tuple[Any, Callable[[Any], bool] | None]] = {}

    def verdict(self, contents: Any, value: Any) -> bool | None:
        cached = self._tests.get(id(contents))
        if cached is None or cached[0] is not contents:
            cached = (contents, _value_test(contents))
            self._tests[id(contents)] = cached
        test = cached[1]
        return None if test is None else test(value)


def _value_test(contents: Any) -> Callable[[Any], bool] | None:
    if not isinstance(contents, dict) or not _VALUE_KEYWORDS & contents.keys():
        return None
    if any(
        keyword not in _VALUE_KEYWORDS
        and keyword not in ANNOTATIONS
        and not keyword.startswith("x-")
        for keyword in contents
    ):
        return None
    declared = contents.get("type")
    names = [declared] if isinstance(declared, str) else declared
    types = [_TYPES[name] for name in names] if names is not None else None
    keys = frozenset(json_key(item) for item in contents["enum"]) if "enum" in contents else None
    const = json_key(contents["const"]) if "const" in contents else MISSING_KEY

    def test(value: Any) -> bool:
        if types is not None and not any(is_type(value) for is_type in types):
            return False
        key = json_key(value)
        if keys is not None and key not in keys:
            return False
        return const is MISSING_KEY or key == const

    return test


MISSING_KEY = object()
