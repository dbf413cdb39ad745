"""Rules on combinators and references: not, unions, oneOf and complexity caveats, keywords the
checker does not model, and an old side that accepts nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .._schema import Node
from .._unevaluated import unevaluated_reason
from ..forms._examples import MISSING
from ..forms._shape import Branch, kind_of
from ._base import KIND_NAMES, Change, Handler, Pair, at_keyword, json_text
from ._conditionals import open_reasons
from ._strings import excluded_strings


def not_added(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    for node in new.nots:
        outcome = _not_outcome(pair, node)
        if outcome is not None and outcome is not MISSING:
            yield Change(
                f"{pair.subject} now excludes {json_text(outcome)} with not.",
                old.pointer,
                node.pointer,
                outcome,
            )


def not_undecided(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    for node in new.nots:
        if _not_outcome(pair, node) is MISSING:
            yield Change(
                f"{pair.subject} gained a not constraint that could not be decided.",
                old.pointer,
                node.pointer,
                undecided="the excluded schema is neither a finite set of values nor provably "
                "within a not of the old schema, and no old instance it excludes was found",
            )


def _not_outcome(pair: Pair, node: Node) -> Any:
    """``None``: provably no overlap; a value: a witness; MISSING: undecided."""
    old = pair.old
    assert old is not None
    walker = pair.walker
    if any(walker.same(mine, node) for mine in old.nots):
        return None
    shape = walker.new_norm.shape(node)
    excluded = shape.of_kind(old.kind)
    if not excluded:
        return None
    if old.kind == "string" and not shape.caveats:
        outcome = excluded_strings(pair, excluded)  # decided on the patterns' automata
        if outcome is not MISSING:
            return outcome
    if all(branch.values is not None for branch in excluded):
        for branch in excluded:
            for value in branch.values or ():
                if walker.examples.in_branch(old, value) and kind_of(value) == old.kind:
                    return value
        return None
    return _not_reversed(pair, old, node)


def _not_reversed(pair: Pair, old: Branch, node: Node) -> Any:
    """``not mine ⊆ not node`` when ``node ⊆ mine`` within the old kind, decided by the reversed
    check; otherwise a witness among the instances of ``node`` found on the way, or MISSING."""
    walker = pair.walker
    candidates: list[Any] = []
    for mine in old.nots:
        holds, found = walker.excluded_within(node, mine, old.kind)
        if holds:
            return None
        candidates.extend(found)
    candidates.extend(walker.excluded_examples(node, old.kind))
    for value in candidates:
        if kind_of(value) == old.kind and pair.old_accepts(value) and not pair.new_accepts(value):
            return value
    return MISSING


def keyword_undecided(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    if not new.unsupported or pair.walker.identical(pair.old_nodes, pair.new_nodes):
        return
    seen: set[str] = set()
    # decided: every old instance meets each new condition's outcome and dependent schema,
    # or a verified break is reported (CONDITION_TIGHTENED, DEPENDENT_SCHEMA_TIGHTENED)
    reasons = open_reasons(pair)
    seen.update(keyword for keyword in ("if", "dependentSchemas") if keyword not in reasons)
    for keyword, covering in _VACUOUS.items():
        if all(
            atom.contents[keyword] in (True, {}) or covering in atom.contents
            for atom in new.atoms
            if isinstance(atom.contents, dict) and keyword in atom.contents
        ):
            seen.add(keyword)  # no effect: nothing is left unevaluated, or anything goes
    for keyword, pointer in new.unsupported:
        if keyword in seen:
            continue
        seen.add(keyword)
        static_reasons = pair.walker.new_norm.side.unevaluated_reasons
        yield Change(
            f"{pair.subject} uses {keyword}, which could not be compared with the old schema."
            if keyword in reasons
            else f"{pair.subject} uses {keyword}, which this checker does not compare.",
            old.pointer,
            pointer,
            undecided=reasons.get(keyword)
            or next(
                (
                    reason
                    for atom in new.atoms
                    if at_keyword(atom, keyword) == pointer
                    and (reason := unevaluated_reason(static_reasons, atom.contents, keyword))
                ),
                None,
            )
            or f"{keyword} is not modelled; a schema using it on the new side is only "
            "judged compatible when it is identical to the old one",
        )


#: ``unevaluated*`` keyword -> the keyword beside it that evaluates every name or item left
_VACUOUS = {"unevaluatedProperties": "additionalProperties", "unevaluatedItems": "items"}

# ---------------------------------------------------------------------------------------------
# union, caveats, properties, names, root


def union_undecided(pair: Pair) -> Iterator[Change]:
    old = pair.old
    assert old is not None
    yield Change(
        f"{pair.subject} is covered only by a union of several new {KIND_NAMES[old.kind]} "
        "branches, which could not be decided.",
        old.pointer,
        pair.at_new.pointer,
        undecided="no single new branch accepts every old instance, and no instance was found "
        "that all of them reject",
    )


def _caveat(rule_id: str) -> Handler:
    def handler(pair: Pair) -> Iterator[Change]:
        caveat = pair.caveat
        if caveat is not None and caveat.rule_id == rule_id:
            yield Change(
                f"{pair.subject} could not be decided: {caveat.reason}.",
                pair.at_old.pointer,
                caveat.pointer,
                undecided=caveat.reason,
            )

    return handler


one_of_undecided = _caveat("ONE_OF_UNDECIDED")
complexity_undecided = _caveat("COMPLEXITY_UNDECIDED")


def old_schema_empty(pair: Pair) -> Iterator[Change]:
    yield Change(
        "The schema checked for containment accepts no instance at all, so it is trivially "
        "contained; check that this is intended (closing an allOf extension forbids the "
        "properties it inherits).",
        pair.at_old.pointer,
        pair.at_new.pointer,
    )
