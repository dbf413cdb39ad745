"""Adversarial small pairs: nested ``allOf``/``anyOf``/``oneOf``/``not``, many properties and
chains of ``$ref``s, the shapes whose normal forms and pairings multiply. The checker spends a
deterministic budget of steps on each and answers undecided past it, so every pair gets an
answer; this records that each answer comes back and is sound (witnesses verify; a "compatible"
pair holds on sampled instances). How long an answer takes is measured by ``make bench``
(``compat_nested_combinators``), never asserted here.

The CI slice runs :data:`PAIRS` ``["ci"]`` pairs, ``HYPOTHESIS_PROFILE=deep`` many more.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from market_data_store_contracts.compat import ContractsError, check

from . import _fuzz
from ._support import assert_witnesses_hold

PAIRS = {"ci": 40, "deep": 2_000}
FUZZ = _fuzz.fuzz_settings(PAIRS)

NAMES = ("a", "b", "c", "d")
LEAVES = st.one_of(
    st.builds(
        lambda kind: {"type": kind},
        st.sampled_from(["string", "integer", "number", "object", "array", "null"]),
    ),
    st.builds(lambda low: {"minimum": low}, st.integers(-3, 4)),
    st.builds(lambda high: {"maxLength": high}, st.integers(0, 3)),
    st.builds(lambda name: {"required": [name]}, st.sampled_from(NAMES)),
    st.builds(lambda step: {"multipleOf": step}, st.sampled_from([2, 3, 0.5])),
    st.just({"enum": [1, "a", None]}),
    st.just({"additionalProperties": False}),
    st.just({"$ref": "#/$defs/d0"}),
)


def _extend(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    members = st.lists(inner, min_size=2, max_size=3)
    return st.one_of(
        st.builds(lambda ms: {"allOf": ms}, members),
        st.builds(lambda ms: {"anyOf": ms}, members),
        st.builds(lambda ms: {"oneOf": ms}, members),
        st.builds(lambda m: {"not": m}, inner),
        st.builds(lambda m: {"items": m}, inner),
        st.builds(
            lambda props: {"properties": props},
            st.dictionaries(st.sampled_from(NAMES), inner, min_size=1, max_size=4),
        ),
    )


NODES = st.recursive(LEAVES, _extend, max_leaves=12)
#: a chain of ``$defs``, each referring to the next: deep references
DEFS = st.lists(NODES, min_size=1, max_size=4).map(
    lambda nodes: {
        f"d{index}": (
            {"allOf": [node, {"$ref": f"#/$defs/d{index + 1}"}]} if index + 1 < len(nodes) else node
        )
        for index, node in enumerate(nodes)
    }
)


@st.composite
def adversarial_pairs(draw: st.DrawFn) -> tuple[Any, Any]:
    """Two schemas of a few to several ``allOf`` members each, the second mostly the first with
    one member replaced, both under 2 KB."""
    defs = draw(DEFS, label="defs")
    members = draw(st.lists(NODES, min_size=3, max_size=7), label="members")
    old = {"$defs": defs, "allOf": members}
    if draw(st.booleans(), label="one member replaced"):
        changed = list(members)
        changed[draw(st.integers(0, len(members) - 1))] = draw(NODES, label="replacement")
        new = {"$defs": defs, "allOf": changed}
    else:
        new = {"$defs": draw(DEFS), "allOf": draw(st.lists(NODES, min_size=3, max_size=7))}
    assume(len(json.dumps(old)) + len(json.dumps(new)) < 2048)
    return old, new


INSTANCES = st.recursive(
    st.sampled_from([None, True, 0, 1, -2, 2.5, 6, "", "a", "abcd"]),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(NAMES), inner, max_size=4),
    ),
    max_leaves=6,
)


@FUZZ
@given(pair=adversarial_pairs(), data=st.data())
def test_every_adversarial_pair_gets_a_sound_answer(
    pair: tuple[Any, Any], data: st.DataObject
) -> None:
    old, new = pair
    try:
        report = check(old, new)
    except ContractsError as error:
        refusal = str(error)
    else:
        refusal = None
    if refusal is not None:  # a $ref cycle that never descends: refused, not a crash
        assert "$ref cycle never reaches" in refusal, refusal
        return
    assert report.verdict in {"compatible", "incompatible", "undecided"}
    assert_witnesses_hold(report, old, new)
    if report.verdict != "compatible":
        return
    old_validator, new_validator = Draft202012Validator(old), Draft202012Validator(new)
    for instance in data.draw(st.lists(INSTANCES, max_size=20), label="instances"):
        if old_validator.is_valid(instance):
            assert new_validator.is_valid(instance), instance
