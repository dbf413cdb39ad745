"""Property tests: a "compatible" verdict is never contradicted by an instance of the old schema,
and every witness of an "incompatible" verdict holds."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from market_data_store_contracts.compat import check

from ._fuzz import fuzz_settings
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


# -- the number model ---------------------------------------------------------------------------
# Number schemas built from the literals where readings part: integer and float steps, powers
# of two on wide ranges, integers around and beyond 2**53, literals with no exact double,
# numbers beyond every double; instances as Python's json reads JSON texts, including the huge
# and tiny doubles and 1e400 (infinity).

_BOUNDS: tuple[Any, ...] = (
    0, 1, -1, 2.5, 0.5, -0.5, 0.1, 1e-300, 2**52, 2**52 - 0.5, 2**53, 2**53 + 1, -(2**53),
    1e23, 10**23, 1e308, -1e308, 10**309, -(10**309),
)  # fmt: skip
_STEPS: tuple[Any, ...] = (
    1, 2, 3, 7, 7.0, 3.0, 0.5, 0.25, 0.0625, 2**-20, 0.1, 0.01, 2**53 + 2, 10**20, 1e-5, 1.5,
)  # fmt: skip
_INSTANCES: tuple[Any, ...] = (
    0, 1, -1, 2, 3, 6, 7, 14, 21, 0.5, -0.5, 0.25, 0.0625, 1.5, 2.5, 0.1, 0.3, 0.7, 1.0, 7.0,
    4503599627370495.5, 2**52, 2**53, 2**53 + 1, 2**54, 2**60 + 1, 10**22, 10**23, 1e22, 1e23,
    10**309, -(10**309), 1e308, -1e308, 1.7976931348623157e308, 5e-324, 1e-300, -1e-300,
    math.inf, -math.inf,
)  # fmt: skip


def _number_schema() -> st.SearchStrategy[dict[str, Any]]:
    bound = st.sampled_from(_BOUNDS)
    return st.fixed_dictionaries(
        {},
        optional={
            "type": st.sampled_from(["integer", "number", ["integer", "string"]]),
            "minimum": bound,
            "maximum": bound,
            "exclusiveMinimum": bound,
            "exclusiveMaximum": bound,
            "multipleOf": st.sampled_from(_STEPS),
            "enum": st.lists(st.sampled_from(_INSTANCES[:-2]), min_size=1, max_size=3),
        },
    )


def _number_pair() -> st.SearchStrategy[tuple[Any, Any]]:
    schema = _number_schema()

    def mutated(old: dict[str, Any], new: dict[str, Any], keys: list[str]) -> tuple[Any, Any]:
        return old, {**{k: v for k, v in old.items() if k not in keys}, **new}

    one_step = st.builds(
        mutated, schema, schema, st.lists(st.sampled_from(["type", "minimum", "multipleOf"]))
    )
    wrapped = st.builds(
        lambda pair, how: (
            ({how: [pair[0], {"type": "string"}]}, {how: [pair[1], {"type": "string"}]})
            if how == "anyOf"
            else ({"not": pair[1]}, {"not": pair[0]})
        ),
        st.one_of(st.tuples(schema, schema), one_step),
        st.sampled_from(["anyOf", "not"]),
    )
    return st.one_of(st.tuples(schema, schema), one_step, wrapped)


def _accepts(validator: Draft202012Validator, instance: Any) -> bool | None:
    """``jsonschema``'s answer; ``None`` where it fails (a float step on a huge integer)."""
    try:
        return bool(validator.is_valid(instance))
    except (OverflowError, ValueError):
        return None


@fuzz_settings({"ci": 250, "deep": 20_000})
@given(pair=_number_pair(), data=st.data())
def test_number_model_compatible_verdicts_hold_for_edge_numbers(
    pair: tuple[Any, Any], data: st.DataObject
) -> None:
    old, new = pair
    report = check(old, new)
    assert_witnesses_hold(report, old, new)
    if report.verdict != "compatible":
        return
    old_validator, new_validator = Draft202012Validator(old), Draft202012Validator(new)
    drawn = data.draw(
        st.lists(
            st.one_of(
                st.floats(allow_nan=False),
                st.integers(-(2**70), 2**70),
                st.integers(-20, 20),
                st.builds(lambda k, s: k * s, st.integers(-64, 64), st.sampled_from(_STEPS)),
            ),
            max_size=12,
        ),
        label="instances",
    )
    for instance in (*_INSTANCES, *drawn):
        if _accepts(old_validator, instance):
            assert _accepts(new_validator, instance) is not False, (old, new, instance)
