"""Rules on numbers: bounds, multipleOf, and where the readings of a number disagree (see
``compat.forms._numbers``)."""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from jsonschema import Draft202012Validator

from ..forms._examples import MISSING, int_bounds, int_values, non_integers, rational_lcm
from ..forms._numbers import (
    NO_FRACTIONS,
    ambiguous,
    as_json_number,
    decimal,
    double,
    exact,
    explain,
    is_exact_step,
)
from ..forms._shape import Bound, Branch
from ._base import KIND_NAMES, Change, Pair, bound_text, keyword_pointer


def number_minimum_raised(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    if new.lower is None:
        return
    witness: Any = MISSING
    if old.kind == "integer":
        lo, hi, step = int_bounds(old)
        new_lo, _, _ = int_bounds(new)
        assert new_lo is not None
        if lo is not None and lo >= new_lo:
            return
        found = int_values(lo, hi, step, count=1, below=new_lo)
        if not found:
            return
        witness = found[0]
    else:
        below = Bound(new.lower.value, not new.lower.exclusive, new.lower.pointer)
        trial = Branch(
            "number",
            old.pointer,
            lower=old.lower,
            upper=_min_upper(old.upper, below),
            multiples=old.multiples,
        )
        found_numbers = non_integers(trial, count=1)
        if not found_numbers:
            return
        witness = as_json_number(found_numbers[0])
    verb = "raised its lower bound from" if old.lower is not None else "gained a lower bound:"
    text = (
        f"{bound_text(old.lower, True)} to {bound_text(new.lower, True)}"
        if old.lower is not None
        else bound_text(new.lower, True)
    )
    yield Change(
        f"{pair.subject} {verb} {text} for {KIND_NAMES[old.kind]} values.",
        keyword_pointer(old.lower, old.pointer),
        new.lower.pointer,
        witness,
    )


def number_maximum_lowered(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    if new.upper is None:
        return
    witness: Any = MISSING
    if old.kind == "integer":
        lo, hi, step = int_bounds(old)
        _, new_hi, _ = int_bounds(new)
        assert new_hi is not None
        if hi is not None and hi <= new_hi:
            return
        found = list(
            int_values(max(lo, new_hi + 1) if lo is not None else new_hi + 1, hi, step, count=1)
        )
        if not found:
            return
        witness = found[0]
    else:
        above = Bound(new.upper.value, not new.upper.exclusive, new.upper.pointer)
        trial = Branch(
            "number",
            old.pointer,
            lower=_max_lower(old.lower, above),
            upper=old.upper,
            multiples=old.multiples,
        )
        found_numbers = non_integers(trial, count=1)
        if not found_numbers:
            return
        witness = as_json_number(found_numbers[0])
    verb = "lowered its upper bound from" if old.upper is not None else "gained an upper bound:"
    text = (
        f"{bound_text(old.upper, False)} to {bound_text(new.upper, False)}"
        if old.upper is not None
        else bound_text(new.upper, False)
    )
    yield Change(
        f"{pair.subject} {verb} {text} for {KIND_NAMES[old.kind]} values.",
        keyword_pointer(old.upper, old.pointer),
        new.upper.pointer,
        witness,
    )


def _min_upper(a: Bound | None, b: Bound) -> Bound:
    if a is None or b.value < a.value or (b.value == a.value and b.exclusive):
        return b
    return a


def _max_lower(a: Bound | None, b: Bound) -> Bound:
    if a is None or b.value > a.value or (b.value == a.value and b.exclusive):
        return b
    return a


def _reading_holds(kind: str, old: Bound | None, new: Bound, read: Any, lower: bool) -> bool:
    """Whether the new bound admits every old number when both bounds are read with ``read``."""
    if old is None:
        return False

    def value(bound: Bound) -> Any:
        return read(bound.literal) if bound.literal is not None else bound.value

    old_value, new_value = value(old), value(new)
    if kind == "integer":
        old_value, new_value = (
            _int_edge(old_value, old.exclusive, lower),
            _int_edge(new_value, new.exclusive, lower),
        )
        return bool(old_value >= new_value if lower else old_value <= new_value)
    if old_value != new_value:
        return bool(old_value > new_value if lower else old_value < new_value)
    return old.exclusive or not new.exclusive


def _int_edge(value: Any, exclusive: bool, lower: bool) -> Any:
    if isinstance(value, float):  # an infinite double reading
        return value
    if lower:
        return math.floor(value) + 1 if exclusive else math.ceil(value)
    return math.ceil(value) - 1 if exclusive else math.floor(value)


def number_undecided(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    for lower, old_bound, new_bound in (
        (True, old.lower, new.lower),
        (False, old.upper, new.upper),
    ):
        if new_bound is None:
            continue
        odd = [
            bound.literal
            for bound in (old_bound, new_bound)
            if bound is not None and bound.literal is not None and ambiguous(bound.literal)
        ]
        if not odd or not _reading_holds(old.kind, old_bound, new_bound, exact, lower):
            continue
        if all(
            _reading_holds(old.kind, old_bound, new_bound, read, lower)
            for read in (decimal, double)
        ):
            continue
        reason = (
            "the bounds compare one way with numbers read as the JSON parser makes them "
            "and another way read as exact decimals or as IEEE 754 doubles: "
            + "; ".join(explain(literal) for literal in dict.fromkeys(odd))
        )
        yield Change(
            f"{pair.subject} changed {bound_text(old_bound, lower)} to "
            f"{bound_text(new_bound, lower)} "
            f"for {KIND_NAMES[old.kind]} values, which compare differently as decimals and as "
            "doubles.",
            keyword_pointer(old_bound, old.pointer),
            new_bound.pointer,
            undecided=reason,
        )


@dataclass(frozen=True)
class _StepOutcome:
    """How the old numbers of a branch fare against one new ``multipleOf`` step."""

    holds: bool
    witness: Any = MISSING
    old_pointer: str = ""
    new_pointer: str = ""
    reason: str = ""


#: Old integer ranges up to this size are decided value by value with the validator.
_ENUMERABLE = 256
#: Relative error of a floating-point step below which rounding cannot move a quotient that
#: is an integer in the decimal reading off that integer (half the spacing of doubles).
_ROUNDING_SAFE = Fraction(1, 2**55)
#: Magnitudes whose division never overflows a double.
_NO_OVERFLOW = 2**1000
#: Most old numbers validated against the old branch in a search for a witness.
_TRIALS = 24
#: Large integers tried as witnesses: where doubles stop being exact.
_LARGE = (2**53, 2**54, 10**17, 2**60, 10**20, 10**23, 2**64)


@functools.lru_cache(maxsize=256)
def _step_validator(literal: Any, kind: str) -> Draft202012Validator:
    # ``kind`` keeps 2 and 2.0 apart: jsonschema tests them differently
    return Draft202012Validator({"multipleOf": literal})


def _step_accepts(literal: Any, value: Any) -> bool | None:
    """What ``jsonschema`` says of ``value`` against ``multipleOf: literal`` (None: it fails)."""
    try:
        return bool(_step_validator(literal, type(literal).__name__).is_valid(value))
    except (OverflowError, ValueError, ZeroDivisionError):
        return None


def _step_literals(branch: Branch) -> list[tuple[Any, str]]:
    return [(as_json_number(m), p) for m, p in branch.multiples] + list(branch.inexact_multiples)


def _old_numbers(pair: Pair, old: Branch) -> list[Any]:
    """Old instances of the branch's kind to try as witnesses, small and large."""
    if old.kind == "integer":
        lo, hi, step = int_bounds(old)
        values: list[Any] = list(int_values(lo, hi, step, count=16))
        for big in _LARGE:
            for start in (big, -big - 4 * step):
                if (lo is None or start >= lo) and (hi is None or start <= hi):
                    values += int_values(start, hi, step, count=4)
        return values
    values = [as_json_number(x) for x in non_integers(old, count=32)]
    for literal, _pointer in old.inexact_multiples:  # hints: near-multiples of a float step
        if isinstance(literal, float):
            values += [k * literal for k in range(1, 17)]
    return values


def _step_holds(old: Branch, literal: Any) -> bool:  # noqa: PLR0911  one answer per case
    """Whether every old number passes ``multipleOf: literal`` in every reading (a proof)."""
    if any(type(mine) is type(literal) and mine == literal for mine, _ in old.inexact_multiples):
        return True  # the very same test on both sides
    if old.kind == "integer":
        lo, hi, step = int_bounds(old)
        if lo is not None and hi is not None and hi - lo <= _ENUMERABLE * step:
            return all(
                _step_accepts(literal, v) for v in int_values(lo, hi, step, count=_ENUMERABLE + 1)
            )
        if is_exact_step(literal):
            return (Fraction(step) / exact(literal)).denominator == 1
        return _rounding_safe(literal, Fraction(step), lo, hi)
    lcm = rational_lcm([m for m, _ in old.multiples]) if old.multiples else None
    if not non_integers(old, count=1):
        return True
    if lcm is None:
        return False
    if is_exact_step(literal):
        return (lcm / exact(literal)).denominator == 1
    return _rounding_safe(literal, lcm, -NO_FRACTIONS, NO_FRACTIONS)


def _rounding_safe(literal: Any, step: Fraction, lo: int | None, hi: int | None) -> bool:
    """Every multiple of ``step`` in [lo, hi] is a decimal multiple of ``literal``, and the
    floating-point division by ``literal`` provably rounds to that integer quotient."""
    if not isinstance(literal, float) or not 1e-290 < literal <= 1:
        return False
    if lo is None or hi is None or max(abs(lo), abs(hi)) > _NO_OVERFLOW:
        return False
    written = decimal(literal)
    if (step / written).denominator != 1:
        return False
    return abs(exact(literal) / written - 1) < _ROUNDING_SAFE


def _step_outcome(pair: Pair, literal: Any, new_pointer: str) -> _StepOutcome:
    old = pair.old
    assert old is not None
    old_steps = _step_literals(old)
    old_pointer = old_steps[0][1] if old_steps else old.pointer
    if _step_holds(old, literal):
        return _StepOutcome(True)
    examples = pair.walker.examples
    rejected = [v for v in _old_numbers(pair, old) if _step_accepts(literal, v) is False]
    for value in rejected[:_TRIALS]:  # each costs a validation of the old branch
        if examples.in_branch(old, value):
            return _StepOutcome(False, value, old_pointer, new_pointer)
    if old.inexact_multiples:
        reason = (
            f"the old multipleOf {_steps_text(old)} is tested in binary floating point, so which "
            "numbers it accepts is not modelled exactly, and no old number was found that the "
            "new step rejects"
        )
    elif is_exact_step(literal):
        reason = "no old number was found that the new step rejects, nor a proof that none exists"
    else:
        reason = (
            f"multipleOf {literal!r} is not an integer up to 2**53 nor a power of two up to 1, so "
            "validators test it in binary floating point (they divide and check whether the "
            "rounded quotient is an integer) while the decimal reading tests it exactly; the two "
            "tests could not be shown to agree on every old number, and no old number was found "
            "that the floating-point test rejects"
        )
    return _StepOutcome(False, MISSING, old_pointer, new_pointer, reason)


def _step_outcomes(pair: Pair) -> Iterator[_StepOutcome]:
    new = pair.new
    assert new is not None
    for literal, pointer in _step_literals(new):
        outcome = _step_outcome(pair, literal, pointer)
        if not outcome.holds:
            yield outcome


def _steps_text(branch: Branch) -> str:
    return ", ".join(repr(literal) for literal, _ in _step_literals(branch)) or "none"


def multiple_of_changed(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    for outcome in _step_outcomes(pair):
        if outcome.witness is not MISSING:
            yield Change(
                f"{pair.subject} changed multipleOf from {_steps_text(old)} to "
                f"{_steps_text(new)} for {KIND_NAMES[old.kind]} values.",
                outcome.old_pointer,
                outcome.new_pointer,
                outcome.witness,
            )
            return


def multiple_of_undecided(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    outcomes = list(_step_outcomes(pair))
    if outcomes and all(outcome.witness is MISSING for outcome in outcomes):
        outcome = outcomes[0]
        yield Change(
            f"{pair.subject} changed multipleOf from {_steps_text(old)} to {_steps_text(new)} "
            f"for {KIND_NAMES[old.kind]} values in a way that could not be decided.",
            outcome.old_pointer,
            outcome.new_pointer,
            undecided=outcome.reason,
        )
