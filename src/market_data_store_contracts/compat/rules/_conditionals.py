"""Rules on conditional constraints: a new ``if``/``then``/``else``, and a new entry of
``dependentSchemas`` (draft-07's schema-form ``dependencies`` reads as one), that some old
instance fails.

The walker compares the old instances each case covers with the new outcome (``Context.
conditional_within``, ``Context.dependent_within``); where that is not proven, the instances it
turned up are only candidates. A rule reports a break only with a candidate that the old nodes
accept, the new nodes reject, and the very ``then``/``else`` or dependent schema rejects, so a
message never blames the wrong keyword. What stays unproven and unbroken is reported by
``KEYWORD_UNDECIDED`` with the reason :func:`open_reasons` gives.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .._schema import Node
from ..forms._examples import MISSING
from ..forms._shape import Branch, kind_of
from ._base import Change, Pair, Within, at_keyword, json_text


def condition_tightened(pair: Pair) -> Iterator[Change]:
    old = pair.old
    assert old is not None
    for atom, within in _conditions(pair):
        if within.holds:
            continue
        found = _witness(
            pair, old, within, lambda value, atom=atom: _failed_case(pair, atom, value)
        )
        if found is None:
            continue
        value, keyword = found
        clause = (
            "the if accepts it and the then does not"
            if keyword == "then"
            else "the if rejects it and so does the else"
        )
        yield Change(
            f"{pair.subject} now rejects {json_text(value)} with if/{keyword}: {clause}.",
            old.pointer,
            at_keyword(atom, keyword),
            value,
        )


def dependent_schema_tightened(pair: Pair) -> Iterator[Change]:
    old = pair.old
    assert old is not None
    for name, node, pointer, within in _dependents(pair):
        if within.holds:
            continue
        found = _witness(pair, old, within, lambda value, n=name, d=node: _fails(pair, n, d, value))
        if found is None:
            continue
        value, _ = found
        satisfiable = bool(pair.walker.new_norm.shape(node).of_kind("object"))
        what = (
            f'now requires objects with "{name}" to meet a dependent schema that '
            f"{json_text(value)} fails"
            if satisfiable
            else f'now forbids the name "{name}" (its dependent schema accepts no object), '
            f"which {json_text(value)} has"
        )
        yield Change(f"{pair.subject} {what}.", old.pointer, pointer, value)


def open_reasons(pair: Pair) -> dict[str, str]:
    """For ``if`` and ``dependentSchemas`` on the new branch of ``pair``: why the keyword stays
    undecided. A keyword absent from the result is decided: every old instance meets it, or
    a verified break is reported by the rule of this module."""
    old = pair.old
    assert old is not None
    reasons: dict[str, list[str]] = {}
    for atom, within in _conditions(pair):
        if (
            not within.holds
            and _witness(
                pair, old, within, lambda value, atom=atom: _failed_case(pair, atom, value)
            )
            is None
        ):
            reasons.setdefault("if", []).append(within.reason or "")
    for name, node, _pointer, within in _dependents(pair):
        if (
            not within.holds
            and _witness(pair, old, within, lambda value, n=name, d=node: _fails(pair, n, d, value))
            is None
        ):
            reasons.setdefault("dependentSchemas", []).append(within.reason or "")
    return {keyword: "; ".join(texts) for keyword, texts in reasons.items()}


def _conditions(pair: Pair) -> Iterator[tuple[Node, Within]]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    atoms = [
        atom for atom in new.atoms if isinstance(atom.contents, dict) and "if" in atom.contents
    ]
    if not atoms or pair.walker.identical(pair.old_nodes, pair.new_nodes):
        return
    for atom in atoms:
        yield atom, pair.walker.conditional_within(pair.old_nodes, old, atom, pair.at_old)


def _dependents(pair: Pair) -> Iterator[tuple[str, Node, str, Within]]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    if (
        old.kind != "object"
        or not new.dependent_schemas
        or pair.walker.identical(pair.old_nodes, pair.new_nodes)
    ):
        return
    for name, node, pointer in new.dependent_schemas:
        within = pair.walker.dependent_within(pair.old_nodes, old, name, node, pair.at_old)
        yield name, node, pointer, within


def _witness(pair: Pair, old: Branch, within: Within, blame: Any) -> tuple[Any, str] | None:
    """The first candidate of ``within`` of the old branch's kind that the old nodes accept,
    the new ones reject, and ``blame`` names a keyword for; with that keyword."""
    for value in within.candidates:
        if value is MISSING or kind_of(value) != old.kind:
            continue
        if not pair.old_accepts(value) or pair.new_accepts(value):
            continue
        keyword = blame(value)
        if keyword is not None:
            return value, keyword
    return None


def _failed_case(pair: Pair, atom: Node, value: Any) -> str | None:
    """``then`` or ``else``, whichever of ``atom``'s outcomes ``value`` fails, if one does."""
    norm = pair.walker.new_norm
    side = norm.side
    keyword = "then" if norm.accepts(side.child(atom, "if"), value) else "else"
    if keyword in atom.contents and not norm.accepts(side.child(atom, keyword), value):
        return keyword
    return None


def _fails(pair: Pair, name: str, node: Node, value: Any) -> str | None:
    """``name`` when ``value`` has that name and ``node`` (its dependent schema) rejects it."""
    if isinstance(value, dict) and name in value and not pair.walker.new_norm.accepts(node, value):
        return name
    return None
