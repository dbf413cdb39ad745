"""Witnesses on their way up: a rule's change stamped with its rule as a :class:`Draft`, and
the wraps each enclosing level adds to it (the value as an item of an example array, under a
property of an example object, under another name, or as a name).

A wrap is applied only when the witness is needed, so a break deep down costs one walk up, not
one per level.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from ._schema import Node
from .forms._examples import MISSING, Examples
from .forms._shape import Branch
from .rules import Change

Wrap = Callable[[Any], Any]


@dataclass(frozen=True)
class Draft:
    """A change stamped with its rule. Its witness is lifted lazily: each enclosing level adds
    a wrap (e.g. "put this value under property p of an example object"), applied only when
    the witness is needed, so a break deep down costs one walk up, not one per level."""

    rule_id: str
    message: str
    old_pointer: str
    new_pointer: str
    witness: Any
    undecided: str | None
    breaking: bool = True
    wraps: tuple[Wrap, ...] = ()

    @classmethod
    def of(cls, rule_id: str, change: Change, breaking: bool = True) -> Draft:
        return cls(
            rule_id,
            change.message,
            change.old_pointer,
            change.new_pointer,
            change.witness,
            change.undecided,
            breaking,
        )

    def lifted(self, wrap: Wrap) -> Draft:
        if self.witness is MISSING:
            return self
        return replace(self, wraps=(*self.wraps, wrap))

    def materialise(self) -> Any:
        value = self.witness
        for wrap in self.wraps:
            if value is MISSING:
                break
            value = wrap(value)
        return value


def as_item(examples: Examples, old: Branch, position: int) -> Wrap:
    """The value at ``position`` of an example array of ``old``."""

    def wrap(value: Any) -> Any:
        low = old.min_items.value if old.min_items else 0
        items = examples.array(old, 0, length=max(low, position + 1))
        if items is MISSING:
            return MISSING
        items = list(items)
        items[position] = value
        return items

    return wrap


def under_property(examples: Examples, old: Branch, name: str) -> Wrap:
    """The value under ``name`` of an example object of ``old`` that includes that name."""

    def wrap(value: Any) -> Any:
        base = examples.object(old, 0, include=(name,))
        return MISSING if base is MISSING else {**base, name: value}

    return wrap


def under_other_name(examples: Examples, old: Branch, name: str | None) -> Wrap:
    """The value under ``name`` (a name in no ``properties``; none found: no witness) of an
    example object of ``old``."""

    def wrap(value: Any) -> Any:
        if name is None:
            return MISSING
        base = examples.object(old, 0)
        return MISSING if base is MISSING else {**base, name: value}

    return wrap


def as_name(examples: Examples, old: Branch, anchor_old: Node) -> Wrap:
    """The value (a property name) as a name of an example object of ``old``, holding an
    example of what ``old`` allows under it."""

    def wrap(name: Any) -> Any:
        value = (
            examples.of_nodes(examples.value_nodes(old, name), anchor_old)
            if isinstance(name, str)
            else MISSING
        )
        base = examples.object(old, 0)
        if value is MISSING or base is MISSING:
            return MISSING
        return {**base, name: value}

    return wrap
