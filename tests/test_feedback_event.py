"""The Store's FeedbackEvent: Core's event plus ``reason``, ``utilization`` and ``create()``."""

import json
import math
import time

import pytest
from market_data_core.telemetry import BackpressureLevel
from market_data_core.telemetry import FeedbackEvent as CoreFeedbackEvent
from pydantic import ValidationError

from market_data_store_contracts import FeedbackEvent, _bases

FIELDS = {"coordinator_id": "bars-1", "queue_size": 80, "capacity": 100, "level": "hard"}


def event(**overrides):
    return FeedbackEvent(**{**FIELDS, "ts": 1_700_000_000.25, **overrides})


def test_reason_survives_a_json_round_trip():
    original = event(reason="high_watermark")
    copy = FeedbackEvent.model_validate_json(original.model_dump_json())
    assert copy == original
    assert copy.reason == "high_watermark"


def test_reason_defaults_to_none_and_is_written_as_null():
    assert event().reason is None
    assert json.loads(event().model_dump_json())["reason"] is None


def test_utilization_is_queue_size_over_capacity():
    assert event().utilization == 0.8
    assert event(queue_size=0).utilization == 0.0
    assert event(queue_size=150).utilization == 1.5


def test_utilization_is_never_serialized_nor_in_the_schema():
    assert "utilization" not in event().model_dump()
    assert "utilization" not in json.loads(event().model_dump_json())
    assert "utilization" not in FeedbackEvent.model_json_schema()["properties"]


def test_create_stamps_now_and_the_store_as_source(monkeypatch):
    monkeypatch.setattr(_bases, "_now", lambda: 1234.5)
    created = FeedbackEvent.create("bars-1", 75, 100, BackpressureLevel.soft, reason="r")
    assert created.source == "store"
    assert created.ts == 1234.5
    assert (created.coordinator_id, created.queue_size, created.capacity) == ("bars-1", 75, 100)
    assert created.level is BackpressureLevel.soft
    assert created.reason == "r"
    assert created.utilization == 0.75


def test_create_uses_the_wall_clock():
    before = time.time()
    created = FeedbackEvent.create("bars-1", 1, 2, "ok")
    assert before <= created.ts <= time.time()
    assert created.reason is None
    assert type(created) is FeedbackEvent


def test_create_validates_like_the_constructor():
    with pytest.raises(ValidationError, match="capacity"):
        FeedbackEvent.create("bars-1", 1, 0, "ok")
    with pytest.raises(ValidationError, match="level"):
        FeedbackEvent.create("bars-1", 1, 2, "panic")


def test_events_are_frozen_and_hashable():
    one = event(reason="x")
    with pytest.raises(ValidationError, match="frozen"):
        one.reason = "y"
    assert hash(one) == hash(event(reason="x"))
    assert len({one, event(reason="x"), event(reason="y")}) == 2


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf], ids=["nan", "inf", "-inf"])
def test_the_constructor_refuses_a_non_finite_ts(bad):
    with pytest.raises(ValidationError, match="finite number"):
        event(ts=bad)


@pytest.mark.parametrize("bad", [math.nan, math.inf], ids=["nan", "inf"])
def test_create_refuses_a_non_finite_clock(monkeypatch, bad):
    monkeypatch.setattr(_bases, "_now", lambda: bad)
    with pytest.raises(ValidationError, match="finite number"):
        FeedbackEvent.create("bars-1", 1, 2, "ok")


def test_core_would_accept_a_non_finite_ts_which_is_why_the_store_refuses_it():
    core_event = CoreFeedbackEvent(**FIELDS, ts=math.nan)
    assert json.loads(core_event.model_dump_json())["ts"] is None
    with pytest.raises(ValidationError):
        CoreFeedbackEvent.model_validate_json(core_event.model_dump_json())


def test_core_reads_store_json_and_drops_the_reason():
    store = event(reason="queue_recovered")
    read = CoreFeedbackEvent.model_validate_json(store.model_dump_json())
    assert type(read) is CoreFeedbackEvent
    assert read.model_dump() == {k: v for k, v in store.model_dump().items() if k != "reason"}
    assert not hasattr(read, "reason")


def test_the_store_reads_core_json_with_reason_none():
    core_event = CoreFeedbackEvent(**FIELDS, source="pipeline", ts=42.0)
    read = FeedbackEvent.model_validate_json(core_event.model_dump_json())
    assert read.reason is None
    assert read.model_dump(exclude={"reason"}) == core_event.model_dump()


def test_a_store_event_passes_where_a_core_event_is_expected():
    store = event()
    assert CoreFeedbackEvent.model_validate(store) is store
