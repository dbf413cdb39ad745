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

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from market_data_store_contracts.compat import check
from market_data_store_contracts.compat.forms._regex import search

from . import _fuzz
from ._support import assert_witnesses_hold

PAIRS = {"ci": 100, "deep": 20_000}
FUZZ = _fuzz.fuzz_settings(PAIRS)

#: Strings aimed at the places a model of ``re`` goes wrong.
TARGETED = ["", "\n", "a", "a\n", "\na", "ab", "a\nb", "٣", "x\n", "A", "é", "_", " ", "\t", "0"]

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


@st.composite
def patterns(draw: st.DrawFn) -> str:
    flags = draw(st.sampled_from(["", "", "", "", "(?i)", "(?m)", "(?s)", "(?a)"]))
    options = draw(st.lists(_body(), min_size=1, max_size=2))
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
    return draw(st.sampled_from(edits))(pattern)


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
