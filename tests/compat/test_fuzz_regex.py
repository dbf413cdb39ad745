"""Differential fuzzing of ``pattern`` containment against Python's ``re.search``.

Random pattern pairs come from a small grammar (literals, non-ASCII and newline among them,
classes, ``\\d`` ``\\w`` ``\\s``, anchors, alternation, quantifiers with ``{m,n}``, groups,
inline flags); the second is often an edit of the first, so that containment holds in many
pairs. Whenever the checker says every string the old pattern matches is matched by the new one,
no string may match old and not new: strings are drawn from the old pattern itself
(hypothesis's ``from_regex``, which knows ``re``), plus targeted strings (``""``, ``"\\n"``, a
non-ASCII digit, a final newline...). Whenever it reports a witness, the witness must separate
them. The CI slice runs :data:`PAIRS` ``["ci"]`` pairs, ``HYPOTHESIS_PROFILE=deep`` 20,000.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from market_data_store_contracts.compat import check
from market_data_store_contracts.compat.forms._regex import search

from . import _fuzz
from ._support import assert_witnesses_hold, validator

PAIRS = {"ci": 100, "deep": 20_000}
FUZZ = _fuzz.fuzz_settings(PAIRS)

#: Strings aimed at the places a model of ``re`` goes wrong.
TARGETED = ["", "\n", "a", "a\n", "\na", "ab", "a\nb", "٣", "x\n", "A", "é", "_", " ", "\t", "0"]
TARGETED += ["\n\n", "ab\n", "aa\n", "\u212a", "k", "K", "B", "b", "\U0001f600", "a\U0001f600\n"]

_CHARS = ["a", "b", "A", "0", "٣", "é", "\\n", "-", "_", " ", "\\.", "\\$"]
_CLASSES = ["[a-z]", "[ab]", "[^a]", "[0-9]", "\\d", "\\w", "\\s", "\\D", "\\W", ".", "[\\d_]"]


def _atoms() -> st.SearchStrategy[str]:
    return st.sampled_from(_CHARS + _CLASSES)


def _quantified(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    quantifier = st.sampled_from(["", "", "", "?", "*", "+", "{2}", "{1,3}", "{0,2}", "{2,}"])
    return st.tuples(inner, quantifier).map(lambda pair: pair[0] + pair[1])


def _body(depth: int = 2) -> st.SearchStrategy[str]:
    item: st.SearchStrategy[str] = _atoms()
    if depth > 0:
        group = st.lists(_body(depth - 1), min_size=1, max_size=3).map(
            lambda options: "(?:" + "|".join(options) + ")"
        )
        item = st.one_of(_atoms(), _atoms(), group)
    return st.lists(_quantified(item), min_size=0, max_size=4).map("".join)


#: Scoped flags: ``re`` replaces the type flag (``a``/``u``) in force, and adds the others.
_SCOPED = ["(?a:", "(?u:", "(?i:", "(?-i:", "(?ai:", "(?ui:", "(?s:", "(?-s:"]


def _scoped(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(st.sampled_from(_SCOPED), inner).map(lambda pair: pair[0] + pair[1] + ")")


@st.composite
def patterns(draw: st.DrawFn) -> str:
    flags = draw(st.sampled_from(["", "", "", "", "(?i)", "(?m)", "(?s)", "(?a)"]))
    options = draw(st.lists(_body(), min_size=1, max_size=2))
    if draw(st.integers(0, 3)) == 0:  # a scoped group, sometimes nested in another
        options[0] = draw(_scoped(_scoped(st.just(options[0])) | st.just(options[0])))
    start = draw(st.sampled_from(["", "", "^", "\\A"]))
    end = draw(st.sampled_from(["", "", "$", "\\Z"]))
    return flags + "|".join(start + option + end for option in options)


def _edited(draw: st.DrawFn, pattern: str) -> str:
    edits = [
        lambda p: p.replace("[a-z]", "[a-z0-9]"),
        lambda p: p.replace("\\d", "[0-9]"),
        lambda p: p.replace("[0-9]", "\\d"),
        lambda p: p.replace("$", "\\Z"),
        lambda p: p.replace("\\Z", "$"),
        lambda p: p.replace("{1,3}", "{1,4}"),
        lambda p: p.replace("{2}", "{1,2}"),
        lambda p: p.replace("+", "*"),
        lambda p: p.lstrip("^"),
        lambda p: p + "|b",
        lambda p: p.replace("a", "[ab]"),
        lambda p: "(?i)" + p if not p.startswith("(?") else p,
    ]
    edited: str = draw(st.sampled_from(edits))(pattern)
    return edited


@st.composite
def pattern_pairs(draw: st.DrawFn) -> tuple[str, str]:
    old = draw(patterns())
    new = draw(patterns()) if draw(st.booleans()) else _edited(draw, old)
    for pattern in (old, new):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                re.compile(pattern)
            except (re.error, FutureWarning):  # e.g. "[[ab]-z]": a possible nested set
                assume(False)
    return old, new


def _strings_of(data: st.DataObject, pattern: str) -> list[str]:
    if any(group in pattern for group in _SCOPED):
        # hypothesis's from_regex can take minutes on scoped flags: targeted strings only
        return list(TARGETED)
    drawn = data.draw(st.lists(st.from_regex(pattern), max_size=6), label="strings of old")
    return [*TARGETED, *drawn]


@FUZZ
@given(pair=pattern_pairs(), data=st.data())
def test_a_decided_pattern_containment_survives_strings_of_the_old_pattern(
    pair: tuple[str, str], data: st.DataObject
) -> None:
    old, new = pair
    answer = search((old,), (new,))
    if answer.witness is not None:
        assert re.search(old, answer.witness), (old, new, answer)
        assert not re.search(new, answer.witness), (old, new, answer)
        return
    if answer.reason is not None:
        return
    for text in _strings_of(data, old):
        if re.search(old, text):
            assert re.search(new, text), (old, new, text)


@FUZZ
@given(pair=pattern_pairs(), low=st.integers(0, 3), span=st.none() | st.integers(0, 3))
def test_a_decided_containment_within_lengths_holds_on_every_short_string(
    pair: tuple[str, str], low: int, span: int | None
) -> None:
    """Exhaustive over a small alphabet: every string of up to 3 characters."""
    old, new = pair
    high = None if span is None else low + span
    answer = search((old,), (new,), low, high)
    if answer.witness is not None:
        assert low <= len(answer.witness)
        assert high is None or len(answer.witness) <= high
        assert re.search(old, answer.witness)
        assert not re.search(new, answer.witness)
        return
    if answer.reason is not None:
        return
    alphabet = ["a", "b", "A", "٣", "\n", " ", "-"]
    texts = [""]
    for _ in range(3):
        texts += [t + c for t in texts if len(t) == len(texts[-1]) for c in alphabet]
    for text in set(texts):
        if low <= len(text) and (high is None or len(text) <= high) and re.search(old, text):
            assert re.search(new, text), (old, new, low, high, text)


@settings(max_examples=_fuzz.budget(PAIRS) // 3)
@given(pair=pattern_pairs())
def test_every_pattern_witness_the_checker_reports_validates(pair: tuple[str, str]) -> None:
    old, new = ({"type": "string", "pattern": pattern} for pattern in pair)
    report = check(old, new)
    assert_witnesses_hold(report, old, new)
    if report.compatible:
        assert search((pair[0],), (pair[1],)).none_exists or pair[0] == pair[1]


#: What the fuzzers found, kept: (old, new, a string that separates them or None when old ⊆ new).
REGRESSIONS = [
    ("^a$", "^a\\Z", "a\n"),
    ("\\d", "[0-9]", "\u0663"),  # ARABIC-INDIC DIGIT THREE
    ("(?i)k", "[kK]", "\u212a"),  # the Kelvin sign folds to k
    ("(?m)^a", "^a", "b\na"),
    ("a$", "a\\Z", "a\n"),
    ("(?s).", ".", "\n"),
    ("^$", "^\\Z", "\n"),
    ("^[a-z]+$", "^[a-z0-9]+$", None),
    ("^\\w+$", "^[\\w-]+$", None),
    ("(?:a|)*b", "b", None),
]


@pytest.mark.parametrize(("old", "new", "separating"), REGRESSIONS)
def test_pattern_regressions(old: str, new: str, separating: str | None) -> None:
    answer = search((old,), (new,))
    if separating is None:
        assert answer.none_exists, answer
    else:
        assert answer.witness is not None, answer
        assert re.search(old, separating)
        assert not re.search(new, separating)
        assert re.search(old, answer.witness)
        assert not re.search(new, answer.witness)


# -- patternProperties joined for additionalProperties, lengths and short lists ------------------

#: Keys whose join changes what additionalProperties sees (a leading flag applies to all keys).
_KEYS = [
    "^a",
    "^b",
    "(?i)^a",
    "^(?i:a)",
    "(?a)\\d",
    "\\d",
    "^emai(l|k)$",
    "b$",
    "(?s)^.",
    "^[ab]\\Z",
]
#: Names for instances, newline-bearing and astral ones among them.
_NAMES = [
    "a",
    "A",
    "b",
    "B",
    "ab",
    "email",
    "email\n",
    "emaik\n",
    "\u0663",
    "1",
    "",
    "b\n",
    "\U0001f600",
]


def _objects(keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "type": st.just("object"),
            "patternProperties": st.just({key: {"type": "integer"} for key in keys}),
            "additionalProperties": st.sampled_from([False, {"type": "string"}]),
        }
    )


@st.composite
def joined_pairs(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    old_keys = draw(st.lists(st.sampled_from(_KEYS), min_size=1, max_size=3, unique=True))
    new_keys = draw(st.lists(st.sampled_from(_KEYS), min_size=0, max_size=3, unique=True))
    if draw(st.booleans()):  # the same keys in another order: a leading flag moves
        new_keys = list(reversed(old_keys))
    return draw(_objects(old_keys)), draw(_objects(new_keys))


def _verdict_holds(report: Any, old: Any, new: Any, instances: list[Any]) -> None:
    """A "compatible" verdict survives every instance; "incompatible" carries a witness that
    jsonschema verifies. An instance jsonschema itself cannot read (keys that do not join) is
    no evidence either way."""
    assert_witnesses_hold(report, old, new)
    if report.verdict != "compatible":
        return
    old_validator, new_validator = validator(old, None, False), validator(new, None, False)
    for instance in instances:
        try:
            accepted = old_validator.is_valid(instance) and not new_validator.is_valid(instance)
        except re.error:
            continue
        assert not accepted, (old, new, instance)


@FUZZ
@given(pair=joined_pairs(), values=st.lists(st.sampled_from([0, "s"]), min_size=1, max_size=2))
def test_a_verdict_on_pattern_properties_holds_as_jsonschema_joins_them(
    pair: tuple[dict[str, Any], dict[str, Any]], values: list[Any]
) -> None:
    old, new = pair
    report = check(old, new)
    instances = [{name: value} for name in _NAMES for value in values]
    instances += [{"email": 0, name: values[0]} for name in _NAMES]
    _verdict_holds(report, old, new, instances)


@st.composite
def string_pairs(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any], str]:
    """An old pattern against new lengths, a new enum or a new pattern (``.`` skips newlines)."""
    pattern = draw(patterns())
    old: dict[str, Any] = {"type": "string", "pattern": pattern}
    if draw(st.booleans()):
        old["maxLength"] = draw(st.integers(0, 4))
    new: dict[str, Any] = draw(
        st.sampled_from(
            [
                {"minLength": 1},
                {"minLength": 2},
                {"maxLength": 1},
                {"maxLength": 3},
                {"enum": ["a", "b", "ab", "a\n"]},
                {"type": "string", "pattern": ".+"},
                {"not": {"minLength": 3}},
            ]
        )
    )
    return old, new, pattern


@settings(max_examples=_fuzz.budget(PAIRS) // 2)
@given(triple=string_pairs(), data=st.data())
def test_a_verdict_on_lengths_and_lists_of_strings_holds_on_strings_of_the_pattern(
    triple: tuple[dict[str, Any], dict[str, Any], str], data: st.DataObject
) -> None:
    old, new, _pattern = triple
    report = check(old, new)
    alphabet = "ab\nA0\u0663\u00e9\u212a\U0001f600"
    drawn = data.draw(st.lists(st.text(alphabet, max_size=6), max_size=30), label="strings")
    _verdict_holds(report, old, new, [*TARGETED, *drawn])
