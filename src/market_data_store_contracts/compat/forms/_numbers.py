"""The number model: how the checker reads the numbers of a schema and of an instance.

JSON writes numbers as decimals; validators compute with what their JSON parser made of them.
The checker reasons with exact rationals, in the reading ``jsonschema`` (which verifies every
witness) computes with:

- **instances** are what Python's ``json`` module parses: integers exactly, at any size, and
  every number with a fraction or an exponent as an IEEE 754 double. So a non-integer instance
  is always a double, and there is none at or beyond 2**52 in magnitude, except the JSON texts
  beyond every double (``1e400``), which ``json`` reads as infinities: numbers, no integers;
- **schema numbers** (bounds, ``multipleOf``) are read the same way: an integer literal exactly,
  any other literal as its double (``1e23`` is 99999999999999991611392); instance and bound are
  compared exactly.

Two other readings exist, and a "compatible" answer must hold in them too:

- the **decimal** reading (the literal as the decimal it is written as, what an
  arbitrary-precision validator computes: ``1e23`` is 10**23, ``0.1`` is 1/10; the command line
  keeps the text of each number it reads, see ``_documents.io.WrittenFloat``);
- the **double** reading (every number rounded to the nearest double, what JavaScript
  validators compute: 9007199254740993 becomes 9007199254740992, 10**309 becomes infinity).

Bounds are compared in all three readings; where the verdicts disagree the checker answers
``NUMBER_UNDECIDED`` and says which literal reads differently. ``multipleOf`` is *exact* when
every reading computes the same test: an integer step up to 2**53, or a power of two up to 1
(0.5, 0.25...). Any other step (0.01, 0.7, 3.0, or an integer beyond 2**53) is tested in
floating point (``jsonschema`` divides and asks whether the rounded quotient is an integer), so
it is only proven to accept a number when the rounding provably cannot matter; otherwise the
checker answers ``MULTIPLE_OF_UNDECIDED`` or, when it finds one, reports a number the division
rejects. On the contained (old) side such a step is ignored in proofs, which only makes the old
side larger.

Nothing here raises on huge or tiny numbers: a bound beyond the largest double is infinite in
the double reading, and conversions to ``float`` are guarded.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

#: Every integer up to this magnitude is a double; above it doubles are spaced 2 or more apart.
EXACT_INTEGERS = 2**53
#: From this magnitude on every double is an integer: no non-integer instance exists there.
NO_FRACTIONS = 2**52

Value = Fraction | float  # a float only for +-inf (the double reading of a huge literal)


def exact(literal: Any) -> Fraction:
    """The reading ``jsonschema`` computes with: integers exactly, other literals as doubles."""
    return Fraction(literal)


def decimal(literal: Any) -> Fraction:
    """The literal as the decimal it is written as: the text the command line read it from
    (``WrittenFloat.written``), else for a double its shortest round-trip text."""
    written = getattr(literal, "written", None)
    if isinstance(written, str):
        return Fraction(written)
    if isinstance(literal, float):
        return Fraction(repr(literal))
    return Fraction(literal)


def double(literal: Any) -> Value:
    """The literal rounded to the nearest double (infinite beyond the largest double)."""
    if isinstance(literal, float):
        return Fraction(literal)
    try:
        return Fraction(float(literal))
    except OverflowError:
        return math.inf if literal > 0 else -math.inf


def readings(literal: Any) -> tuple[Value, Value, Value]:
    """(exact, decimal, double) readings of a number literal."""
    return exact(literal), decimal(literal), double(literal)


def ambiguous(literal: Any) -> bool:
    """Whether the three readings of a literal are not the same number."""
    first, second, third = readings(literal)
    return not first == second == third


def reads_differently(value: Any) -> bool:
    """Whether a validator computing in doubles or in decimals may judge the listed number
    ``value`` otherwise than ``jsonschema`` does: it is so large (2**53 on) that it may be no
    double and a division by a step rounds its quotient to an integer, or it was written as a
    decimal its double is not (``WrittenFloat``)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if abs(value) >= EXACT_INTEGERS:
        return True
    return isinstance(getattr(value, "written", None), str) and decimal(value) != exact(value)


def explain(literal: Any) -> str:
    """Why a literal reads differently, for a message."""
    written = getattr(literal, "written", None)
    text = written if isinstance(written, str) else repr(literal)
    if isinstance(literal, float):
        return (
            f"{text} has no exact double: as a decimal it is {_show(decimal(literal))}, "
            f"as the double validators compute with it is {_show(exact(literal))}"
        )
    shown = double(literal)
    if isinstance(shown, float):
        return (
            f"{text} is beyond the largest double: a validator computing in doubles reads it "
            "as infinity"
        )
    return f"{text} is not a double: a validator computing in doubles reads it as {_show(shown)}"


def _show(value: Value) -> str:
    if isinstance(value, float):
        return repr(value)
    if value.denominator == 1:
        return str(value.numerator)
    return str(value)


def as_json_number(value: Value) -> int | float:
    """An exact value as the JSON number closest to it (an ``int`` when integral; an infinity,
    what Python's ``json`` reads ``1e400`` as, stays one)."""
    if isinstance(value, float):
        return value
    if value.denominator == 1:
        return value.numerator
    try:
        return float(value)
    except OverflowError:  # not a double at all: the closest finite double is the best we have
        return math.copysign(1.7976931348623157e308, value)


def is_exact_step(literal: Any) -> bool:
    """Whether every reading tests ``multipleOf: literal`` the same way (see the module doc)."""
    if isinstance(literal, bool):
        return False
    if isinstance(literal, int):
        return 0 < literal <= EXACT_INTEGERS
    if isinstance(literal, float) and 0 < literal <= 1:
        mantissa, _exponent = math.frexp(literal)
        return mantissa == 0.5  # a power of two
    return False


def to_double(value: Fraction) -> float | None:
    """The double nearest to ``value``; ``None`` beyond the largest double."""
    try:
        return float(value)
    except OverflowError:
        return None


def non_integer_doubles(
    lower: tuple[Fraction, bool] | None,
    upper: tuple[Fraction, bool] | None,
    step: Fraction | None = None,
    *,
    count: int = 3,
) -> list[Fraction]:
    """Up to ``count`` non-integer doubles in the interval (each bound a value and whether it
    is exclusive) that are multiples of ``step`` (a power of two below 1, if given). Complete:
    an empty answer means there is none. Friendly values (``x.5``) come first."""

    def inside(x: Fraction) -> bool:
        if x.denominator == 1 or abs(x) >= NO_FRACTIONS:
            return False
        if lower is not None and (x < lower[0] or (lower[1] and x == lower[0])):
            return False
        if upper is not None and (x > upper[0] or (upper[1] and x == upper[0])):
            return False
        return step is None or (x / step).denominator == 1

    lo = max(lower[0], Fraction(-NO_FRACTIONS)) if lower is not None else Fraction(-NO_FRACTIONS)
    hi = min(upper[0], Fraction(NO_FRACTIONS)) if upper is not None else Fraction(NO_FRACTIONS)
    if lo > hi:
        return []
    found: list[Fraction] = []
    for candidate in _candidates(lo, hi, lower is None and upper is None, step):
        near = to_double(candidate)
        if near is None or not math.isfinite(near):
            continue
        x = Fraction(near)
        if inside(x) and x not in found:
            found.append(x)
            if len(found) >= count:
                break
    return found


def _candidates(
    lo: Fraction, hi: Fraction, unbounded: bool, step: Fraction | None
) -> Iterator[Fraction]:
    """The candidates of :func:`non_integer_doubles`, in order, built only as far as asked
    (the exhaustive ones at the end cost most and are rarely reached)."""
    if step is not None:
        first, last = math.ceil(lo / step), math.floor(hi / step)
        for t in (first, first + 1, first + 2, first + 3, last, last - 1):
            yield t * step
        # completeness: near the point of the range closest to zero, where doubles are
        # densest, then on the grid of the doubles at each end (multiples of the step
        # that are doubles are the multiples of the coarser of the step and the spacing)
        nearest = min(max(Fraction(0), lo), hi)
        if (Fraction(1, 2) / step).denominator == 1:
            yield from (math.floor(nearest) + Fraction(1, 2), math.ceil(nearest) - Fraction(1, 2))
        yield from _grid(nearest, step, ascending=True)
        yield from _grid(nearest, step, ascending=False)
        yield from _grid(lo, step, ascending=True)
        yield from _grid(hi, step, ascending=False)
        return
    if unbounded:
        yield from (Fraction(1, 2), Fraction(-1, 2), Fraction(3, 2))
    base_lo, base_hi = math.floor(lo), math.ceil(hi)
    yield from (base_lo + Fraction(1, 2), base_lo + Fraction(3, 2))
    yield from (base_hi - Fraction(1, 2), base_hi - Fraction(3, 2))
    middle = (lo + hi) / 2
    yield from (middle, middle + (hi - lo) / 4, lo + (hi - lo) / 8)
    # completeness: the first two doubles at or above the lower end, the last two below
    # the upper end; next to an integer below 2**52 lies a non-integer double
    yield from _first_doubles(lo, ascending=True)
    yield from _first_doubles(hi, ascending=False)


def _grid(start: Fraction, step: Fraction, *, ascending: bool) -> list[Fraction]:
    """The first three multiples of ``step`` from ``start`` on (up or down) on the grid of the
    doubles near ``start``: where the doubles are spaced wider than the step, their spacing."""
    near = to_double(start)
    if near is None:
        return []
    spacing = Fraction(math.ulp(near)) if near else step
    unit = max(step, spacing) if (spacing / step).denominator == 1 else step
    first = math.ceil(start / unit) if ascending else math.floor(start / unit)
    sign = 1 if ascending else -1
    return [(first + sign * i) * unit for i in range(3)]


def _first_doubles(start: Fraction, *, ascending: bool) -> list[Fraction]:
    near = to_double(start)
    if near is None:
        return []
    direction = math.inf if ascending else -math.inf
    while (Fraction(near) < start) if ascending else (Fraction(near) > start):
        near = math.nextafter(near, direction)
    out = []
    for _ in range(3):
        out.append(Fraction(near))
        near = math.nextafter(near, direction)
    return out
