"""Every place where a published schema and the model that reads it disagree, pinned.

Each test states one disagreement exactly: what the schema says, what the model does. The
page docs/known-differences.md ("Known differences between the schemas and the models") is this
file in prose; the differential tests (``test_differential.py``) allow exactly these and nothing
else. A test marked ``xfail(strict=True)`` describes a Store bug that is reported and not fixed
yet: it starts to pass (and so fails the run) the day it is fixed, and then becomes an ordinary
test.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from properties_support import CONTRACTS, Rejected
from pydantic import ValidationError
from pydantic_core import PydanticSerializationError

from market_data_store_contracts import FeedbackEvent, health_status

EVENT = {"coordinator_id": "bars-1", "queue_size": 1, "capacity": 2, "level": "ok", "ts": 5}
COMPONENT = {"name": "db", "state": "healthy"}


def event_text(**changes: Any) -> str:
    return json.dumps({**EVENT, **changes})


def schema_accepts(name: str, text: str) -> bool:
    return bool(CONTRACTS[name].validator.is_valid(json.loads(text)))


def model_reads(name: str, text: str) -> Any:
    """What the model writes back for ``text`` (parsed JSON), or ``Rejected``."""
    contract = CONTRACTS[name]
    try:
        return json.loads(contract.dump_json(contract.parse_json(text)))
    except Rejected:
        return Rejected


BOTH_EVENTS = pytest.mark.parametrize("name", ["core.FeedbackEvent", "store.FeedbackEvent"])


# -- lax coercions: the schema rejects, the model converts ----------------------------------------


@BOTH_EVENTS
@pytest.mark.parametrize(
    ("given", "read"),
    [
        ("5", 5.0),
        (" 5 ", 5.0),
        ("1e3", 1000.0),
        ("1_000", 1000.0),
        ("+_1", 1.0),
        (True, 1.0),
        (False, 0.0),
    ],
)
def test_a_number_field_reads_a_string_spelling_a_number_or_a_boolean_which_the_schema_rejects(
    name: str, given: Any, read: float
) -> None:
    text = event_text(ts=given)
    assert not schema_accepts(name, text)
    assert model_reads(name, text)["ts"] == read


@BOTH_EVENTS
@pytest.mark.parametrize(
    ("given", "read"), [("7", 7), (" 7\n", 7), ("7.0", 7), ("1_000", 1000), (True, 1)]
)
def test_an_integer_field_reads_a_string_spelling_an_integer_or_a_boolean_which_the_schema_rejects(
    name: str, given: Any, read: int
) -> None:
    text = event_text(queue_size=given)
    assert not schema_accepts(name, text)
    assert model_reads(name, text)["queue_size"] == read


@pytest.mark.parametrize(
    ("given", "read"),
    [
        (1, True),
        (0, False),
        (1.0, True),
        ("yes", True),
        ("On", True),
        ("t", True),
        ("1", True),
        ("no", False),
        ("OFF", False),
        ("f", False),
        ("0", False),
    ],
)
def test_a_boolean_field_reads_zero_one_and_yes_no_words_which_the_schema_rejects(
    given: Any, read: bool
) -> None:
    text = json.dumps({"probe_type": "liveness", "passed": given})
    assert not schema_accepts("core.Probe", text)
    assert model_reads("core.Probe", text)["passed"] is read


@pytest.mark.parametrize("given", ["1e3", "0x10", "1.5", "5.", ""])
def test_an_integer_field_refuses_strings_that_do_not_spell_an_integer_in_plain_digits(
    given: str,
) -> None:
    assert model_reads("store.FeedbackEvent", event_text(queue_size=given)) is Rejected


# -- numbers: JSON Schema means mathematical numbers, the models mean int and double --------------


@BOTH_EVENTS
def test_an_integral_number_with_a_fraction_is_an_integer_for_both_and_is_written_without_it(
    name: str,
) -> None:
    # Not a disagreement: JSON Schema 2020-12 counts 7.0 as an integer, and so does Pydantic.
    text = event_text(queue_size=7.0)
    assert schema_accepts(name, text)
    assert model_reads(name, text)["queue_size"] == 7
    assert isinstance(model_reads(name, text)["queue_size"], int)


@BOTH_EVENTS
@pytest.mark.parametrize("given", [1e20, 1e300, 2.0**63])
def test_an_integer_field_refuses_integral_numbers_from_2_to_the_63_written_as_floats(
    name: str, given: float
) -> None:
    text = event_text(queue_size=given)  # json.dumps writes 1e+20, 1e+300, 9.223372036854776e+18
    assert schema_accepts(name, text)
    assert model_reads(name, text) is Rejected


@BOTH_EVENTS
def test_an_integer_field_keeps_integers_of_any_size_written_in_digits(name: str) -> None:
    text = event_text(queue_size=10**30, capacity=10**40)
    assert schema_accepts(name, text)
    written = model_reads(name, text)
    assert (written["queue_size"], written["capacity"]) == (10**30, 10**40)


@BOTH_EVENTS
def test_a_number_field_is_a_double_so_5_comes_back_as_5_0_and_big_integers_come_back_rounded(
    name: str,
) -> None:
    assert model_reads(name, event_text(ts=5))["ts"] == 5.0
    assert isinstance(model_reads(name, event_text(ts=5))["ts"], float)
    written = model_reads(name, event_text(ts=2**53 + 1))
    assert written["ts"] == 9007199254740992.0  # 2**53 + 1 has no double; the nearest is 2**53


def test_core_reads_a_number_beyond_the_double_range_as_infinity_and_writes_null() -> None:
    text = '{"coordinator_id": "c", "queue_size": 1, "capacity": 2, "level": "ok", "ts": 1e400}'
    assert schema_accepts("core.FeedbackEvent", text)
    written = model_reads("core.FeedbackEvent", text)
    assert written["ts"] is None
    assert not CONTRACTS["core.FeedbackEvent"].validator.is_valid(written)


@pytest.mark.parametrize("ts", ["1e400", "1" + "0" * 400])
def test_the_store_refuses_a_number_beyond_the_double_range_which_its_schema_accepts(
    ts: str,
) -> None:
    text = f'{{"coordinator_id": "c", "queue_size": 1, "capacity": 2, "level": "ok", "ts": {ts}}}'
    assert schema_accepts("store.FeedbackEvent", text)
    assert model_reads("store.FeedbackEvent", text) is Rejected


def _refuse(token: str) -> None:
    raise ValueError(token)


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_core_reads_the_non_json_tokens_nan_and_infinity_and_writes_null_the_store_refuses_them(
    token: str,
) -> None:
    # Not JSON at all (RFC 8259 has no NaN or Infinity), yet Pydantic's parser reads them.
    text = event_text().replace('"ts": 5', f'"ts": {token}')
    with pytest.raises(ValueError, match=token):
        json.loads(text, parse_constant=_refuse)
    assert model_reads("core.FeedbackEvent", text)["ts"] is None
    assert model_reads("store.FeedbackEvent", text) is Rejected


@pytest.mark.parametrize("given", ["nan", "inf", "-Infinity"])
def test_core_reads_the_strings_nan_and_inf_as_numbers_and_writes_null_the_store_refuses_them(
    given: str,
) -> None:
    text = event_text(ts=given)
    assert not schema_accepts("core.FeedbackEvent", text)
    assert model_reads("core.FeedbackEvent", text)["ts"] is None
    assert model_reads("store.FeedbackEvent", text) is Rejected


# -- unknown keys and defaults --------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(n for n in CONTRACTS if n != "core.BackpressureLevel"))
def test_unknown_keys_are_valid_under_the_open_schemas_and_dropped_by_the_models(name: str) -> None:
    minimal = {
        "core.FeedbackEvent": EVENT,
        "store.FeedbackEvent": EVENT,
        "core.HealthComponent": COMPONENT,
        "core.HealthStatus": {"service": "s", "state": "healthy", "version": "1", "ts": 1.0},
        "core.Probe": {"probe_type": "liveness", "passed": True},
    }[name]
    text = json.dumps({**minimal, "unknown": [1, {"x": None}]})
    assert schema_accepts(name, text)
    assert "unknown" not in model_reads(name, text)


def test_a_reason_of_another_type_is_a_core_event_that_core_drops_and_the_store_refuses() -> None:
    text = event_text(reason=5)
    assert schema_accepts("core.FeedbackEvent", text)
    assert "reason" not in model_reads("core.FeedbackEvent", text)
    assert not schema_accepts("store.FeedbackEvent", text)
    assert model_reads("store.FeedbackEvent", text) is Rejected


def test_fields_made_by_a_default_factory_have_no_schema_default_and_are_written_empty() -> None:
    status = CONTRACTS["core.HealthStatus"].schema
    component = CONTRACTS["core.HealthComponent"].schema
    assert "default" not in status["properties"]["components"]
    assert "default" not in component["properties"]["details"]
    minimal = {"service": "s", "state": "healthy", "version": "1", "ts": 1.0}
    assert model_reads("core.HealthStatus", json.dumps(minimal))["components"] == []
    written = model_reads("core.HealthStatus", json.dumps({**minimal, "components": [COMPONENT]}))
    assert written["components"] == [{**COMPONENT, "details": {}}]


# -- strings --------------------------------------------------------------------------------------


@BOTH_EVENTS
def test_a_lone_surrogate_escape_is_a_string_for_the_schema_and_invalid_json_for_the_model(
    name: str,
) -> None:
    text = event_text(coordinator_id="\ud800")  # json.dumps writes the escape \ud800
    assert "\\ud800" in text
    assert schema_accepts(name, text)  # Python's json module reads it; so does jsonschema
    assert model_reads(name, text) is Rejected


# -- ways around validation -----------------------------------------------------------------------


def test_model_construct_skips_validation_and_can_write_json_that_core_rejects() -> None:
    # Pydantic's documented contract: model_construct() trusts its input. Not a way to build events.
    event = FeedbackEvent.model_construct(**{**EVENT, "ts": math.nan})
    written = json.loads(event.model_dump_json(warnings=False))  # level stays a plain str
    assert written["ts"] is None
    assert not CONTRACTS["core.FeedbackEvent"].validator.is_valid(written)


@pytest.mark.parametrize(
    ("update", "field"),
    [
        ({"ts": math.nan}, "ts"),
        ({"queue_size": -1}, "queue_size"),
        ({"reason": 5}, "reason"),
        ({"level": "bad"}, "level"),
    ],
)
def test_model_copy_with_an_update_validates_like_a_new_event(
    update: dict[str, Any], field: str
) -> None:
    event = FeedbackEvent.create("bars-1", 1, 2, "ok")
    with pytest.raises(ValidationError, match=field):
        event.model_copy(update=update)


def test_model_copy_with_a_valid_update_is_a_valid_changed_event() -> None:
    event = FeedbackEvent.create("bars-1", 1, 2, "ok", reason="a")
    changed = event.model_copy(update={"queue_size": 2, "level": "hard"})
    assert (changed.queue_size, changed.level, changed.reason) == (2, "hard", "a")
    assert type(changed) is FeedbackEvent
    assert CONTRACTS["store.FeedbackEvent"].validator.is_valid(
        json.loads(changed.model_dump_json())
    )
    assert event.model_copy() == event


@pytest.mark.parametrize("field", ["reason", "coordinator_id"])
def test_create_refuses_a_string_json_cannot_carry(field: str) -> None:
    fields = {"coordinator_id": "bars-1", "queue_size": 1, "capacity": 2, "level": "ok"}
    with pytest.raises(ValueError, match=f"{field} is not valid Unicode"):
        FeedbackEvent.create(**{**fields, field: "ok \udfff"})
    event = FeedbackEvent.create(**{**fields, field: "é ✓ 𝄞"})
    assert json.loads(event.model_dump_json())[field] == "é ✓ 𝄞"


def test_the_constructor_accepts_a_lone_surrogate_and_writing_it_raises() -> None:
    """By design: the constructor does not pay for the check; writing refuses, so no invalid
    JSON is ever produced."""
    event = FeedbackEvent(**{**EVENT, "reason": "\udfff"})
    with pytest.raises(PydanticSerializationError, match="surrogates not allowed"):
        event.model_dump_json()


def test_health_status_validates_a_component_changed_after_it_was_built() -> None:
    from market_data_core.telemetry import HealthComponent

    component = HealthComponent(**COMPONENT)
    component.state = "on fire"  # type: ignore[assignment]
    with pytest.raises(ValidationError, match="state"):
        health_status("s", [component], version="1", ts=1.0)
