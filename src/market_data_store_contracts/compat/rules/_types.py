"""Rules on JSON types and finite value sets (enum, const, null, boolean)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..forms._examples import MISSING, int_bounds, int_values, non_integers
from ..forms._numbers import as_json_number
from ..forms._shape import Branch
from ._base import KIND_NAMES, Change, Pair, at_keyword, json_text, kinds_text


def enum_value_removed(pair: Pair) -> Iterator[Change]:
    old = pair.old
    assert old is not None
    assert old.values is not None
    if len(old.values) == 1 and old.kind not in {"null", "boolean"}:
        return
    for value in old.values:
        if not pair.new_accepts(value):
            yield Change(
                f"{pair.subject} no longer accepts the value {json_text(value)}.",
                old.values_pointer or old.pointer,
                pair.at_new.pointer,
                value,
            )


def const_changed(pair: Pair) -> Iterator[Change]:
    old = pair.old
    assert old is not None
    assert old.values is not None
    if len(old.values) != 1 or old.kind in {"null", "boolean"}:
        return
    value = old.values[0]
    if not pair.new_accepts(value):
        yield Change(
            f"{pair.subject} changed its only allowed value from {json_text(value)}.",
            old.values_pointer or old.pointer,
            pair.at_new.pointer,
            value,
        )


# ---------------------------------------------------------------------------------------------
# missing: an old branch whose kind the new side lacks, or restricts to a few values


def type_narrowed(pair: Pair) -> Iterator[Change]:
    old, shape = pair.old, pair.new_shape
    assert old is not None
    assert shape is not None
    if shape.of_kind(old.kind):
        return
    old_kinds = pair.walker.old_norm.conjunction(pair.old_nodes, pair.at_old).kinds
    yield Change(
        f"{pair.subject} changed type from {kinds_text(old_kinds)} to {kinds_text(shape.kinds)}.",
        at_keyword(old.atoms[0], "type") if old.atoms else pair.at_old.pointer,
        at_keyword(pair.at_new, "type"),
        pair.walker.examples.of_branch(old),
    )


def enum_added(pair: Pair) -> Iterator[Change]:
    old, shape = pair.old, pair.new_shape
    assert old is not None
    assert shape is not None
    options = shape.of_kind(old.kind)
    if not options or any(branch.values is None for branch in options):
        return
    allowed = [value for branch in options for value in branch.values or ()]
    witness: Any = MISSING
    examples = pair.walker.examples
    for candidate in examples.candidates(old, 0) + _more_candidates(pair, old):
        if examples.in_branch(old, candidate) and not pair.new_accepts(candidate):
            witness = candidate
            break
    if witness is MISSING and _every_old_integer_listed(pair, old):
        return
    yield Change(
        f"{pair.subject} was restricted to the {KIND_NAMES[old.kind]} values {json_text(allowed)}.",
        old.pointer,
        options[0].values_pointer or pair.at_new.pointer,
        witness,
    )


#: the most integers a bounded old range may hold to be compared with a list value by value
_ENUMERABLE = 1024


def _every_old_integer_listed(pair: Pair, old: Branch) -> bool:
    """Whether the old integers are few (a bounded range within ±2**53, every multiple of the
    exact step) and the new side accepts each one the old side accepts."""
    if old.kind != "integer":
        return False
    lo, hi, step = int_bounds(old)
    if lo is None or hi is None or max(abs(lo), abs(hi)) > 2**53:
        return False
    first = -(-lo // step) * step
    if first > hi:
        return True
    if (hi - first) // step + 1 > _ENUMERABLE:
        return False
    return all(
        pair.new_accepts(value) or not pair.old_accepts(value)
        for value in range(first, hi + 1, step)
    )


def _more_candidates(pair: Pair, old: Branch) -> list[Any]:
    examples = pair.walker.examples
    if old.kind == "integer":
        lo, hi, step = int_bounds(old)
        return list(int_values(lo, hi, step, count=12))
    if old.kind == "number":
        return [as_json_number(x) for x in non_integers(old, count=12)]
    if old.kind == "string":
        return list(examples.strings(old))
    return []


# ---------------------------------------------------------------------------------------------
# branch: two branches of the same kind
