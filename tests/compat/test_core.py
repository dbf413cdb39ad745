"""The real schemas: Core's FeedbackEvent and the Store's extension of it."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from market_data_core.telemetry import FeedbackEvent
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from market_data_store_contracts.compat import check

from ._support import assert_witnesses_hold, closed

CORE_ID = "urn:market-data:core:telemetry:FeedbackEvent"
REASON = {
    "anyOf": [{"type": "string"}, {"type": "null"}],
    "default": None,
    "description": "Why the level changed.",
}


def core_schema() -> dict[str, Any]:
    schema = FeedbackEvent.model_json_schema()
    schema["$id"] = CORE_ID
    return schema


def store_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:market-data:store:contracts:FeedbackEvent",
        "allOf": [{"$ref": CORE_ID}],
        "properties": {"reason": copy.deepcopy(REASON)},
    }


def store_inline_schema() -> dict[str, Any]:
    core = FeedbackEvent.model_json_schema()
    core["properties"]["reason"] = copy.deepcopy(REASON)
    return core


def registry() -> Registry[Any]:
    return Registry().with_resource(CORE_ID, DRAFT202012.create_resource(core_schema()))


def store_closed_view() -> dict[str, Any]:
    """The closed view of the $ref'd Store, written out by hand: Core's names and reason stay
    allowed, nothing else (the Core schema it is composed of is not closed on its own)."""
    view = store_schema()
    for name in core_schema()["properties"]:
        view["properties"][name] = True
    view["additionalProperties"] = False
    return view


# (mode, close_old, close_new) -> compatible, with old = Core and new = Store
VERDICTS = {
    ("backward", False, False): False,  # Core's open objects allow {"reason": 5}
    ("backward", False, True): False,  # ... and any extra name
    ("backward", True, False): True,  # every event Core emits is a Store event
    ("backward", True, True): True,
    ("forward", False, False): True,  # every Store event is a Core event
    ("forward", False, True): True,
    ("forward", True, False): False,  # a closed Core forbids "reason"
    ("forward", True, True): False,
    ("full", False, False): False,
    ("full", False, True): False,
    ("full", True, False): False,
    ("full", True, True): False,
}


@pytest.mark.parametrize(
    "store", [store_schema, store_inline_schema], ids=["store-with-ref", "store-inline"]
)
@pytest.mark.parametrize(
    ("mode", "close_old", "close_new"),
    list(VERDICTS),
    ids=[f"{m}-closeold{o}-closenew{n}" for m, o, n in VERDICTS],
)
def test_core_against_store_verdicts_are_pinned_in_every_mode(
    store: Any, mode: str, close_old: bool, close_new: bool
) -> None:
    report = check(
        core_schema(),
        store(),
        mode=mode,
        close_old=close_old,
        close_new=close_new,
        registry=registry(),
    )
    assert report.compatible is VERDICTS[(mode, close_old, close_new)]
    assert report.mode == mode


def test_every_store_event_is_a_core_event() -> None:
    report = check(
        store_schema(),
        core_schema(),
        registry=registry(),
        old_name="store.json",
        new_name="core.json",
    )
    assert report.compatible is True
    assert report.findings == ()


def test_open_core_is_not_contained_in_the_store_and_the_witness_is_a_bad_reason() -> None:
    core, store = core_schema(), store_schema()
    report = check(core, store, registry=registry())
    assert report.compatible is False
    assert [(f.rule_id, f.old_pointer, f.new_pointer) for f in report.findings] == [
        ("TYPE_NARROWED", "", "/properties/reason"),
    ]
    finding = report.findings[0]
    assert finding.message == 'Property "reason" changed type from any type to null or string.'
    assert finding.witness["reason"] is not None
    assert not isinstance(finding.witness["reason"], str)
    assert assert_witnesses_hold(report, core, store, registry=registry()) == 1


def test_every_event_core_emits_is_a_store_event() -> None:
    report = check(core_schema(), store_schema(), close_old=True, registry=registry())
    assert report.compatible is True
    assert report.findings == ()


def test_closed_core_rejects_the_store_reason_with_a_verified_witness() -> None:
    core, store = core_schema(), store_schema()
    report = check(core, store, mode="forward", close_old=True, registry=registry())
    assert report.compatible is False
    removed = [f for f in report.findings if f.rule_id == "PROPERTY_REMOVED"]
    assert {f.rule_id for f in report.findings} == {
        "PROPERTY_REMOVED",
        "ADDITIONAL_PROPERTIES_CLOSED",
    }
    assert assert_witnesses_hold(report, core, store, registry=registry(), close_old=True) == 2
    assert [f.message for f in removed] == [
        'Property "reason" was removed and is now forbidden.'
    ]  # read from NEW to OLD
    assert "reason" in removed[0].witness


def test_the_closed_store_keeps_core_names_and_forbids_others() -> None:
    core, store = core_schema(), store_schema()
    report = check(core, store, close_new=True, registry=registry())
    assert {f.rule_id for f in report.findings} == {"ADDITIONAL_PROPERTIES_CLOSED", "TYPE_NARROWED"}
    # verified against the closed view written out by hand
    from jsonschema import Draft202012Validator

    accepts = Draft202012Validator(core, registry=registry())
    rejects = Draft202012Validator(store_closed_view(), registry=registry())
    for finding in report.findings:
        assert accepts.is_valid(finding.witness)
        assert not rejects.is_valid(finding.witness)


def test_the_inline_store_has_the_same_findings_as_the_ref_store_when_open() -> None:
    by_ref = check(core_schema(), store_schema(), mode="full", registry=registry())
    inline = check(core_schema(), store_inline_schema(), mode="full")
    assert [(f.rule_id, f.direction, f.message) for f in by_ref.findings] == [
        (f.rule_id, f.direction, f.message) for f in inline.findings
    ]


def test_store_and_its_inline_form_are_equivalent() -> None:
    report = check(store_schema(), store_inline_schema(), mode="full", registry=registry())
    assert report.compatible is True
    assert report.findings == ()


def test_core_witnesses_hold_in_every_mode_for_the_inline_store() -> None:
    core, store = core_schema(), store_inline_schema()
    total = 0
    for mode, close_old, close_new in VERDICTS:
        report = check(core, store, mode=mode, close_old=close_old, close_new=close_new)
        total += assert_witnesses_hold(
            report, core, store, close_old=close_old, close_new=close_new
        )
    assert total > 0


def test_closing_does_not_change_the_callers_documents() -> None:
    core, store = core_schema(), store_schema()
    before = (copy.deepcopy(core), copy.deepcopy(store))
    check(core, store, mode="full", close_old=True, close_new=True, registry=registry())
    assert (core, store) == before
    assert closed(core) != core  # the helper does close, so the comparison above means something
