"""The three verdicts keep their promise: "incompatible" only with a witness that both
documents' validators confirm, a break claimed without one is "undecided", and an old side that
accepts nothing is contained in anything, whatever annotations it carries, in every dialect.

The generator draws pairs as the differential fuzzer does (``_fuzz``: a base schema and a
one-step mutation or an equivalent rewrite), in every mode, and re-validates each witness here
with ``jsonschema``, independently of the checker.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from market_data_store_contracts.compat import DIALECTS, check

from . import _fuzz

PAIRS = {"ci": 300, "deep": 10_000}
SCHEMAS = _fuzz.schemas()


@st.composite
def pairs(draw: st.DrawFn) -> tuple[Any, Any]:
    base = draw(SCHEMAS, label="base")
    if draw(st.booleans(), label="rewrite"):
        options = _fuzz.rewrites(base)
        assume(options)
        other = options[draw(st.integers(0, len(options) - 1), label="which rewrite")]
    else:
        edits = _fuzz.edits(base)
        assume(edits)
        path, node = edits[draw(st.integers(0, len(edits) - 1), label="which edit")]
        other = _fuzz.replace_at(base, path, node)
    return (base, other) if draw(st.booleans(), label="order") else (other, base)


@_fuzz.fuzz_settings(PAIRS)
@given(pair=pairs(), mode=st.sampled_from(["backward", "forward", "full"]))
def test_incompatible_only_with_a_verified_witness_else_undecided(
    pair: tuple[Any, Any], mode: str
) -> None:
    old, new = pair
    report = check(old, new, mode=mode, dialect="2020-12")
    validators = {"old": Draft202012Validator(old), "new": Draft202012Validator(new)}
    proven = []
    for finding in report.findings:
        if not finding.breaking:
            assert (finding.status, finding.witness) == ("info", None)
            continue
        if finding.status == "undecided":
            assert finding.witness is None
            assert finding.witness_note, "an undecided finding says why"
            continue
        assert finding.status == "proven"
        assert finding.witness_note is None
        writer, reader = ("old", "new") if finding.direction == "backward" else ("new", "old")
        assert validators[writer].is_valid(finding.witness), (finding, old, new)
        assert not validators[reader].is_valid(finding.witness), (finding, old, new)
        proven.append(finding)
    breaking = [finding for finding in report.findings if finding.breaking]
    if proven:
        assert report.verdict == "incompatible"
    elif breaking:
        assert report.verdict == "undecided", "a break without a verified witness is undecided"
    else:
        assert report.verdict == "compatible"
    assert report.compatible is (report.verdict == "compatible")
    assert report.to_dict()["verdict"] == report.verdict


BOTTOMS = [
    {"not": {}},
    {"description": "bottom", "not": {}},
    {"title": "t", "$comment": "c", "not": {"description": "anything", "x-note": 1}},
    {"not": {"default": 0, "examples": [1]}},
]


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("old", BOTTOMS, ids=[str(i) for i in range(len(BOTTOMS))])
def test_an_old_side_that_accepts_nothing_is_compatible_annotations_or_not(
    dialect: str, old: Any
) -> None:
    report = check(old, {"type": "string"}, dialect=dialect)
    assert (report.verdict, [f.rule_id for f in report.findings]) == (
        "compatible",
        ["OLD_SCHEMA_EMPTY"],
    )
    # and the other way: the empty side rejects every string, with a witness
    back = check({"type": "string"}, old, dialect=dialect)
    assert back.verdict == "incompatible"
    assert [f.witness for f in back.findings if f.status == "proven"] == [""]


def test_true_to_false_is_proven_with_any_value() -> None:
    report = check(True, False)
    [finding] = report.findings
    assert (report.verdict, finding.rule_id, finding.status) == (
        "incompatible",
        "TYPE_NARROWED",
        "proven",
    )
    assert finding.to_dict()["witness"] is None  # the JSON null: true accepts it, false not


@pytest.mark.parametrize(
    ("old", "needed"),
    [
        ({"type": "object", "maxProperties": 43}, 42),
        ({"maxProperties": 43}, 42),
        ({"type": "object", "minProperties": 3, "propertyNames": {"pattern": "^x"}}, 42),
        (
            {
                "type": "object",
                "patternProperties": {"^[a-z]+$": {"type": "integer"}},
                "additionalProperties": False,
            },
            42,
        ),
    ],
)
def test_a_lowered_max_properties_gets_an_object_one_property_too_large(
    old: Any, needed: int
) -> None:
    report = check(old, {**old, "maxProperties": needed - 1})
    [finding] = [f for f in report.findings if f.breaking]
    assert (report.verdict, finding.rule_id) == ("incompatible", "OBJECT_MAX_PROPERTIES_LOWERED")
    assert isinstance(finding.witness, dict)
    assert len(finding.witness) == needed
    assert Draft202012Validator(old).is_valid(finding.witness)


@pytest.mark.parametrize(
    ("old", "new", "witness"),
    [
        ({"type": "string"}, {"type": "string", "minLength": 1}, ""),
        ({"type": "string", "maxLength": 0}, {"type": "string", "not": {"const": ""}}, ""),
        (
            {"type": "string", "minLength": 1, "maxLength": 1},
            {"type": "string", "pattern": "^[\\u0000-\\uffff]$"},
            "\U00010000",
        ),
    ],
)
def test_string_witnesses_include_empty_and_astral_strings(
    old: Any, new: Any, witness: Any
) -> None:
    report = check(old, new)
    assert report.verdict == "incompatible"
    assert witness in [f.witness for f in report.findings if f.status == "proven"]
