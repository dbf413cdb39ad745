"""Family ``type``: types widened, narrowed and rewritten."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ._shared import NO_WITNESS, Base, Edit, _edit, _with


def type_edits(b: Base) -> Iterator[Edit]:
    s, full, minimal = b.schema, b.full, b.minimal
    i, x, t, o = b.int_prop, b.num_prop, b.str_prop, b.opt_prop

    def set_prop(name: str, **kw: Any) -> Callable[[dict[str, Any]], None]:
        return lambda n: n["properties"][name].update(kw)

    def replace_prop(name: str, value: Any) -> Callable[[dict[str, Any]], None]:
        return lambda n: n["properties"].__setitem__(name, value)

    yield (
        "integer-to-number",
        s,
        _edit(s, set_prop(i, type="number")),
        True,
        "every integer is a number",
        NO_WITNESS,
    )
    yield (
        "number-to-integer",
        s,
        _edit(s, set_prop(x, type="integer")),
        False,
        "a fractional number is no integer",
        _with(full, **{x: 1.5}),
    )
    yield (
        "number-to-integer-whole-value-still-ok",
        _edit(s, set_prop(x, type="number", multipleOf=1)),
        _edit(s, set_prop(x, type="integer")),
        True,
        "a number that is a multiple of 1 is an integer (1.0 counts as an integer since draft-06)",
        NO_WITNESS,
    )
    yield (
        "integer-to-string",
        s,
        _edit(s, replace_prop(i, {"type": "string"})),
        False,
        "an integer property becomes a string",
        full,
    )
    yield (
        "type-list-widened",
        s,
        _edit(s, set_prop(i, type=["integer", "string"])),
        True,
        "a type list gains string",
        NO_WITNESS,
    )
    yield (
        "type-list-narrowed",
        _edit(s, set_prop(i, type=["integer", "string"])),
        s,
        False,
        "a type list loses string",
        _with(full, **{i: "7"}),
    )
    yield (
        "nullable-type-list-added",
        s,
        _edit(s, set_prop(t, type=["string", "null"])),
        True,
        "a string property becomes nullable through a type list",
        NO_WITNESS,
    )
    yield (
        "nullable-type-list-removed",
        _edit(s, set_prop(t, type=["string", "null"])),
        s,
        False,
        "null is no longer accepted",
        _with(full, **{t: None}),
    )
    nullable_any = {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None}
    yield (
        "nullable-anyof-added",
        s,
        _edit(s, replace_prop(o, nullable_any)),
        True,
        "Optional[str]: the property accepts a string or null",
        NO_WITNESS,
    )
    yield (
        "nullable-anyof-removed",
        _edit(s, replace_prop(o, nullable_any)),
        s,
        False,
        "the anyOf with null is replaced by a plain string",
        _with(full, **{o: None}),
    )
    nullable_one = {"oneOf": [{"type": "string"}, {"type": "null"}]}
    yield (
        "nullable-oneof-added",
        s,
        _edit(s, replace_prop(o, nullable_one)),
        True,
        "oneOf of disjoint string and null accepts every string",
        NO_WITNESS,
    )
    yield (
        "nullable-oneof-removed",
        _edit(s, replace_prop(o, nullable_one)),
        s,
        False,
        "the oneOf with null is replaced by a plain string",
        _with(full, **{o: None}),
    )
    yield (
        "nullable-anyof-to-type-list",
        _edit(s, replace_prop(o, nullable_any)),
        _edit(s, replace_prop(o, {"type": ["string", "null"]})),
        True,
        "anyOf [string, null] and type [string, null] are the same set",
        NO_WITNESS,
    )
    yield (
        "nullable-int-anyof-keeps-bound",
        _edit(s, replace_prop(i, {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "null"}]})),
        _edit(s, replace_prop(i, {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}]})),
        False,
        "the integer branch of a nullable property raised its minimum",
        _with(minimal, **{i: 0}),
    )
    yield (
        "integer-anyof-number-string",
        s,
        _edit(s, replace_prop(i, {"anyOf": [{"type": "number"}, {"type": "string"}]})),
        True,
        "every non-negative integer is a number",
        NO_WITNESS,
    )
    yield (
        "enum-prop-to-integer",
        s,
        _edit(s, replace_prop(b.enum_prop, {"type": "integer"})),
        False,
        "a string enum property becomes an integer",
        full,
    )
