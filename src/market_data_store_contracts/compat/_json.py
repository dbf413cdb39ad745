"""Equality of JSON values as JSON Schema defines it, the one the whole checker uses.

Python's ``==`` says ``True == 1`` and ``[1] == [True]``; JSON Schema (``const``, ``enum``,
``uniqueItems``) never equates a boolean with a number, at any depth, while ``1`` and ``1.0``
are the same number. :func:`json_equal` compares that way; every comparison of JSON values in
the checker goes through it (memo keys are node identities, never values).
"""

from __future__ import annotations

from typing import Any


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
