"""The lexical ``integer`` of draft-04 and OpenAPI 3.0, a check of both whole sides.

The walk proves containment on 2020-12 meanings, where ``1.0`` is an integer. Draft-04 and
OpenAPI 3.0 read ``integer`` lexically (a number written without a fraction or exponent), so
where one of them reads an ``integer`` the containment only stands when ``sub`` provably
accepts no integral number written with a fraction or exponent at the places ``sup`` evaluates
such an ``integer`` (anywhere, where those places are not plain from the document). Otherwise
it is a break with such a number as witness if one is at hand (``TYPE_NARROWED``), else
undecided (``KEYWORD_UNDECIDED``). Both rules share one reading of the sides, made once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .._schema import Side
from ..dialects import (
    ANY_ITEM,
    Location,
    lexical_integers,
    lexical_locations,
    may_accept_written_fraction,
    may_accept_written_fraction_at,
    negates,
)
from ..forms._examples import MISSING
from ._base import Change, Sides

#: what the draft-04 reading of ``integer`` means, for messages
_LEXICAL = (
    'draft-04 and OpenAPI 3.0 read "integer" lexically (a number written without a fraction '
    "or exponent), so 1.0 is no integer there, while the comparison counts it as one (as "
    "draft-06 and later do)"
)
_AVOID = (
    "declare draft-06 or later in $schema (1.0 is an integer there), or let the other side "
    "accept only integers written as integers"
)


@dataclass(frozen=True)
class _Reading:
    """Where a lexical ``integer`` may undo the containment: the pointers to report and the
    instance that shows it (``MISSING``: none at hand)."""

    sub_pointer: str
    sup_pointer: str
    witness: Any


def integer_read_lexically(sides: Sides) -> Iterator[Change]:
    """``sub`` accepts an integral number written with a fraction that ``sup``'s lexical
    ``integer`` rejects."""
    reading = _reading(sides)
    if reading is not None and reading.witness is not MISSING:
        yield Change(
            f"{sides.sub.label} accepts {reading.witness!r}, which {sides.sup.label} rejects: "
            f"{_LEXICAL}; {_AVOID}.",
            reading.sub_pointer,
            reading.sup_pointer,
            reading.witness,
        )


def lexical_integer_undecided(sides: Sides) -> Iterator[Change]:
    """``sub`` may accept such a number where ``sup`` reads ``integer`` lexically, and no
    instance settles it."""
    reading = _reading(sides)
    if reading is not None and reading.witness is MISSING:
        yield Change(
            f"{_LEXICAL}; {sides.sub.label} may accept an integral number written with a "
            'fraction or exponent (through "number", an untyped schema or an enum with '
            f"numbers, or in a dialect where 1.0 is an integer), and whether {sides.sup.label} "
            f"rejects it there was not decided; {_AVOID}.",
            reading.sub_pointer,
            reading.sup_pointer,
            undecided=_LEXICAL,
        )


def _reading(sides: Sides) -> _Reading | None:
    """The reading both rules share, made once per pair of sides (``None``: the containment
    stands under every reading of ``integer``)."""
    if "lexical" not in sides.memo:
        sides.memo["lexical"] = _read(sides.sub, sides.sup)
    found: _Reading | None = sides.memo["lexical"]
    return found


def _read(sub: Side, sup: Side) -> _Reading | None:
    sup_types = {uri: lexical_integers(t) for uri, t in sup.translations.items()}
    # where ``sub`` rejects 1.0 under a not/oneOf, its draft-04 reading may accept more than
    # the translation the containment was proven on
    sub_negated = any(lexical_integers(t) for t in sub.translations.values()) and any(
        negates(t) for t in sub.translations.values()
    )
    if not (any(sup_types.values()) or sub_negated) or _same(sub, sup):
        return None
    locations = None if sub_negated else _locations(sup_types, sup)
    if locations is None:
        if not may_accept_written_fraction(sub.translations[sub.root_uri]):
            return None
    elif not any(
        may_accept_written_fraction_at(sub.translations[sub.root_uri], location)
        for location in locations
    ):
        return None
    sub_pointer = ""
    if not any(sup_types.values()):
        sub_pointer = next(iter(lexical_integers(sub.translations[sub.root_uri])), "")
    sup_pointer = next(iter(sup_types.get(sup.root_uri) or [""]))
    # a witness only where both sides are validated as written (not a closed view)
    written = sub.original_validator is not None and sup.original_validator is not None
    numbers = _written_fractions(sub, sup) if written else []
    for candidate in [*numbers, *(_at(loc, x) for loc in locations or [] for x in numbers)]:
        if sub.accepts_as_written(candidate) and not sup.accepts_as_written(candidate):
            return _Reading(sub_pointer, sup_pointer, candidate)
    return _Reading(sub_pointer, sup_pointer, MISSING)


def _locations(sup_types: dict[str, list[str]], sup: Side) -> list[Location] | None:
    """Where in an instance ``sup`` evaluates a lexical ``integer``, when that is plain (its
    own document has all of them); ``None`` otherwise."""
    if any(types for uri, types in sup_types.items() if uri != sup.root_uri):
        return None
    return lexical_locations(sup.translations[sup.root_uri])


def _at(location: Location, value: Any) -> Any:
    """The instance holding only ``value``, at ``location``."""
    for step in reversed(location):
        value = [value] if step is ANY_ITEM else {step: value}
    return value


def _same(sub: Side, sup: Side) -> bool:
    """Whether both sides are the same document read the same way (then any reading of
    ``integer`` leaves them equal)."""
    ours, theirs = sub.translations[sub.root_uri], sup.translations[sup.root_uri]
    return (
        sub.closed == sup.closed
        and ours.dialect == theirs.dialect
        and ours.original == theirs.original
    )


def _written_fractions(sub: Side, sup: Side) -> list[float]:
    """Integral numbers written with a fraction: 0.0, ±1.0, and each integral number the two
    documents mention (a bound, an enum value), as a float."""
    numbers: dict[float, None] = dict.fromkeys([1.0, 0.0, -1.0, 2.0, 100.0])
    pending: list[Any] = [t.original for side in (sub, sup) for t in side.translations.values()]
    while pending and len(numbers) < 64:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and abs(value) < 2**53  # first: a huge integer has no float
            and float(value).is_integer()
        ):
            numbers.setdefault(float(value), None)
    return list(numbers)
