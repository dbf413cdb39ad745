"""The rules: one small function per change, each registered once in :data:`RULES`.

A rule only compares a matched pair handed to it by the walker (``_walk``): two branches of the
same kind, an old branch with no counterpart, one property slot... It *yields* changes and never
prints or raises. A change names the spot in both documents, says what happened in one
past-tense sentence and, when it can, proposes a witness: an instance the old schema accepts
and the new one rejects. The walker wraps the witness into a whole document and has it verified
by ``jsonschema`` before it is reported.

Rule IDs follow buf's grammar: ``<SUBJECT>_<CHANGE>``; ``*_UNDECIDED`` rules fire where the
checker cannot prove containment and will not guess (the verdict is then "not compatible").
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from jsonschema import Draft202012Validator

from .._errors import pointer_join
from ._examples import (
    MISSING,
    _rational_lcm,
    int_bounds,
    int_values,
    non_integers,
)
from ._numbers import (
    NO_FRACTIONS,
    ambiguous,
    as_json_number,
    decimal,
    double,
    exact,
    explain,
    is_exact_step,
)
from ._schema import Node
from ._shape import Bound, Branch, Caveat, Shape, kind_of

if TYPE_CHECKING:
    from ._walk import Checker

KIND_NAMES = {
    "null": "null",
    "boolean": "boolean",
    "integer": "integer",
    "number": "non-integer number",
    "string": "string",
    "array": "array",
    "object": "object",
}


@dataclass(frozen=True)
class Change:
    """What a rule yields; the walker turns it into a :class:`~._model.Finding`."""

    message: str
    old_pointer: str
    new_pointer: str
    witness: Any = MISSING
    #: why no witness can exist (``*_UNDECIDED`` rules)
    undecided: str | None = None


@dataclass(frozen=True)
class Pair:
    """A matched (old, new) pair, as the walker hands it to the rules of one scope."""

    checker: Checker
    subject: str
    old_nodes: tuple[Node, ...]
    new_nodes: tuple[Node, ...]
    at_old: Node
    at_new: Node
    old: Branch | None = None
    new: Branch | None = None
    new_shape: Shape | None = None
    caveat: Caveat | None = None
    name: str | None = None

    @property
    def old_pointer(self) -> str:
        return self.old.pointer if self.old is not None else self.at_old.pointer

    @property
    def new_pointer(self) -> str:
        return self.new.pointer if self.new is not None else self.at_new.pointer

    def new_accepts(self, value: Any) -> bool:
        return all(self.checker.new_norm.accepts(node, value) for node in self.new_nodes)

    def old_accepts(self, value: Any) -> bool:
        return all(self.checker.old_norm.accepts(node, value) for node in self.old_nodes)


Handler = Callable[[Pair], Iterator[Change]]


@dataclass(frozen=True)
class Rule:
    """One registered rule: its ID, a one-sentence purpose, where the walker calls it."""

    id: str
    purpose: str
    #: ``values``, ``missing``, ``branch``, ``union``, ``caveat``, ``property``, ``other``,
    #: ``names`` or ``root``: which kind of matched pair the handler receives
    scope: str
    handler: Handler
    #: kinds of branch the rule looks at (``branch`` scope), empty for all
    kinds: tuple[str, ...] = ()
    #: an info rule reports but never makes a check fail
    breaking: bool = True


def _json(value: Any) -> str:
    import json

    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 60 else text[:57] + "..."


def _kinds_text(kinds: list[str]) -> str:
    names: list[str] = []
    for kind in kinds:
        name = (
            "number"
            if kind in {"integer", "number"} and {"integer", "number"} <= set(kinds)
            else kind
        )
        if name not in names:
            names.append(name)
    if not names:
        return "nothing"
    if len(names) == 7 or (len(names) == 6 and "number" in names):
        return "any type"
    return " or ".join(names)


def _bound(bound: Bound | None, lower: bool) -> str:
    if bound is None:
        return "none"
    keyword = (
        ("exclusiveMinimum" if lower else "exclusiveMaximum")
        if bound.exclusive
        else ("minimum" if lower else "maximum")
    )
    shown = bound.literal if bound.literal is not None else as_json_number(bound.value)
    return f"{keyword} {shown!r}"


def _number(value: Fraction) -> str:
    return str(as_json_number(value))


def _at_keyword(node: Node, keyword: str) -> str:
    """The pointer of ``keyword`` in ``node`` when the node lies in the user's document and has
    it, else the node's own pointer."""
    if node.internal and isinstance(node.contents, dict) and keyword in node.contents:
        return pointer_join(node.pointer, keyword)
    return node.pointer


def _keyword_pointer(bound: Any, fallback: str) -> str:
    return str(bound.pointer) if bound is not None else fallback


# ---------------------------------------------------------------------------------------------
# values: an old branch with finitely many values (enum, const, null, boolean)


def enum_value_removed(pair: Pair) -> Iterator[Change]:
    old = pair.old
    assert old is not None
    assert old.values is not None
    if len(old.values) == 1 and old.kind not in {"null", "boolean"}:
        return
    for value in old.values:
        if not pair.new_accepts(value):
            yield Change(
                f"{pair.subject} no longer accepts the value {_json(value)}.",
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
            f"{pair.subject} changed its only allowed value from {_json(value)}.",
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
    old_kinds = pair.checker.old_norm.conjunction(pair.old_nodes, pair.at_old).kinds
    yield Change(
        f"{pair.subject} changed type from {_kinds_text(old_kinds)} to {_kinds_text(shape.kinds)}.",
        _at_keyword(old.atoms[0], "type") if old.atoms else pair.at_old.pointer,
        _at_keyword(pair.at_new, "type"),
        pair.checker.examples.of_branch(old),
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
    examples = pair.checker.examples
    for candidate in examples.candidates(old, 0) + _more_candidates(pair, old):
        if examples.in_branch(old, candidate) and not pair.new_accepts(candidate):
            witness = candidate
            break
    yield Change(
        f"{pair.subject} was restricted to the {KIND_NAMES[old.kind]} values {_json(allowed)}.",
        old.pointer,
        options[0].values_pointer or pair.at_new.pointer,
        witness,
    )


def _more_candidates(pair: Pair, old: Branch) -> list[Any]:
    examples = pair.checker.examples
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
        found = int_values(None if lo is None else lo, hi, step, count=1, below=new_lo)
        if lo is None:
            found = int_values(None, hi, step, count=1, below=new_lo)
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
        f"{_bound(old.lower, True)} to {_bound(new.lower, True)}"
        if old.lower is not None
        else _bound(new.lower, True)
    )
    yield Change(
        f"{pair.subject} {verb} {text} for {KIND_NAMES[old.kind]} values.",
        _keyword_pointer(old.lower, old.pointer),
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
        f"{_bound(old.upper, False)} to {_bound(new.upper, False)}"
        if old.upper is not None
        else _bound(new.upper, False)
    )
    yield Change(
        f"{pair.subject} {verb} {text} for {KIND_NAMES[old.kind]} values.",
        _keyword_pointer(old.upper, old.pointer),
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
            f"{pair.subject} changed {_bound(old_bound, lower)} to {_bound(new_bound, lower)} "
            f"for {KIND_NAMES[old.kind]} values, which compare differently as decimals and as "
            "doubles.",
            _keyword_pointer(old_bound, old.pointer),
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
    lcm = _rational_lcm([m for m, _ in old.multiples]) if old.multiples else None
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
    examples = pair.checker.examples
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


def string_min_length_raised(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    low = old.min_length.value if old.min_length else 0
    if new.min_length is None or new.min_length.value <= low:
        return
    lengths = tuple(range(low, min(new.min_length.value, low + 8)))
    witness = next(iter(pair.checker.examples.strings(old, lengths=lengths)), MISSING)
    yield Change(
        f"{pair.subject} raised minLength from {low} to {new.min_length.value}.",
        _keyword_pointer(old.min_length, old.pointer),
        new.min_length.pointer,
        witness,
    )


def string_max_length_lowered(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    high = old.max_length.value if old.max_length else None
    if new.max_length is None or (high is not None and new.max_length.value >= high):
        return
    start = new.max_length.value + 1
    lengths = tuple(range(start, start + 8 if high is None else min(high + 1, start + 8)))
    witness = next(iter(pair.checker.examples.strings(old, lengths=lengths)), MISSING)
    old_text = str(high) if high is not None else "none"
    yield Change(
        f"{pair.subject} lowered maxLength from {old_text} to {new.max_length.value}.",
        _keyword_pointer(old.max_length, old.pointer),
        new.max_length.pointer,
        witness,
    )


def _pattern_witness(pair: Pair, pattern: str) -> Any:
    old = pair.old
    assert old is not None
    examples = pair.checker.examples
    pool = examples.strings(old)
    low = old.min_length.value if old.min_length else 0
    pool += examples.strings(old, lengths=tuple(range(low, low + 4)))
    for text in pool:
        if not re.search(pattern, text):
            return text
    return MISSING


def _new_patterns(pair: Pair) -> list[tuple[str, str]]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    known = {pattern for pattern, _ in old.patterns}
    return [(pattern, pointer) for pattern, pointer in new.patterns if pattern not in known]


def pattern_added(pair: Pair) -> Iterator[Change]:
    old = pair.old
    assert old is not None
    if old.patterns:
        return
    for pattern, pointer in _new_patterns(pair):
        witness = _pattern_witness(pair, pattern)
        if witness is not MISSING:
            yield Change(
                f"{pair.subject} gained the pattern {_json(pattern)}.",
                old.pointer,
                pointer,
                witness,
            )


def pattern_changed(pair: Pair) -> Iterator[Change]:
    old = pair.old
    assert old is not None
    if not old.patterns:
        return
    for pattern, pointer in _new_patterns(pair):
        witness = _pattern_witness(pair, pattern)
        if witness is not MISSING:
            old_text = ", ".join(_json(p) for p, _ in old.patterns)
            yield Change(
                f"{pair.subject} changed pattern from {old_text} to {_json(pattern)}.",
                old.patterns[0][1],
                pointer,
                witness,
            )


def pattern_undecided(pair: Pair) -> Iterator[Change]:
    old = pair.old
    assert old is not None
    for pattern, pointer in _new_patterns(pair):
        if _pattern_witness(pair, pattern) is MISSING:
            where = old.patterns[0][1] if old.patterns else old.pointer
            yield Change(
                f"{pair.subject} gained the pattern {_json(pattern)}, and whether it accepts every "
                "string the old schema accepts could not be decided.",
                where,
                pointer,
                undecided="two different regular expressions cannot be compared; no string was "
                "found that the old schema accepts and the new pattern rejects",
            )


def _effective_max_items(branch: Branch) -> int | None:
    high = branch.max_items.value if branch.max_items else None
    for part in branch.arrays:
        if part.items is not None and part.items.contents is False:
            high = len(part.prefix) if high is None else min(high, len(part.prefix))
    return high


def array_min_items_raised(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    low = old.min_items.value if old.min_items else 0
    if new.min_items is None or new.min_items.value <= low:
        return
    witness = pair.checker.examples.array(old, 0, length=low)
    yield Change(
        f"{pair.subject} raised minItems from {low} to {new.min_items.value}.",
        _keyword_pointer(old.min_items, old.pointer),
        new.min_items.pointer,
        witness,
    )


def array_max_items_lowered(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    high = _effective_max_items(old)
    if new.max_items is None or (high is not None and high <= new.max_items.value):
        return
    witness = pair.checker.examples.array(old, 0, length=new.max_items.value + 1)
    yield Change(
        f"{pair.subject} lowered maxItems from {high if high is not None else 'none'} to "
        f"{new.max_items.value}.",
        _keyword_pointer(old.max_items, old.pointer),
        new.max_items.pointer,
        witness,
    )


def array_unique_items_added(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    high = _effective_max_items(old)
    if new.unique is None or old.unique is not None or (high is not None and high < 2):
        return
    examples = pair.checker.examples
    first = examples.item(old, 0, 0)
    low = old.min_items.value if old.min_items else 0
    witness: Any = MISSING if first is MISSING else [first] * max(2, low)
    yield Change(f"{pair.subject} gained uniqueItems.", old.pointer, new.unique, witness)


def _contains_proven(pair: Pair, contains: Any) -> bool:
    old = pair.old
    assert old is not None
    checker = pair.checker
    if contains.maximum is not None:
        return any(
            checker.same(c.node, contains.node)
            and c.maximum is not None
            and c.maximum <= contains.maximum
            and c.minimum >= contains.minimum
            for c in old.contains
        )
    if contains.minimum == 0:
        return True
    for mine in old.contains:
        if mine.minimum >= contains.minimum and checker.subset(
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
                checker.subset((node,), (contains.node,), node, contains.node) for node in nodes
            )
    return False


def _contains_witness(pair: Pair) -> Any:
    old = pair.old
    assert old is not None
    candidate = pair.checker.examples.array(old, 0)
    if (
        candidate is not MISSING
        and pair.checker.examples.in_branch(old, candidate)
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


def property_required_added(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    examples = pair.checker.examples
    guaranteed = set(examples.required(old))
    for name, pointer in new.required:
        if name in guaranteed:
            continue
        witness = examples.object(old, 0, avoid=frozenset({name}))
        if examples.forbidden(old, name):
            message = f'Property "{name}" became required, and the old schema never allows it.'
        else:
            message = f'Previously optional property "{name}" became required.'
        yield Change(message, old.pointer, pointer, witness)


def object_min_properties_raised(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    examples = pair.checker.examples
    low = max(old.min_properties.value if old.min_properties else 0, len(examples.required(old)))
    if new.min_properties is None or new.min_properties.value <= low:
        return
    witness = examples.object(old, 0, size=low)
    yield Change(
        f"{pair.subject} raised minProperties from {low} to {new.min_properties.value}.",
        _keyword_pointer(old.min_properties, old.pointer),
        new.min_properties.pointer,
        witness,
    )


def object_max_properties_lowered(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    high = old.max_properties.value if old.max_properties else None
    if new.max_properties is None or (high is not None and high <= new.max_properties.value):
        return
    witness = pair.checker.examples.object(old, 0, size=new.max_properties.value + 1)
    if isinstance(witness, dict) and len(witness) <= new.max_properties.value:
        witness = MISSING
    yield Change(
        f"{pair.subject} lowered maxProperties from {high if high is not None else 'none'} to "
        f"{new.max_properties.value}.",
        _keyword_pointer(old.max_properties, old.pointer),
        new.max_properties.pointer,
        witness,
    )


def dependent_required_added(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    examples = pair.checker.examples
    guaranteed = set(examples.required(old))
    for name, deps, pointer in new.dependent_required:
        if examples.forbidden(old, name):
            continue
        implied = {name}
        changed = True
        while changed:
            changed = False
            for source, targets, _ in old.dependent_required:
                if source in implied and not set(targets) <= implied:
                    implied |= set(targets)
                    changed = True
        for dep in deps:
            if dep in guaranteed or dep in implied:
                continue
            witness = examples.object(old, 0, include=(name,), avoid=frozenset({dep}))
            yield Change(
                f'{pair.subject} now requires property "{dep}" whenever "{name}" is present.',
                old.pointer,
                pointer,
                witness,
            )


def not_added(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    for node in new.nots:
        outcome = _not_outcome(pair, node)
        if outcome is not None and outcome is not MISSING:
            yield Change(
                f"{pair.subject} now excludes {_json(outcome)} with not.",
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
                undecided="the excluded schema is not a finite set of values, so its overlap with "
                "the "
                "old schema could not be decided",
            )


def _not_outcome(pair: Pair, node: Node) -> Any:
    """``None``: provably no overlap; a value: a witness; MISSING: undecided."""
    old = pair.old
    assert old is not None
    checker = pair.checker
    if any(checker.same(mine, node) for mine in old.nots):
        return None
    excluded = checker.new_norm.shape(node).of_kind(old.kind)
    if not excluded:
        return None
    if all(branch.values is not None for branch in excluded):
        for branch in excluded:
            for value in branch.values or ():
                if checker.examples.in_branch(old, value) and kind_of(value) == old.kind:
                    return value
        return None
    return MISSING


def keyword_undecided(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    if not new.unsupported or pair.checker.identical(pair.old_nodes, pair.new_nodes):
        return
    seen = set()
    for keyword, pointer in new.unsupported:
        if keyword in seen:
            continue
        seen.add(keyword)
        yield Change(
            f"{pair.subject} uses {keyword}, which this checker does not compare.",
            old.pointer,
            pointer,
            undecided=f"{keyword} is not modelled; a schema using it on the new side is only "
            "judged compatible when it is identical to the old one",
        )


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


def property_removed(pair: Pair) -> Iterator[Change]:
    old, shape = pair.old, pair.new_shape
    assert old is not None
    assert shape is not None
    assert pair.name is not None
    if shape.branches:
        return
    examples = pair.checker.examples
    value = examples.of_nodes(pair.old_nodes, pair.at_old) if pair.old_nodes else None
    witness = MISSING if value is MISSING else examples.object(old, 0, include=(pair.name,))
    if isinstance(witness, dict):
        witness = {**witness, pair.name: value}
    declared = any(pair.name in part.properties for part in old.objects)
    how = (
        "was removed and is now forbidden"
        if declared
        else "was allowed as an additional property and is now forbidden"
    )
    yield Change(
        f'Property "{pair.name}" {how}.', pair.at_old.pointer, pair.at_new.pointer, witness
    )


def additional_properties_closed(pair: Pair) -> Iterator[Change]:
    old, shape = pair.old, pair.new_shape
    assert old is not None
    assert shape is not None
    if shape.branches:
        return
    examples = pair.checker.examples
    witness: Any = MISSING
    if pair.name is not None:
        value = examples.of_nodes(pair.old_nodes, pair.at_old) if pair.old_nodes else "x"
        base = examples.object(old, 0)
        if value is not MISSING and base is not MISSING:
            witness = {**base, pair.name: value}
    yield Change(
        f"{pair.subject} were allowed and are now forbidden.",
        pair.at_old.pointer,
        pair.at_new.pointer,
        witness,
    )


def property_names_narrowed(pair: Pair) -> Iterator[Change]:
    old = pair.old
    assert old is not None
    assert pair.name is not None
    examples = pair.checker.examples
    value = examples.of_nodes(examples.value_nodes(old, pair.name), pair.at_old)
    base = examples.object(old, 0)
    witness: Any = MISSING if value is MISSING or base is MISSING else {**base, pair.name: value}
    yield Change(
        f'Property name "{pair.name}" is no longer accepted by propertyNames.',
        pair.at_old.pointer,
        pair.at_new.pointer,
        witness,
    )


def old_schema_empty(pair: Pair) -> Iterator[Change]:
    yield Change(
        "The schema checked for containment accepts no instance at all, so it is trivially "
        "contained; check that this is intended (closing an allOf extension forbids the "
        "properties it inherits).",
        pair.at_old.pointer,
        pair.at_new.pointer,
    )


def _rule(
    id: str, purpose: str, scope: str, handler: Handler, *kinds: str, breaking: bool = True
) -> Rule:
    return Rule(id, purpose, scope, handler, kinds, breaking)


#: Every rule, by ID. The walker calls the rules of a scope in this order.
RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        _rule(
            "TYPE_NARROWED",
            "Checks that every JSON type the old schema accepts is still accepted.",
            "missing",
            type_narrowed,
        ),
        _rule(
            "ENUM_ADDED",
            "Checks that a type is not newly restricted to a list of values.",
            "missing",
            enum_added,
        ),
        _rule(
            "ENUM_VALUE_REMOVED",
            "Checks that every value of an old enum (or old null/boolean) is still accepted.",
            "values",
            enum_value_removed,
        ),
        _rule(
            "CONST_CHANGED",
            "Checks that the one value an old const allowed is still accepted.",
            "values",
            const_changed,
        ),
        _rule(
            "NUMBER_MINIMUM_RAISED",
            "Checks that the lower bound of numbers is not raised (integer-aware).",
            "branch",
            number_minimum_raised,
            "integer",
            "number",
        ),
        _rule(
            "NUMBER_MAXIMUM_LOWERED",
            "Checks that the upper bound of numbers is not lowered (integer-aware).",
            "branch",
            number_maximum_lowered,
            "integer",
            "number",
        ),
        _rule(
            "NUMBER_UNDECIDED",
            "Checks that number bounds compare the same way read as decimals and as doubles.",
            "branch",
            number_undecided,
            "integer",
            "number",
        ),
        _rule(
            "MULTIPLE_OF_CHANGED",
            "Checks that every old number is still a multiple of the new multipleOf.",
            "branch",
            multiple_of_changed,
            "integer",
            "number",
        ),
        _rule(
            "MULTIPLE_OF_UNDECIDED",
            "Checks that a multipleOf change could be decided.",
            "branch",
            multiple_of_undecided,
            "integer",
            "number",
        ),
        _rule(
            "STRING_MIN_LENGTH_RAISED",
            "Checks that minLength of strings is not raised.",
            "branch",
            string_min_length_raised,
            "string",
        ),
        _rule(
            "STRING_MAX_LENGTH_LOWERED",
            "Checks that maxLength of strings is not lowered or added.",
            "branch",
            string_max_length_lowered,
            "string",
        ),
        _rule(
            "PATTERN_ADDED",
            "Checks that no pattern is added to strings that had none.",
            "branch",
            pattern_added,
            "string",
        ),
        _rule(
            "PATTERN_CHANGED",
            "Checks that a changed pattern still accepts the strings the old one did.",
            "branch",
            pattern_changed,
            "string",
        ),
        _rule(
            "PATTERN_UNDECIDED",
            "Checks that a new pattern could be compared with the old strings.",
            "branch",
            pattern_undecided,
            "string",
        ),
        _rule(
            "ARRAY_MIN_ITEMS_RAISED",
            "Checks that minItems of arrays is not raised.",
            "branch",
            array_min_items_raised,
            "array",
        ),
        _rule(
            "ARRAY_MAX_ITEMS_LOWERED",
            "Checks that maxItems of arrays is not lowered or added.",
            "branch",
            array_max_items_lowered,
            "array",
        ),
        _rule(
            "ARRAY_UNIQUE_ITEMS_ADDED",
            "Checks that uniqueItems is not added to arrays that allowed duplicates.",
            "branch",
            array_unique_items_added,
            "array",
        ),
        _rule(
            "ARRAY_CONTAINS_ADDED",
            "Checks that a contains constraint does not reject old arrays.",
            "branch",
            array_contains_added,
            "array",
        ),
        _rule(
            "CONTAINS_UNDECIDED",
            "Checks that a contains change could be decided.",
            "branch",
            contains_undecided,
            "array",
        ),
        _rule(
            "PROPERTY_REQUIRED_ADDED",
            "Checks that no property becomes required.",
            "branch",
            property_required_added,
            "object",
        ),
        _rule(
            "OBJECT_MIN_PROPERTIES_RAISED",
            "Checks that minProperties is not raised.",
            "branch",
            object_min_properties_raised,
            "object",
        ),
        _rule(
            "OBJECT_MAX_PROPERTIES_LOWERED",
            "Checks that maxProperties is not lowered or added.",
            "branch",
            object_max_properties_lowered,
            "object",
        ),
        _rule(
            "DEPENDENT_REQUIRED_ADDED",
            "Checks that no property becomes required in the presence of another.",
            "branch",
            dependent_required_added,
            "object",
        ),
        _rule(
            "NOT_ADDED",
            "Checks that a not constraint does not exclude an old value.",
            "branch",
            not_added,
        ),
        _rule(
            "NOT_UNDECIDED",
            "Checks that a not constraint could be compared with the old schema.",
            "branch",
            not_undecided,
        ),
        _rule(
            "KEYWORD_UNDECIDED",
            "Checks that the new side uses only keywords the checker models (or is unchanged).",
            "branch",
            keyword_undecided,
        ),
        _rule(
            "UNION_UNDECIDED",
            "Checks that each old branch is covered by one new branch or has a counterexample.",
            "union",
            union_undecided,
        ),
        _rule(
            "ONE_OF_UNDECIDED",
            "Checks that the branches of a new oneOf are provably disjoint.",
            "caveat",
            one_of_undecided,
        ),
        _rule(
            "COMPLEXITY_UNDECIDED",
            "Checks that a schema's normal form stays small enough to compare.",
            "caveat",
            complexity_undecided,
        ),
        _rule(
            "PROPERTY_REMOVED",
            "Checks that a property the old schema allowed is not forbidden.",
            "property",
            property_removed,
        ),
        _rule(
            "ADDITIONAL_PROPERTIES_CLOSED",
            "Checks that property names outside properties stay allowed.",
            "other",
            additional_properties_closed,
        ),
        _rule(
            "PROPERTY_NAMES_NARROWED",
            "Checks that every property name of a closed old object passes the new propertyNames.",
            "names",
            property_names_narrowed,
        ),
        _rule(
            "OLD_SCHEMA_EMPTY",
            "Checks whether the contained side accepts nothing, which makes the verdict trivial.",
            "root",
            old_schema_empty,
            breaking=False,
        ),
    )
}


def rules_for(scope: str, kind: str | None = None) -> list[Rule]:
    return [
        rule
        for rule in RULES.values()
        if rule.scope == scope and (not rule.kinds or kind in rule.kinds)
    ]
