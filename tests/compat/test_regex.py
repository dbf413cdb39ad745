"""The pattern model: what it refuses (and says why), its budget, and its witnesses."""

from __future__ import annotations

import re

import pytest

from market_data_store_contracts.compat import check
from market_data_store_contracts.compat.forms._regex import (
    Lengths,
    disjoint,
    finite_strings,
    join_is_union,
    join_refusal,
    length_bounds,
    matches,
    matches_joined,
    search,
    within,
)


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("^(?=a)b", "a lookahead or lookbehind"),
        ("(?<=a)b", "a lookahead or lookbehind"),
        ("^(?!a)", "a negative lookahead or lookbehind"),
        ("^(a)\\1$", "a backreference"),
        ("^(a)?(?(1)b|c)$", "a conditional group"),
        ("^a++$", "a possessive quantifier"),
        ("^(?>a+)$", "an atomic group"),
        ("\\bword\\b", "a word boundary (\\b or \\B)"),
        ("a^b", "an anchor inside the pattern (not at its start or end)"),
        ("(^a)*", "an anchor inside the pattern (not at its start or end)"),
        ("(a", "the pattern does not compile"),
        ("(a|b)*a(a|b){12}", "an automaton of the patterns needs more than 400 states"),
        ("^[a-z]{1,1000}$", "more than 600 character positions"),
    ],
)
def test_a_construct_that_is_not_modelled_is_refused_with_a_reason_naming_it(
    pattern: str, reason: str
) -> None:
    answer = search(("^[a-z]+$",), (pattern,))
    assert answer.witness is None
    assert answer.reason is not None
    assert answer.reason.startswith(reason)
    assert not answer.none_exists


def test_a_refused_new_pattern_is_undecided_with_the_reason_in_the_report() -> None:
    report = check({"type": "string", "pattern": "^a+$"}, {"type": "string", "pattern": "^a++$"})
    (finding,) = report.findings
    assert finding.rule_id == "PATTERN_UNDECIDED"
    assert finding.witness_note is not None
    assert "a possessive quantifier" in finding.witness_note
    assert report.compatible is False


def test_the_witness_is_the_shortest_string_and_separates_the_patterns() -> None:
    answer = search(("^[a-z]{2,}$",), ("^[a-y]+$",))
    assert answer.witness is not None
    assert len(answer.witness) == 2
    assert re.search("^[a-z]{2,}$", answer.witness)
    assert not re.search("^[a-y]+$", answer.witness)


def test_lengths_bound_the_old_strings() -> None:
    assert search(("^a*$",), ("^a{0,3}$",), 0, 3).none_exists
    assert search(("^a*$",), ("^a{0,3}$",), 0, 4).witness == "aaaa"
    # two characters, but one of them the final newline that $ lets through
    assert search(("^a*$",), ("^a{2,}$",), 2, None).witness == "a\n"
    assert search(("^a*\\Z",), ("^a{2,}$",), 2, None).none_exists


def test_unanchored_patterns_match_anywhere_and_dollar_allows_a_final_newline() -> None:
    assert within("^abc", "b")
    assert not within("b", "^abc")
    assert within("^a$", "^a\\n?\\Z")
    assert within("^a\\n?\\Z", "^a$")
    assert within("(?m)^a$", "a")
    assert not within("(?m)^a$", "^a$")


def test_unicode_classes_and_case_folding_are_read_from_re() -> None:
    assert not within("\\d", "[0-9]")
    assert within("(?a)\\d", "[0-9]")
    assert within("[0-9]", "\\d")
    assert not within("\\s", "[ \\t\\n\\r\\f\\v]")
    assert not within("(?i)k", "[kK]")  # the Kelvin sign
    assert within("(?i)k", "(?i)[k]")


def test_disjoint_patterns() -> None:
    assert disjoint("^a", "^b")
    assert not disjoint("^a", "b$")
    assert not disjoint("^(?=a)", "^b")  # refused: not proven disjoint


@pytest.mark.parametrize(
    ("pattern", "narrower", "separating"),
    [
        ("^(?a:(?u:\\d))$", "^[0-9]$", "\u0663"),
        ("^(?a:(?ui:k))$", "^[kK]$", "\u212a"),
        ("(?a)^(?u:\\w)$", "^[a-zA-Z0-9_]$", "\u00e9"),
    ],
)
def test_a_scoped_type_flag_replaces_the_one_in_force_as_re_does(
    pattern: str, narrower: str, separating: str
) -> None:
    assert re.search(pattern, separating)
    answer = search((pattern,), (narrower,))
    assert answer.witness is not None
    assert re.search(pattern, answer.witness)
    assert not re.search(narrower, answer.witness)


def test_a_scoped_ascii_flag_inside_unicode_stays_ascii() -> None:
    assert within("^(?u:(?a:\\d))$", "^[0-9]$")


def test_joined_keys_read_as_additional_properties_reads_them() -> None:
    assert matches_joined(["(?i)^a", "^b"], "B")  # the leading flag applies to every key
    assert not matches_joined(["^(?i:a)", "^b"], "B")
    assert not matches_joined(["(?a)^x", "\\d"], "\u0663")  # and (?a) narrows the other key
    assert not matches_joined([], "a")
    assert join_is_union(("^a", "b$"))
    assert not join_is_union(("(?i)^a", "^b"))
    assert not join_is_union(("(a)\\1", "b"))


@pytest.mark.parametrize(
    ("keys", "reason"),
    [
        (("^a", "(?i)^b"), "global flags not at the start"),
        (("(?P<x>a)", "(?P<x>b)"), "redefinition of group name"),
    ],
)
def test_keys_re_refuses_to_join_are_read_one_by_one_and_never_crash(
    keys: tuple[str, ...], reason: str
) -> None:
    refused = join_refusal(keys)
    assert refused is not None
    assert reason in refused
    assert matches_joined(list(keys), "b")
    closed = {
        "type": "object",
        "patternProperties": dict.fromkeys(keys, True),
        "additionalProperties": False,
    }
    narrower = {"type": "object", "patternProperties": {"^a": True}, "additionalProperties": False}
    assert check(closed, narrower).verdict == "undecided"
    assert check({"type": "object"}, closed).verdict == "undecided"


def test_length_bounds_are_read_off_the_automaton() -> None:
    assert length_bounds((".{2,}",)) == Lengths(2, None)
    assert length_bounds(("^a{1,5}\\Z",)) == Lengths(1, 5)
    assert length_bounds(("^a{1,5}$",)) == Lengths(1, 6)  # and a final newline
    assert length_bounds(("^a\\Z", "^b\\Z")) == Lengths()  # no string at all
    assert length_bounds((), 0, None, (((), 2, None),)) == Lengths(0, 1)  # not minLength 2
    assert length_bounds(("^(?=a)",)).reason == "a lookahead or lookbehind"


def test_a_small_finite_language_is_listed_with_every_code_point() -> None:
    assert finite_strings(("^[ab]\\Z",)) == ("a", "b")
    assert finite_strings(("^[ab]$",)) == ("a", "a\n", "b", "b\n")
    assert finite_strings(("(?i)^k\\Z",)) == ("K", "k", "\u212a")
    assert finite_strings(("^[a-z]\\Z",)) == tuple("abcdefghijklmnopqrstuvwxyz")
    assert finite_strings(("^a+\\Z",)) is None  # infinite
    assert finite_strings(("^[a-z]{2}\\Z",)) is None  # 676 strings: more than listed


def test_excluded_groups_remove_strings_from_a_search() -> None:
    assert search(("^[ab]\\Z",), (), 0, None, ((("^a",), 0, None),)).witness == "b"
    assert search(("^a\\Z",), (), 0, None, ((("^a",), 0, None),)).none_exists
    # a group excludes only strings that meet all of it: "a" is too short for this one
    assert search(("^a\\Z",), (), 0, None, ((("^a",), 2, None),)).witness == "a"


def test_a_refused_pattern_is_run_by_re_on_short_strings_only() -> None:
    backtracking = "(\\w\\w+|.)+\u00e9\\b"  # a word boundary: refused by the automata
    assert matches(backtracking, "a" * 40) is None  # re would backtrack for hours
    assert matches(backtracking, "ab\u00e9") is True
    assert matches("^a$", "a\n") is True  # a modelled pattern: on its automaton, any length
    assert matches("^a\\Z", "a\n") is False
    report = check({"type": "string", "pattern": backtracking}, {"type": "string", "pattern": "x"})
    assert report.verdict == "incompatible"


@pytest.mark.parametrize(
    ("flags", "item"),
    [("(?i)", "[{0}{1}]"), ("", "[\\d{0}]")],
)
def test_many_folded_or_digit_classes_are_decided(flags: str, item: str) -> None:
    letters = "abcdefghijklmnopqrstuvwxyz"
    body = "".join(item.format(letters[i % 26], letters[(i * 7 + 3) % 26]) for i in range(120))
    old = f"{flags}^{body}$"
    answer = search((old,), (old.replace("$", "\\Z"),))
    assert answer.witness is not None
    assert answer.witness.endswith("\n")
