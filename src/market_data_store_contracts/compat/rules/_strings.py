"""Rules on strings: lengths and patterns."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..forms._examples import MISSING
from ..forms._regex import (
    Answer,
    Excluded,
    Lengths,
    finite_strings,
    join_refusal,
    length_bounds,
    matches,
    search,
)
from ..forms._shape import Branch
from ._base import Change, Pair, json_text, keyword_pointer


def string_min_length_raised(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    low = old.min_length.value if old.min_length else 0
    if low == 0 and not pair.old_accepts(""):
        low = 1  # no old string is empty (a not, a const/enum, a pattern): 1 is the bound
    if new.min_length is None or new.min_length.value <= low:
        return
    bounds = old_lengths(pair)
    if bounds.reason is None and bounds.shortest is None:
        return  # no old string at all
    if bounds.shortest is not None and new.min_length.value <= bounds.shortest:
        return  # the old patterns (and nots) allow no shorter string
    witness = _string_within(pair, low, new.min_length.value - 1)
    if witness is MISSING:
        lengths = tuple(range(low, min(new.min_length.value, low + 8)))
        witness = next(iter(pair.walker.examples.strings(old, lengths=lengths)), MISSING)
    yield Change(
        f"{pair.subject} raised minLength from {low} to {new.min_length.value}.",
        keyword_pointer(old.min_length, old.pointer),
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
    bounds = old_lengths(pair)
    if bounds.reason is None and (
        bounds.shortest is None  # no old string at all
        or (bounds.longest is not None and new.max_length.value >= bounds.longest)
    ):
        return  # the old patterns (and nots) allow no longer string
    start = new.max_length.value + 1
    witness = _string_within(pair, start, high)
    if witness is MISSING:
        lengths = tuple(range(start, start + 8 if high is None else min(high + 1, start + 8)))
        witness = next(iter(pair.walker.examples.strings(old, lengths=lengths)), MISSING)
    old_text = str(high) if high is not None else "none"
    yield Change(
        f"{pair.subject} lowered maxLength from {old_text} to {new.max_length.value}.",
        keyword_pointer(old.max_length, old.pointer),
        new.max_length.pointer,
        witness,
    )


#: Keywords a string branch of a ``not`` may hold for it to be read exactly as its patterns and
#: lengths (anything else might make the excluded set smaller, and excluding too much is unsound).
_EXACT = frozenset(
    {"type", "minLength", "maxLength", "pattern", "allOf", "anyOf", "$ref", "$defs"}
    | {"title", "description", "$comment", "examples", "default", "$schema", "$id", "deprecated"}
)


def _exactly_read(branch: Branch) -> bool:
    return (
        branch.values is None
        and not branch.nots
        and not branch.unsupported
        and all(isinstance(a.contents, dict) and a.contents.keys() <= _EXACT for a in branch.atoms)
    )


def old_excluded(pair: Pair) -> tuple[Excluded, ...]:
    """The strings the old branch's ``not``s exclude, where they are read exactly: each as its
    patterns within its lengths (a ``not`` read otherwise excludes nothing here: sound)."""
    old = pair.old
    assert old is not None
    groups: list[Excluded] = []
    for node in old.nots:
        shape = pair.walker.old_norm.shape(node)
        if shape.caveats:
            continue
        for branch in shape.of_kind("string"):
            if _exactly_read(branch):
                low = branch.min_length.value if branch.min_length else 0
                high = branch.max_length.value if branch.max_length else None
                groups.append((tuple(dict.fromkeys(p for p, _ in branch.patterns)), low, high))
    return tuple(groups)


def _string_within(pair: Pair, low: int, high: int | None) -> Any:
    """The shortest old string of ``low`` to ``high`` characters, found on the automata of the
    old patterns and ``not``s (newlines and line ends included) and checked against the old
    branch; MISSING when none is found."""
    old = pair.old
    assert old is not None
    accept = tuple(dict.fromkeys(p for p, _ in old.patterns))
    text = search(accept, (), low, high, old_excluded(pair)).witness
    if text is not None and pair.walker.examples.in_branch(old, text):
        return text
    return MISSING


def old_lengths(pair: Pair) -> Lengths:
    """The length bounds of the old strings, read off the automata of the old patterns, lengths
    and exactly read ``not``s (other keywords only remove strings: the bounds stay sound)."""
    old = pair.old
    assert old is not None
    low = old.min_length.value if old.min_length else 0
    high = old.max_length.value if old.max_length else None
    accept = tuple(dict.fromkeys(p for p, _ in old.patterns))
    return length_bounds(accept, low, high, old_excluded(pair))


def listed_strings(pair: Pair) -> tuple[str, ...] | None:
    """Every old string, when the old patterns and lengths allow only a few (checked one by one
    against the old schema); ``None`` otherwise."""
    old = pair.old
    assert old is not None
    if not old.patterns and old.max_length is None:
        return None
    low = old.min_length.value if old.min_length else 0
    high = old.max_length.value if old.max_length else None
    accept = tuple(dict.fromkeys(p for p, _ in old.patterns))
    found = finite_strings(accept, low, high)
    if found is None:
        return None
    examples = pair.walker.examples
    return tuple(text for text in found if pair.old_accepts(text) and examples.in_branch(old, text))


def _decided(pair: Pair, pattern: str) -> Answer:
    """Whether some old string (within the old lengths and old patterns) fails ``pattern``:
    decided on automata of both (see ``_regex``); other old keywords are left out, which only
    adds strings, so "none exists" stays true, and a string found is checked against the old
    branch before it is used."""
    old = pair.old
    assert old is not None
    low = old.min_length.value if old.min_length else 0
    high = old.max_length.value if old.max_length else None
    accept = tuple(dict.fromkeys(p for p, _ in old.patterns))
    return search(accept, (pattern,), low, high)


def _pattern_witness(pair: Pair, pattern: str) -> Any:
    """An old string the new pattern rejects, ``None`` when provably none exists, or MISSING."""
    old = pair.old
    assert old is not None
    answer = _decided(pair, pattern)
    if answer.none_exists:
        return None
    if answer.witness is not None and pair.walker.examples.in_branch(old, answer.witness):
        return answer.witness
    examples = pair.walker.examples
    pool = examples.strings(old)
    low = old.min_length.value if old.min_length else 0
    pool += examples.strings(old, lengths=tuple(range(low, low + 4)))
    for text in pool:
        if matches(pattern, text) is False:  # never a long string through backtracking
            return text
    return MISSING


def strings_overlap(old: Branch, excluded: Branch) -> Answer:
    """A string of both ``old`` and ``excluded``, or the proof that none exists. Both are read
    by their patterns and lengths alone, which keeps a superset of each: "none" is proven, a
    string found is only a candidate for the caller to verify."""
    lows = [b.min_length.value for b in (old, excluded) if b.min_length]
    highs = [b.max_length.value for b in (old, excluded) if b.max_length]
    accept = tuple(dict.fromkeys(p for b in (old, excluded) for p, _ in b.patterns))
    return search(accept, (), max(lows, default=0), min(highs, default=None))


def excluded_strings(pair: Pair, excluded: list[Branch]) -> Any:
    """For a ``not`` whose string branches are ``excluded``: ``None`` when provably no old
    string lies in them, an old string the new schema rejects, or MISSING."""
    old = pair.old
    assert old is not None
    overlaps = [strings_overlap(old, branch) for branch in excluded]
    if all(answer.none_exists for answer in overlaps):
        return None
    for answer in overlaps:
        value = answer.witness
        if value is not None and pair.old_accepts(value) and not pair.new_accepts(value):
            return value
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
        if witness is not MISSING and witness is not None:
            yield Change(
                f"{pair.subject} gained the pattern {json_text(pattern)}.",
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
        if witness is not MISSING and witness is not None:
            old_text = ", ".join(json_text(p) for p, _ in old.patterns)
            yield Change(
                f"{pair.subject} changed pattern from {old_text} to {json_text(pattern)}.",
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
                f"{pair.subject} gained the pattern {json_text(pattern)}, and whether it accepts "
                "every string the old schema accepts could not be decided.",
                where,
                pointer,
                undecided=_reason(pair, pattern),
            )


def _reason(pair: Pair, pattern: str) -> str:
    refused = _decided(pair, pattern).reason
    if refused is None:  # decided, but the string found lies outside the old branch
        refused = "the string found is rejected by another keyword of the old schema"
    return (
        f"the patterns could not be compared: {refused}; no string was found that the old "
        "schema accepts and the new pattern rejects"
    )


def pattern_properties_unjoinable(pair: Pair) -> Iterator[Change]:
    """``jsonschema`` reads ``additionalProperties`` beside ``patternProperties`` by searching
    every key joined with ``|``; where ``re`` refuses that pattern, it raises on every object with
    a name outside ``properties``. Old keys are then read as the specification reads them (a
    validator that raises accepts nothing, so what holds for the specification's wider set holds
    for it); new ones leave the question undecided: no answer holds in both readings."""
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    for branch in (new,):
        for part in branch.objects:
            keys = tuple(regex for regex, _ in part.patterns)
            if part.additional is None or not keys or (refused := join_refusal(keys)) is None:
                continue
            yield Change(
                f"{pair.subject} has patternProperties that additionalProperties cannot read.",
                old.pointer,
                new.pointer,
                undecided=(
                    f"{refused}; jsonschema raises on every object with a name outside "
                    "properties there, so whether the new schema accepts the old objects "
                    "could not be decided"
                ),
            )
