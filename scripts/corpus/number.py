"""Family ``number``: bounds and ``multipleOf`` of integers and numbers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ._shared import NO_WITNESS, Base, Edit, _edit, _with


def number_edits(b: Base) -> Iterator[Edit]:
    s, full = b.schema, b.full
    i, x = b.int_prop, b.num_prop

    def set_prop(name: str, **kw: Any) -> Callable[[dict[str, Any]], None]:
        return lambda n: n["properties"][name].update(kw)

    def drop(name: str, key: str) -> Callable[[dict[str, Any]], None]:
        return lambda n: n["properties"][name].pop(key)

    yield (
        "minimum-raised",
        s,
        _edit(s, set_prop(i, minimum=1)),
        False,
        "0 was allowed and is no longer",
        _with(full, **{i: 0}),
    )
    yield (
        "minimum-lowered",
        s,
        _edit(s, set_prop(i, minimum=-10)),
        True,
        "a lower minimum only allows more",
        NO_WITNESS,
    )
    yield (
        "minimum-removed",
        s,
        _edit(s, drop(i, "minimum")),
        True,
        "dropping a bound only allows more",
        NO_WITNESS,
    )
    yield (
        "maximum-added",
        s,
        _edit(s, set_prop(i, maximum=1000)),
        False,
        "old had no upper bound",
        _with(full, **{i: 1001}),
    )
    yield (
        "maximum-removed",
        _edit(s, set_prop(i, maximum=1000)),
        s,
        True,
        "dropping an upper bound only allows more",
        NO_WITNESS,
    )
    yield (
        "maximum-lowered",
        _edit(s, set_prop(i, maximum=1000)),
        _edit(s, set_prop(i, maximum=999)),
        False,
        "1000 is no longer allowed",
        _with(full, **{i: 1000}),
    )
    yield (
        "minimum-to-exclusive-minimum",
        s,
        _edit(s, lambda n: (drop(i, "minimum")(n), set_prop(i, exclusiveMinimum=0)(n))),
        False,
        "minimum 0 allows 0, exclusiveMinimum 0 does not",
        _with(full, **{i: 0}),
    )
    yield (
        "exclusive-minimum-to-minimum",
        _edit(s, lambda n: (drop(i, "minimum")(n), set_prop(i, exclusiveMinimum=0)(n))),
        s,
        True,
        "x > 0 implies x >= 0",
        NO_WITNESS,
    )
    yield (
        "integer-exclusive-minimum-equals-minimum",
        _edit(s, lambda n: (drop(i, "minimum")(n), set_prop(i, exclusiveMinimum=0)(n))),
        _edit(s, set_prop(i, minimum=1)),
        True,
        "for integers, > 0 and >= 1 are the same set",
        NO_WITNESS,
    )
    yield (
        "number-exclusive-minimum-vs-minimum-1",
        _edit(s, lambda n: (drop(x, "minimum")(n), set_prop(x, exclusiveMinimum=0)(n))),
        _edit(s, set_prop(x, minimum=1)),
        False,
        "for numbers, 0.5 is > 0 but not >= 1",
        _with(full, **{x: 0.5}),
    )
    yield (
        "multiple-of-added",
        s,
        _edit(s, set_prop(i, multipleOf=2)),
        False,
        "odd values are no longer allowed",
        _with(full, **{i: 3}),
    )
    yield (
        "multiple-of-refined",
        _edit(s, set_prop(i, multipleOf=2)),
        _edit(s, set_prop(i, multipleOf=4)),
        False,
        "2 is a multiple of 2, not of 4",
        _with(full, **{i: 2}),
    )
    yield (
        "multiple-of-coarsened",
        _edit(s, set_prop(i, multipleOf=4)),
        _edit(s, set_prop(i, multipleOf=2)),
        True,
        "every multiple of 4 is a multiple of 2",
        NO_WITNESS,
    )
    yield (
        "multiple-of-decimal-cents",
        _edit(s, set_prop(x, multipleOf=0.5)),
        _edit(s, set_prop(x, multipleOf=0.25)),
        True,
        "every multiple of 0.5 is a multiple of 0.25 (exact in binary)",
        NO_WITNESS,
    )
    yield (
        "number-maximum-added",
        s,
        _edit(s, set_prop(x, maximum=1e9)),
        False,
        "old had no upper bound on the number",
        _with(full, **{x: 2e9}),
    )
    yield (
        "number-minimum-lowered-negative",
        s,
        _edit(s, set_prop(x, minimum=-1.5)),
        True,
        "a lower minimum only allows more",
        NO_WITNESS,
    )
    yield (
        "number-bounds-tightened-fraction",
        _edit(s, set_prop(x, maximum=100.5)),
        _edit(s, set_prop(x, maximum=100.25)),
        False,
        "100.5 is no longer allowed",
        _with(full, **{x: 100.5}),
    )
