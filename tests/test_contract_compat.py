"""The two promises of CONTEXT.md, proved with the compatibility checker against the live Core.

1. Store ⊆ Core: every event the Store writes is a valid Core event.
2. closed Core ⊆ Store: every event Core writes is a valid Store event.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from market_data_core.telemetry import FeedbackEvent as CoreFeedbackEvent
from pydantic import ValidationError
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from market_data_store_contracts import FeedbackEvent, schemas
from market_data_store_contracts.compat import check

ROOT = Path(__file__).resolve().parent.parent
CORE_ID = "urn:market-data:core:telemetry:FeedbackEvent"


def live_core() -> dict:
    return {"$id": CORE_ID, **CoreFeedbackEvent.model_json_schema()}


def declared_store() -> tuple[dict, Registry]:
    declaration = json.loads((ROOT / "schemas/store/feedback_event.json").read_text())
    registry = Registry().with_resource(CORE_ID, DRAFT202012.create_resource(live_core()))
    return declaration, registry


def store_sides() -> list[tuple[str, dict, Registry | None]]:
    declaration, registry = declared_store()
    return [
        ("model", FeedbackEvent.model_json_schema(), None),
        ("declaration", declaration, registry),
        ("bundle", schemas.load("store.FeedbackEvent"), None),
    ]


@pytest.mark.parametrize(
    ("side", "store", "registry"), store_sides(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_store_event_is_a_core_event(side, store, registry):
    report = check(store, live_core(), mode="backward", close_old=True, registry=registry)
    assert report.compatible, [f.message for f in report.findings]


@pytest.mark.parametrize(
    ("side", "store", "registry"), store_sides(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_event_core_writes_is_a_store_event(side, store, registry):
    report = check(live_core(), store, mode="backward", close_old=True, registry=registry)
    assert report.compatible, [f.message for f in report.findings]


def test_open_core_is_not_within_the_store_and_the_witness_shows_why():
    """The strict superset question has the answer CONTEXT.md predicts: no."""
    report = check(live_core(), FeedbackEvent.model_json_schema(), mode="backward")
    assert not report.compatible
    witnesses = [f.witness for f in report.findings if f.breaking and f.witness is not None]
    assert witnesses
    for witness in witnesses:
        assert "reason" in witness
        Draft202012Validator(live_core()).validate(witness)
        CoreFeedbackEvent.model_validate(witness)  # Core accepts it ...
        with pytest.raises(ValidationError, match="reason"):
            FeedbackEvent.model_validate(witness)  # ... and the Store does not


def test_the_store_is_not_equivalent_to_core():
    """A control: the checker tells the two apart. Closed on both sides, the Store writes a key
    (reason) that closed Core does not have; the other way round holds."""
    report = check(
        FeedbackEvent.model_json_schema(), live_core(), mode="full", close_old=True, close_new=True
    )
    assert not report.compatible
    breaking = [f for f in report.findings if f.breaking]
    assert {f.direction for f in breaking} == {"backward"}
    assert all("reason" in f.witness for f in breaking)


def test_the_store_model_and_its_published_schema_mean_the_same():
    report = check(
        FeedbackEvent.model_json_schema(), schemas.load("store.FeedbackEvent"), mode="full"
    )
    assert report.compatible, [f.message for f in report.findings]


def test_cores_model_and_the_published_core_schema_mean_the_same():
    report = check(
        CoreFeedbackEvent.model_json_schema(), schemas.load("core.FeedbackEvent"), mode="full"
    )
    assert report.compatible, [f.message for f in report.findings]
