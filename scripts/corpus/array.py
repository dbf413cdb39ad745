"""Family ``array``: edits of the array of items."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ._shared import NO_WITNESS, Base, Edit, _edit, _item_node, _with


def array_edits(b: Base) -> Iterator[Edit]:
    if b.array is None:
        return
    s, full, minimal = b.schema, b.full, b.minimal
    a = b.array
    items = full[a]

    def arr(**kw: Any) -> Callable[[dict[str, Any]], None]:
        return lambda n: n["properties"][a].update(kw)

    yield (
        "item-required-added",
        s,
        _edit(
            s,
            lambda n: (
                _item_node(b, n)["properties"].update(note={"type": "string"}),
                _item_node(b, n)["required"].append("note"),
            ),
        ),
        False,
        "each array item must now carry a new property",
        full,
    )
    yield (
        "item-property-widened",
        s,
        _edit(s, lambda n: _item_node(b, n)["properties"]["qty"].update(type="number")),
        True,
        "an item's integer property becomes a number",
        NO_WITNESS,
    )
    yield (
        "item-property-narrowed",
        s,
        _edit(s, lambda n: _item_node(b, n)["properties"]["qty"].update(maximum=2)),
        False,
        "an item's quantity gains a maximum",
        _with(full, **{a: [{"sku": "z", "qty": 3}]}),
    )
    yield (
        "item-closed",
        s,
        _edit(s, lambda n: _item_node(b, n).update(additionalProperties=False)),
        False,
        "array items become closed objects",
        _with(full, **{a: [{"sku": "z", "qty": 1, "gift": True}]}),
    )
    yield (
        "min-items-added",
        s,
        _edit(s, arr(minItems=1)),
        False,
        "the empty array is no longer allowed",
        _with(minimal, **{a: []}),
    )
    yield (
        "max-items-added",
        s,
        _edit(s, arr(maxItems=1)),
        False,
        "two items are now too many",
        _with(full, **{a: [items[0], items[0]]}),
    )
    yield (
        "max-items-raised",
        _edit(s, arr(maxItems=5)),
        _edit(s, arr(maxItems=50)),
        True,
        "a higher maxItems only allows more",
        NO_WITNESS,
    )
    yield (
        "unique-items-added",
        s,
        _edit(s, arr(uniqueItems=True)),
        False,
        "duplicate items are no longer allowed",
        _with(full, **{a: [items[0], items[0]]}),
    )
    yield (
        "unique-items-removed",
        _edit(s, arr(uniqueItems=True)),
        s,
        True,
        "dropping uniqueItems only allows more",
        NO_WITNESS,
    )
    yield (
        "items-type-changed",
        s,
        _edit(s, lambda n: n["properties"][a].update(items={"type": "string"})),
        False,
        "array items become strings",
        full,
    )
    yield (
        "array-made-nullable",
        s,
        _edit(s, lambda n: n["properties"][a].update(type=["array", "null"])),
        True,
        "the array property also accepts null",
        NO_WITNESS,
    )
    yield (
        "contains-added",
        s,
        _edit(s, arr(contains={"type": "object", "required": ["sku"]})),
        False,
        "the empty array has no item to contain",
        _with(minimal, **{a: []}),
    )
