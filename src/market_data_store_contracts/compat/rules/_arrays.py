"""Rules on arrays: item counts, uniqueItems and contains."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..forms._examples import MISSING
from ._base import Change, Pair, keyword_pointer


def array_min_items_raised(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    low = old.min_items.value if old.min_items else 0
    if new.min_items is None or new.min_items.value <= low:
        return
    witness = pair.walker.examples.array(old, 0, length=low)
    yield Change(
        f"{pair.subject} raised minItems from {low} to {new.min_items.value}.",
        keyword_pointer(old.min_items, old.pointer),
        new.min_items.pointer,
        witness,
    )


def array_max_items_lowered(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    high = old.effective_max_items
    if new.max_items is None or (high is not None and high <= new.max_items.value):
        return
    witness = pair.walker.examples.array(old, 0, length=new.max_items.value + 1)
    yield Change(
        f"{pair.subject} lowered maxItems from {high if high is not None else 'none'} to "
        f"{new.max_items.value}.",
        keyword_pointer(old.max_items, old.pointer),
        new.max_items.pointer,
        witness,
    )


def array_unique_items_added(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    high = old.effective_max_items
    if new.unique is None or old.unique is not None or (high is not None and high < 2):
        return
    examples = pair.walker.examples
    first = examples.item(old, 0, 0)
    low = old.min_items.value if old.min_items else 0
    witness: Any = MISSING if first is MISSING else [first] * max(2, low)
    yield Change(f"{pair.subject} gained uniqueItems.", old.pointer, new.unique, witness)


def _contains_proven(pair: Pair, contains: Any) -> bool:
    old = pair.old
    assert old is not None
    walker = pair.walker
    if contains.maximum is not None:
        return any(
            walker.same(c.node, contains.node)
            and c.maximum is not None
            and c.maximum <= contains.maximum
            and c.minimum >= contains.minimum
            for c in old.contains
        )
    if contains.minimum == 0:
        return True
    for mine in old.contains:
        if mine.minimum >= contains.minimum and walker.subset(
            (mine.node,), (contains.node,), mine.node, contains.node
        ):
            return True
    low = old.min_items.value if old.min_items else 0
    if low >= contains.minimum and old.arrays:
        positions = {
            part.node_for(index) for part in old.arrays for index in range(len(part.prefix) + 1)
        }
        if None not in positions:
            nodes = [node for node in positions if node is not None]
            return all(
                walker.subset((node,), (contains.node,), node, contains.node) for node in nodes
            )
    return False


def _contains_witness(pair: Pair) -> Any:
    old = pair.old
    assert old is not None
    candidate = pair.walker.examples.array(old, 0)
    if (
        candidate is not MISSING
        and pair.walker.examples.in_branch(old, candidate)
        and not pair.new_accepts(candidate)
    ):
        return candidate
    return MISSING


def array_contains_added(pair: Pair) -> Iterator[Change]:
    new = pair.new
    assert new is not None
    assert pair.old is not None
    for contains in new.contains:
        if _contains_proven(pair, contains):
            continue
        witness = _contains_witness(pair)
        if witness is not MISSING:
            yield Change(
                f"{pair.subject} gained a contains constraint.",
                pair.old.pointer,
                contains.pointer,
                witness,
            )
            return


def contains_undecided(pair: Pair) -> Iterator[Change]:
    new = pair.new
    assert new is not None
    assert pair.old is not None
    for contains in new.contains:
        if not _contains_proven(pair, contains) and _contains_witness(pair) is MISSING:
            yield Change(
                f"{pair.subject} changed its contains constraint in a way that could not be "
                "decided.",
                pair.old.pointer,
                contains.pointer,
                undecided="the old items were not proven to satisfy the new contains/minContains/"
                "maxContains, and no counterexample was found",
            )
            return
