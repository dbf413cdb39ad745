"""``check``: build both sides, walk them in the requested directions, verify every witness."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from referencing import Registry

from .._errors import ContractsError
from ._examples import MISSING
from ._model import NO_WITNESS_NOTE, Finding, Report
from ._schema import Side, build_side
from ._walk import Checker

MODES = ("backward", "forward", "full")

#: Python frames needed for the deepest accepted schema (see ``_schema.MAX_DEPTH``); the
#: validator of the metaschema alone takes about 20 frames per level of schema nesting.
_RECURSION_LIMIT = 25_000


@contextmanager
def _deep_recursion() -> Iterator[None]:
    previous = sys.getrecursionlimit()
    if previous < _RECURSION_LIMIT:
        sys.setrecursionlimit(_RECURSION_LIMIT)
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)


def check(
    old: Any,
    new: Any,
    *,
    mode: str = "backward",
    close_old: bool = False,
    close_new: bool = False,
    registry: Registry[Any] | None = None,
    old_name: str = "old",
    new_name: str = "new",
) -> Report:
    """Decide whether ``new`` is compatible with ``old`` by their sets of valid instances.

    ``backward``: every instance valid under ``old`` is valid under ``new``; ``forward``: the
    reverse; ``full``: both. ``close_old``/``close_new`` read that side's open objects as closed
    (``additionalProperties: false`` where an object schema declares ``properties`` and says
    nothing about other names), which is what a Pydantic model actually emits. ``$ref``s resolve
    inside the documents and in ``registry`` only; nothing is fetched. An invalid input raises
    :class:`ContractsError` naming ``old_name`` or ``new_name`` and a JSON pointer.

    The verdict is sound: "compatible" is only answered when containment was proven; where the
    checker cannot decide, it reports a ``*_UNDECIDED`` finding and answers "not compatible".
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    with _deep_recursion():
        try:
            old_side = build_side(
                old, file=old_name, label="old", closed=close_old, registry=registry
            )
            new_side = build_side(
                new, file=new_name, label="new", closed=close_new, registry=registry
            )
            findings: list[Finding] = []
            if mode in {"backward", "full"}:
                findings.extend(_direction(old_side, new_side, "backward"))
            if mode in {"forward", "full"}:
                findings.extend(_direction(new_side, old_side, "forward"))
        except RecursionError:
            raise ContractsError(
                old_name, f"together with {new_name}, is nested too deeply to compare"
            ) from None
    unique = {(*finding.sort_key(), str(finding.breaking)): finding for finding in findings}
    ordered = tuple(unique[key] for key in sorted(unique))
    return Report(mode=mode, findings=ordered, old_name=old_name, new_name=new_name)


def _direction(sub: Side, sup: Side, direction: str) -> list[Finding]:
    findings = []
    for draft in Checker(sub, sup).run():
        witness: Any = None
        note: str | None = None
        if not draft.breaking:
            pass
        elif draft.undecided is not None:
            note = f"undecided: {draft.undecided}"
        elif (candidate := draft.materialise()) is MISSING:
            note = NO_WITNESS_NOTE
        elif sub.accepts(candidate) and sup.rejects(candidate):
            witness = candidate
        else:
            note = "the instance built as a witness did not verify, so none is reported"
        if direction == "backward":
            old_pointer, new_pointer = draft.old_pointer, draft.new_pointer
        else:
            old_pointer, new_pointer = draft.new_pointer, draft.old_pointer
        findings.append(
            Finding(
                rule_id=draft.rule_id,
                breaking=draft.breaking,
                old_pointer=old_pointer,
                new_pointer=new_pointer,
                message=draft.message,
                witness=witness,
                witness_note=note,
                direction=direction,
            )
        )
    return findings
