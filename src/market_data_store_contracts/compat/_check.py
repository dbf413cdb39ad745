"""``check``: build both sides, walk them in the requested directions, verify every witness."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any

from referencing import Registry

from .._documents.pointers import pointer_join
from ..errors import ContractsError
from ._reading import Resources
from ._report import NO_WITNESS_NOTE, UNVERIFIED_NOTE, Finding, Notice, Report
from ._schema import Side
from ._sides import build_side
from ._walk import Walker
from ._witness import Draft
from .dialects import DIALECTS, iter_unknown
from .forms._examples import MISSING
from .rules import RULES, Sides

MODES = ("backward", "forward", "full")

#: Python frames needed for the deepest accepted schema (see ``_reading.MAX_DEPTH``); the
#: validator of the metaschema alone takes about 20 frames per level of schema nesting.
_RECURSION_LIMIT = 25_000


@contextmanager
def deep_recursion() -> Iterator[None]:
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
    dialect: str | None = None,
) -> Report:
    """Decide whether ``new`` is compatible with ``old`` by their sets of valid instances.

    ``backward``: every instance valid under ``old`` is valid under ``new``; ``forward``: the
    reverse; ``full``: both. ``close_old``/``close_new`` read that side's open objects as closed
    (``additionalProperties: false`` where an object schema declares ``properties`` and says
    nothing about other names), which is what a Pydantic model actually emits. ``$ref``s resolve
    inside the documents and in ``registry`` only; nothing is fetched. An invalid input raises
    :class:`ContractsError` naming ``old_name`` or ``new_name`` and a JSON pointer.

    Each document (and each registry resource) is read in the dialect its ``$schema`` names:
    draft-04, draft-06, draft-07, 2019-09 or 2020-12; ``dialect`` is the one for documents
    that name none (``None``: 2020-12), and ``"openapi-3.0"`` reads every document as an
    OpenAPI 3.0 Schema Object. A keyword the reading dialect does not define but another one
    does is refused (``ContractsError``), never ignored. Keywords no dialect defines are listed
    in ``Report.notices``.

    ``Report.verdict`` is sound: "compatible" only when containment was proven, "incompatible"
    only when a breaking finding carries a witness that each document's own dialect validator
    confirmed; a break claimed without one (a ``*_UNDECIDED`` finding, or a witness that could
    not be built or did not verify) makes it "undecided".
    """
    return check_with(
        old,
        new,
        Resources(registry, dialect),  # each resource read once, for both sides
        mode=mode,
        close_old=close_old,
        close_new=close_new,
        old_name=old_name,
        new_name=new_name,
    )


def check_with(
    old: Any,
    new: Any,
    resources: Resources,
    *,
    mode: str = "backward",
    close_old: bool = False,
    close_new: bool = False,
    old_name: str = "old",
    new_name: str = "new",
) -> Report:
    """:func:`check` on registry resources that may already have been read (``resources``
    carries the registry and the default dialect)."""
    registry, dialect = resources.registry, resources.dialect
    _check_choices(mode, dialect)
    read = partial(build_side, registry=registry, dialect=dialect, resources=resources)
    with deep_recursion():
        try:
            old_side = read(old, file=old_name, label="old", closed=close_old)
            new_side = read(new, file=new_name, label="new", closed=close_new)
            findings = _walk_directions(old_side, new_side, mode)
        except RecursionError:
            raise ContractsError(
                old_name, f"together with {new_name}, is nested too deeply to compare"
            ) from None
    return Report(
        mode=mode,
        findings=_sorted_unique(findings),
        old_name=old_name,
        new_name=new_name,
        notices=_notices(old_side, new_side),
    )


def _check_choices(mode: str, dialect: str | None) -> None:
    """Refuse a mode or a dialect that ``check`` does not know (a caller's mistake)."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    if dialect is not None and dialect not in DIALECTS:
        raise ValueError(f"dialect must be one of {', '.join(DIALECTS)}, not {dialect!r}")


def _walk_directions(old_side: Side, new_side: Side, mode: str) -> list[Finding]:
    """The findings of each direction ``mode`` asks for: old in new (backward), new in old
    (forward), or both (full)."""
    findings: list[Finding] = []
    if mode in {"backward", "full"}:
        findings.extend(_direction(old_side, new_side, "backward"))
    if mode in {"forward", "full"}:
        findings.extend(_direction(new_side, old_side, "forward"))
    return findings


def _sorted_unique(findings: list[Finding]) -> tuple[Finding, ...]:
    """The findings sorted, each once (so the report is stable)."""
    unique = {(*finding.sort_key(), str(finding.breaking)): finding for finding in findings}
    return tuple(unique[key] for key in sorted(unique))


def _notices(*sides: Side) -> tuple[Notice, ...]:
    """Each keyword no dialect defines, once per document (an annotation, but maybe a typo),
    and each reading the dialect's text settles against what some tools do."""
    notices: list[Notice] = []
    for side in sides:
        for uri, translation in side.translations.items():
            file = side.file if uri == side.root_uri else uri
            notices.extend(Notice(file, pointer, message) for pointer, message in translation.notes)
            for pointer, keyword in iter_unknown(translation):
                notices.append(
                    Notice(
                        file,
                        pointer_join(pointer, keyword),
                        f"{keyword!r} is no keyword of any JSON Schema dialect, so it is read "
                        "as an annotation (a typo?)",
                    )
                )
    return tuple(dict.fromkeys(notices))


def _direction(sub: Side, sup: Side, direction: str) -> list[Finding]:
    """The findings that keep ``sub`` from being contained in ``sup``, in old/new terms."""
    findings = [_finding(draft, sub, sup, direction) for draft in Walker(sub, sup).run()]
    if not any(finding.breaking for finding in findings):
        findings.extend(_sides_findings(sub, sup, direction))
    return findings


def _finding(draft: Draft, sub: Side, sup: Side, direction: str) -> Finding:
    """The finding of a draft: its pointers in the documents as written, its witness verified."""
    return _oriented(
        draft.rule_id,
        draft.breaking,
        sub.original_pointer(draft.old_pointer),
        sup.original_pointer(draft.new_pointer),
        draft.message,
        _witness(draft.breaking, draft.undecided, draft.materialise, sub, sup),
        direction,
    )


def _sides_findings(sub: Side, sup: Side, direction: str) -> list[Finding]:
    """The findings of the rules that check both whole sides (where the walk found nothing
    breaking), in old/new terms."""
    sides = Sides(sub, sup)
    return [
        _oriented(
            rule.id,
            rule.breaking,
            change.old_pointer,
            change.new_pointer,
            change.message,
            _witness(rule.breaking, change.undecided, partial(_given, change.witness), sub, sup),
            direction,
        )
        for rule in RULES.values()
        if rule.sides is not None
        for change in rule.sides(sides)
    ]


def _oriented(
    rule_id: str,
    breaking: bool,
    sub_pointer: str,
    sup_pointer: str,
    message: str,
    witness: tuple[Any, str | None],
    direction: str,
) -> Finding:
    """A finding about ``sub`` in ``sup``, told in old/new terms: in the forward direction
    ``sub`` is the new document."""
    if direction == "backward":
        old_pointer, new_pointer = sub_pointer, sup_pointer
    else:
        old_pointer, new_pointer = sup_pointer, sub_pointer
    return Finding(
        rule_id=rule_id,
        breaking=breaking,
        old_pointer=old_pointer,
        new_pointer=new_pointer,
        message=message,
        witness=witness[0],
        witness_note=witness[1],
        direction=direction,
    )


def _witness(
    breaking: bool, undecided: str | None, build: Callable[[], Any], sub: Side, sup: Side
) -> tuple[Any, str | None]:
    """The witness of a break when ``sub`` accepts it and ``sup`` rejects it, both as written
    (built only then); otherwise ``None`` and the note that says why no witness is shown."""
    if not breaking:
        return None, None
    if undecided is not None:
        return None, f"undecided: {undecided}"
    candidate = build()
    if candidate is MISSING:
        return None, NO_WITNESS_NOTE
    if sub.accepts_as_written(candidate) and sup.rejects_as_written(candidate):
        return candidate, None
    return None, UNVERIFIED_NOTE


def _given(witness: Any) -> Any:
    """A whole-side rule's witness, already built."""
    return witness
