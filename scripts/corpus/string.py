"""Family ``string``: lengths, patterns and formats."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ._shared import NO_WITNESS, Base, Edit, _edit, _with


def string_edits(b: Base) -> Iterator[Edit]:
    s, full = b.schema, b.full
    t = b.str_prop

    def set_prop(**kw: Any) -> Callable[[dict[str, Any]], None]:
        return lambda n: n["properties"][t].update(kw)

    def drop(key: str) -> Callable[[dict[str, Any]], None]:
        return lambda n: n["properties"][t].pop(key)

    yield (
        "max-length-lowered",
        s,
        _edit(s, set_prop(maxLength=32)),
        False,
        "a 64-character string is too long now",
        _with(full, **{t: "a" * 64}),
    )
    yield (
        "max-length-raised",
        s,
        _edit(s, set_prop(maxLength=128)),
        True,
        "a higher maxLength only allows more",
        NO_WITNESS,
    )
    yield (
        "max-length-removed",
        s,
        _edit(s, drop("maxLength")),
        True,
        "dropping maxLength only allows more",
        NO_WITNESS,
    )
    yield (
        "min-length-added",
        s,
        _edit(s, set_prop(minLength=1)),
        False,
        "the empty string is no longer allowed",
        _with(full, **{t: ""}),
    )
    yield (
        "min-length-lowered",
        _edit(s, set_prop(minLength=3)),
        _edit(s, set_prop(minLength=1)),
        True,
        "a lower minLength only allows more",
        NO_WITNESS,
    )
    yield (
        "length-counts-code-points",
        _edit(s, set_prop(maxLength=2)),
        _edit(s, set_prop(maxLength=1)),
        False,
        "two astral characters are two characters (not four UTF-16 units)",
        _with(full, **{t: "\U0001f600\U0001f600"}),
    )
    yield (
        "pattern-added",
        s,
        _edit(s, set_prop(pattern="^[a-z0-9_-]+$")),
        False,
        "old accepts any string; new only some",
        _with(full, **{t: "Has Space"}),
    )
    yield (
        "pattern-removed",
        _edit(s, set_prop(pattern="^[a-z0-9_-]+$")),
        s,
        True,
        "dropping a pattern only allows more",
        NO_WITNESS,
    )
    yield (
        "pattern-widened-class",
        _edit(s, set_prop(pattern="^[a-z_]+$")),
        _edit(s, set_prop(pattern="^[a-z0-9_]+$")),
        True,
        "every string of [a-z_] is one of [a-z0-9_]",
        NO_WITNESS,
    )
    yield (
        "pattern-narrowed-class",
        _edit(s, set_prop(pattern="^[a-z0-9_]+$")),
        _edit(s, set_prop(pattern="^[a-z_]+$")),
        False,
        "digits are no longer allowed",
        _with(full, **{t: "a1"}),
    )
    yield (
        "pattern-unanchored-added",
        s,
        _edit(s, set_prop(pattern="[0-9]")),
        False,
        "an unanchored pattern still needs one digit somewhere",
        _with(full, **{t: "abc"}),
    )
    yield (
        "pattern-digit-class-rewritten",
        _edit(s, set_prop(pattern="^[0-9]+$")),
        _edit(s, set_prop(pattern="^\\d+$")),
        True,
        "every string of ASCII digits matches \\d+ (ECMA-262 and Python alike)",
        NO_WITNESS,
    )
    yield (
        "format-added",
        s,
        _edit(s, set_prop(format="email")),
        True,
        "format is an annotation by default (draft-07 and 2020-12): it asserts nothing",
        NO_WITNESS,
    )
    yield (
        "format-changed",
        _edit(s, set_prop(format="date-time")),
        _edit(s, set_prop(format="uuid")),
        True,
        "format is an annotation by default: changing it changes no instance",
        NO_WITNESS,
    )
    yield (
        "string-to-const",
        s,
        _edit(s, set_prop(const="fixed")),
        False,
        "a free string becomes a const",
        full,
    )
