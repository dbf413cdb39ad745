"""Family ``nested``: edits inside the optional nested object."""

from __future__ import annotations

from collections.abc import Iterator

from ._shared import NO_WITNESS, Base, Edit, _edit, _nested_node, _with


def nested_edits(b: Base) -> Iterator[Edit]:
    if b.nested is None:
        return
    s, full = b.schema, b.full
    inner = full[b.nested]
    yield (
        "nested-required-added",
        s,
        _edit(
            s,
            lambda n: (
                _nested_node(b, n)["required"].append("bio_or_email")
                or _nested_node(b, n)["properties"].update(bio_or_email={"type": "string"})
            ),
        ),
        False,
        "a nested object requires a new property",
        full,
    )
    yield (
        "nested-required-dropped",
        s,
        _edit(s, lambda n: _nested_node(b, n).pop("required")),
        True,
        "a nested object requires less",
        NO_WITNESS,
    )
    yield (
        "nested-closed",
        s,
        _edit(s, lambda n: _nested_node(b, n).update(additionalProperties=False)),
        False,
        "a nested object is closed",
        _with(full, **{b.nested: _with(inner, extra=1)}),
    )
    yield (
        "nested-type-narrowed",
        s,
        _edit(s, lambda n: _nested_node(b, n)["properties"]["inner_id"].update(maxLength=2)),
        False,
        "a nested string gains a maxLength",
        _with(full, **{b.nested: _with(inner, inner_id="long-id")}),
    )
    yield (
        "nested-made-nullable",
        s,
        _edit(
            s,
            lambda n: n["properties"].__setitem__(
                b.nested, {"anyOf": [n["properties"][b.nested], {"type": "null"}]}
            ),
        ),
        True,
        "a nested object becomes nullable",
        NO_WITNESS,
    )
    yield (
        "nested-made-required",
        s,
        _edit(s, lambda n: n["required"].append(b.nested)),
        False,
        "the nested object becomes required",
        b.minimal,
    )
