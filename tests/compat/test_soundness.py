"""Property tests: a "compatible" verdict is never contradicted by an instance of the old schema,
and every witness of an "incompatible" verdict holds."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from market_data_store_contracts.compat import check

from ._support import assert_witnesses_hold


def _scalars() -> st.SearchStrategy[dict[str, Any]]:
    integer = st.fixed_dictionaries(
        {"type": st.just("integer")},
        optional={
            "minimum": st.integers(-3, 3),
            "exclusiveMaximum": st.integers(-3, 3),
            "multipleOf": st.sampled_from([1, 2, 3]),
        },
    )
    number = st.fixed_dictionaries(
        {"type": st.just("number")},
        optional={
            "exclusiveMinimum": st.sampled_from([-1, 0, 0.5]),
            "maximum": st.sampled_from([0, 1, 2.5]),
        },
    )
    string = st.fixed_dictionaries(
        {"type": st.just("string")},
        optional={"minLength": st.integers(0, 2), "maxLength": st.integers(1, 3)},
    )
    enum = st.builds(
        lambda values: {"enum": values},
        st.lists(st.sampled_from([0, 1, "a", None, True]), min_size=1, max_size=3, unique=True),
    )
    nullable = st.builds(
        lambda kind: {"anyOf": [{"type": kind}, {"type": "null"}]},
        st.sampled_from(["integer", "string"]),
    )
    types = st.builds(
        lambda kinds: {"type": kinds},
        st.lists(
            st.sampled_from(["integer", "number", "string", "null"]),
            min_size=1,
            max_size=3,
            unique=True,
        ),
    )
    return st.one_of(integer, number, string, enum, nullable, types)


def _json_values() -> st.SearchStrategy[Any]:
    """Small JSON values from a domain the schemas above talk about, so that many of them are
    instances (hypothesis-jsonschema 0.23 cannot draw objects under this hypothesis version)."""
    leaves = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-4, 4),
        st.sampled_from([-1.5, -0.5, 0.5, 1.0, 2.5, 3.0]),
        st.text(alphabet="ab", max_size=4),
    )
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.dictionaries(st.sampled_from(["a", "b", "c"]), inner, max_size=3),
        ),
        max_leaves=6,
    )


def _schemas() -> st.SearchStrategy[Any]:
    scalar = _scalars()
    array = st.builds(
        lambda items, low: {"type": "array", "items": items, "minItems": low},
        scalar,
        st.integers(0, 2),
    )
    obj = st.builds(
        lambda props, required, closed: {
            "type": "object",
            "properties": props,
            "required": [name for name in required if name in props],
            **({"additionalProperties": False} if closed else {}),
        },
        st.dictionaries(st.sampled_from(["a", "b"]), scalar, max_size=2),
        st.lists(st.sampled_from(["a", "b"]), unique=True, max_size=2),
        st.booleans(),
    )
    return st.one_of(scalar, array, obj)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(old=_schemas(), new=_schemas(), data=st.data())
def test_compatible_verdicts_hold_for_generated_instances_and_witnesses_verify(
    old: Any, new: Any, data: st.DataObject
) -> None:
    report = check(old, new)
    assert_witnesses_hold(report, old, new)
    if report.compatible:
        old_validator, new_validator = Draft202012Validator(old), Draft202012Validator(new)
        for instance in data.draw(
            st.lists(_json_values(), min_size=20, max_size=20), label="instances"
        ):
            if old_validator.is_valid(instance):
                assert new_validator.is_valid(instance), (old, new, instance)
    else:
        assert any(finding.breaking for finding in report.findings)


@settings(max_examples=60, deadline=None)
@given(schema=_schemas())
def test_every_generated_schema_is_compatible_with_itself(schema: Any) -> None:
    report = check(schema, schema, mode="full")
    assert report.compatible is True
    assert {finding.rule_id for finding in report.findings} <= {"OLD_SCHEMA_EMPTY"}
