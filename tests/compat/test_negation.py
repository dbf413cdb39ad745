"""The complement the old side reads a negated ``if`` through (``compat.forms._negation``): every
instance a schema rejects is accepted by one of its alternatives, so reading
``{"not": S, "anyOf": alternatives}`` for ``{"not": S}`` changes no instance set. Checked with
``jsonschema`` on generated simple schemas (the keywords the complement reads, nested under
``properties``, and keywords it must refuse) over boundary values and small objects."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from market_data_store_contracts.compat.forms._negation import complement, negated

from . import _fuzz
from .test_fuzz import _accepts

_BOUNDED = st.one_of(
    st.builds(
        lambda k, v: {k: v},
        st.sampled_from(["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]),
        st.sampled_from([0, 1, -1, 0.5, 1.0, 2**53 + 1]),
    ),
    st.builds(
        lambda k, v: {k: v},
        st.sampled_from(
            ["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"]
        ),
        st.integers(0, 2),
    ),
)
_TYPES = st.one_of(
    st.sampled_from(_fuzz.TYPES),
    st.lists(st.sampled_from(_fuzz.TYPES), min_size=1, max_size=3, unique=True),
)


def _simple(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    keywords = st.fixed_dictionaries(
        {},
        optional={
            "type": _TYPES,
            "required": st.lists(st.sampled_from(_fuzz.NAMES), unique=True, max_size=2),
            "properties": st.dictionaries(st.sampled_from(_fuzz.NAMES), inner, max_size=2),
            "title": st.just("t"),
        },
    )
    return st.builds(lambda a, b: {**a, **b}, keywords, _BOUNDED | st.just({}))


SIMPLE = st.recursive(
    st.one_of(_fuzz.leaves(), _BOUNDED, st.just({"pattern": "^a"})), _simple, max_leaves=4
)
INSTANCES = [*_fuzz.BOUNDARY, *_fuzz.objects([0, 2, "ab", [1], {"a": 1}])]


@settings(max_examples=300)
@given(schema=SIMPLE)
def test_every_instance_a_schema_rejects_is_in_one_alternative_of_its_complement(
    schema: Any,
) -> None:
    alternatives = complement(schema)
    rejecting = Draft202012Validator(schema)
    written = Draft202012Validator(negated(schema))
    plain = Draft202012Validator({"not": schema})
    for instance in INSTANCES:
        verdict = _accepts(rejecting, instance)
        if verdict is None:
            continue  # jsonschema's own arithmetic gave up (e.g. 10**309 against multipleOf)
        assert _accepts(written, instance) == _accepts(plain, instance), (schema, instance)
        if alternatives is not None and not verdict:
            assert any(
                _accepts(Draft202012Validator(alternative), instance)
                for alternative in alternatives
            ), (schema, instance)


def test_a_keyword_the_complement_does_not_read_gives_no_alternatives() -> None:
    assert complement({"pattern": "^a"}) is None
    assert complement({"const": 1, "type": "integer"}) is None
    assert complement({"required": ["a"]}) == [{"type": "object", "properties": {"a": False}}]
    assert complement({}) == [False]
