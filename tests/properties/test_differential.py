"""The models and the published schemas agree on every input hypothesis can think of.

For each contract of the published bundle, instances generated from the schema are read by the
model that owns the contract (Core's class for ``core.*``, the Store's for ``store.*``) and
written back to JSON that the schema accepts and that says what the input said; mutants the
schema rejects are rejected by the model too, except where a documented lax coercion applies.
Across the boundary, every event Core writes is a Store event and every Store event a Core one.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from properties_support import (
    _SMALL_JSON,
    CONTRACTS,
    NO_COERCION,
    Rejected,
    allowed_types,
    closed,
    compare,
    differential_settings,
    finite,
    get_at,
    lax_coercion,
    mutations,
    rejects,
    set_at,
    sites,
    to_json,
)

from market_data_store_contracts import schemas

NAMES = sorted(CONTRACTS)


def _enum_size(schema: dict[str, Any]) -> int | None:
    """How many instances a schema has, when it is a plain enum (else: infinitely many)."""
    return len(schema["enum"]) if "enum" in schema and "type" in schema else None


def test_every_published_schema_has_a_model_to_test_against() -> None:
    assert sorted(entry["name"] for entry in schemas.index()) == NAMES
    assert {"core.FeedbackEvent", "store.FeedbackEvent", "core.BackpressureLevel"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_instances_of_the_published_schema_round_trip_through_the_model(
    name: str, examples: Any
) -> None:
    contract = CONTRACTS[name]
    count = examples(f"{name}: schema instance -> model -> JSON")

    @differential_settings()
    @given(from_schema(contract.schema))
    def run(instance: Any) -> None:
        count.add(instance)
        text = to_json(instance)
        text.encode("utf-8")  # no lone surrogates: the wire is UTF-8
        try:
            model = contract.parse_json(text)
        except Rejected as error:
            raise AssertionError(f"the model rejected a schema instance {text}: {error}") from None
        assert model == contract.parse_python(instance), "the Python path read it differently"
        written = contract.dump_json(model)
        output = json.loads(written)
        assert contract.validator.is_valid(output), f"the schema rejects the output {written}"
        compare(contract.schema, instance, output, contract.schema)
        assert contract.parse_json(written) == model, "reading the output gives another model"

    run()
    count.assert_reached(_enum_size(contract.schema))


@pytest.mark.parametrize("name", NAMES)
def test_mutants_the_schema_rejects_are_rejected_by_the_model_unless_a_documented_coercion_applies(
    name: str, examples: Any
) -> None:
    contract = CONTRACTS[name]
    count = examples(f"{name}: mutant rejected by both")
    mutants = from_schema(contract.schema).flatmap(
        lambda instance: mutations(contract, instance).map(lambda mutant: (instance, *mutant))
    )

    @differential_settings()
    @given(mutants)
    def run(case: Any) -> None:
        instance, mutation, mutant = case
        assume(not contract.validator.is_valid(mutant))
        text = to_json(mutant)
        expected = NO_COERCION
        if mutation.kind == "wrong_type":
            expected = lax_coercion(_site_types(contract, instance, mutation.path), mutation.value)
        if expected is NO_COERCION:
            count.add(mutant, mutation.kind)
            assert rejects(contract.parse_json, text), f"the model accepted {mutation.describe()}"
            return
        try:
            model = contract.parse_json(text)
        except Rejected:
            count.add(mutant, "coercible, refused")
            return  # a lax coercion is a permission, not a promise
        count.add(mutant, "coerced")
        output = json.loads(contract.dump_json(model))
        if not finite(expected):
            assert contract.allows_non_finite, f"{mutation.describe()} was read as {expected}"
            assert get_at(output, mutation.path) is None  # Core writes NaN/inf as null (pinned)
            return
        assert contract.validator.is_valid(output), f"{mutation.describe()} gave invalid {output}"
        compare(contract.schema, set_at(instance, mutation.path, expected), output, contract.schema)

    run()
    count.assert_reached()


def _site_types(contract: Any, instance: Any, path: tuple[Any, ...]) -> set[str]:
    for site in sites(contract.schema, instance, contract.schema):
        if site.path == path:
            return allowed_types(site.schema, contract.schema)
    raise AssertionError(f"no site at {path}")


CORE_EVENT = CONTRACTS["core.FeedbackEvent"]
STORE_EVENT = CONTRACTS["store.FeedbackEvent"]


def test_every_event_core_writes_is_read_by_the_store_with_no_reason(examples: Any) -> None:
    count = examples("core.FeedbackEvent closed -> store.FeedbackEvent")

    @differential_settings()
    @given(from_schema(closed(CORE_EVENT.schema)))
    def run(instance: dict[str, Any]) -> None:
        count.add(instance)
        text = to_json(instance)
        store_event = STORE_EVENT.parse_json(text)
        assert store_event.reason is None
        written = json.loads(STORE_EVENT.dump_json(store_event))
        core_written = json.loads(CORE_EVENT.dump_json(CORE_EVENT.parse_json(text)))
        assert written == {**core_written, "reason": None}
        assert STORE_EVENT.validator.is_valid(written)
        assert CORE_EVENT.validator.is_valid(written)

    run()
    count.assert_reached()


def test_every_store_event_is_a_core_event_whose_json_is_the_store_json_without_reason(
    examples: Any,
) -> None:
    count = examples("store.FeedbackEvent -> core.FeedbackEvent")

    @differential_settings()
    @given(from_schema(STORE_EVENT.schema))
    def run(instance: dict[str, Any]) -> None:
        count.add(instance)
        store_written = STORE_EVENT.dump_json(STORE_EVENT.parse_json(to_json(instance)))
        assert CORE_EVENT.validator.is_valid(json.loads(store_written))
        core_event = CORE_EVENT.parse_json(store_written)
        expected = json.loads(store_written)
        del expected["reason"]
        assert json.loads(CORE_EVENT.dump_json(core_event)) == expected
        # The Store event *is a* Core event: the same values, read either way.
        assert core_event == CORE_EVENT.parse_json(to_json(instance))

    run()
    count.assert_reached()


def test_a_reason_of_any_json_type_is_dropped_by_core_and_judged_by_the_store_as_its_schema_does(
    examples: Any,
) -> None:
    count = examples("core.FeedbackEvent + any reason -> both models")
    cases = st.tuples(from_schema(CORE_EVENT.schema), st.none() | st.text() | _SMALL_JSON)

    @differential_settings()
    @given(cases)
    def run(case: tuple[dict[str, Any], Any]) -> None:
        instance = {**case[0], "reason": case[1]}
        count.add(instance)
        text = to_json(instance)
        assert CORE_EVENT.validator.is_valid(instance)  # Core's schema is open
        assert "reason" not in json.loads(CORE_EVENT.dump_json(CORE_EVENT.parse_json(text)))
        store_accepts = not rejects(STORE_EVENT.parse_json, text)
        assert store_accepts == STORE_EVENT.validator.is_valid(instance), instance

    run()
    count.assert_reached()
