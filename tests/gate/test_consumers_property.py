"""Random readers against the published Store schema: the consumers stage agrees with the
checker, and every witness it gives is real.

A reader is the published ``store.FeedbackEvent`` with a few edits drawn from narrowings (a
closed ``reason``, a bound, a keyword beside a ``$ref``, no other fields) and widenings (a field
no longer required, a wider type, another level), written in draft-07 or 2020-12. For each one
the stage's state must be the checker's verdict (``check(writer, reader, mode="backward",
close_old=True).verdict``: incompatible is broken, undecided undecided); every witness
must be accepted by the published schema and rejected by the reader's own dialect; and a reader
the stage calls ok must accept every valid golden Store event. ``HYPOTHESIS_PROFILE=deep`` draws
25 times as many readers.
"""

from __future__ import annotations

import copy
import json
import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from jsonschema.validators import validator_for

from market_data_store_contracts._gate._consumers import Writer, consumer_findings, state_of
from market_data_store_contracts._gate._declarations import Consumer
from market_data_store_contracts.compat import check

from ._support import PACKAGE, ROOT

PUBLISHED = ROOT / PACKAGE / "schemas" / "bundle" / "store" / "feedback_event.json"
WRITER: dict[str, Any] = json.loads(PUBLISHED.read_text(encoding="utf-8"))
GOLDEN = json.loads((ROOT / "tests/golden/store/feedback_event.json").read_text(encoding="utf-8"))
#: Valid Store events with only the fields the Store's models write.
EVENTS = [
    case["instance"]
    for case in GOLDEN["cases"]
    if case["valid"] and set(case["instance"]) <= set(WRITER["properties"])
]
EXAMPLES = 1_000 if os.environ.get("HYPOTHESIS_PROFILE") == "deep" else 40
DRAFT_07 = "http://json-schema.org/draft-07/schema#"
LEVEL = "#/$defs/BackpressureLevel"


def _set(name: str, schema: Any) -> Any:
    def edit(reader: dict[str, Any]) -> None:
        reader["properties"][name] = schema

    return edit


def _require(name: str) -> Any:
    def edit(reader: dict[str, Any]) -> None:
        if name not in reader["required"]:
            reader["required"].append(name)

    return edit


def _unrequire(name: str) -> Any:
    def edit(reader: dict[str, Any]) -> None:
        reader["required"] = [other for other in reader["required"] if other != name]

    return edit


def _close(keep_reason: bool) -> Any:
    def edit(reader: dict[str, Any]) -> None:
        if not keep_reason:
            reader["properties"].pop("reason", None)
            reader["required"] = [name for name in reader["required"] if name != "reason"]
        reader["additionalProperties"] = False

    return edit


def _levels(values: list[str]) -> Any:
    def edit(reader: dict[str, Any]) -> None:
        reader["$defs"]["BackpressureLevel"]["enum"] = values

    return edit


#: name -> edit of a reader (a deep copy of the published schema)
NARROWINGS = {
    "reason a closed union": _set("reason", {"enum": ["high_watermark", "queue_recovered", None]}),
    "reason a string": _set("reason", {"type": "string"}),
    "reason required": _require("reason"),
    "no other fields": _close(keep_reason=False),
    "short coordinator ids": _set("coordinator_id", {"type": "string", "maxLength": 8}),
    "bounded queue": _set("queue_size", {"type": "integer", "minimum": 0, "maximum": 1000}),
    "not hard beside the ref": _set("level", {"$ref": LEVEL, "not": {"const": "hard"}}),
    "integer ts": _set("ts", {"type": "integer"}),
    "source is store": _set("source", {"const": "store"}),
    "two levels": _levels(["ok", "hard"]),
}
WIDENINGS = {
    "ts optional": _unrequire("ts"),
    "reason anything": _set("reason", {}),
    "capacity any integer": _set("capacity", {"type": "integer"}),
    "queue a number": _set("queue_size", {"type": "number", "minimum": 0}),
    "a fourth level": _levels(["ok", "soft", "hard", "critical"]),
    "others allowed": lambda reader: reader.update(additionalProperties=True),
    "nullable coordinator": _set("coordinator_id", {"type": ["string", "null"]}),
    # no narrowing of what a model writes: the writer is read closed
    "closed with reason": _close(keep_reason=True),
}
EDITS = {**NARROWINGS, **WIDENINGS}


def reader_of(names: list[str], dialect: str) -> dict[str, Any]:
    reader = copy.deepcopy(WRITER)
    for key in ("$id", "$comment"):
        reader.pop(key)
    for name in names:
        EDITS[name](reader)
    if dialect == "2020-12":
        return reader
    text = json.dumps(reader).replace('"#/$defs/', '"#/definitions/')
    draft07 = json.loads(text)
    draft07["definitions"] = draft07.pop("$defs")
    draft07["$schema"] = DRAFT_07
    return dict(draft07)


def accepts(schema: Any, instance: Any) -> bool:
    return bool(validator_for(schema, default=Draft202012Validator)(schema).is_valid(instance))


#: the checker's verdict -> the consumer's state
STATES = {"compatible": "ok", "incompatible": "broken", "undecided": "undecided"}


def checker_state(reader: dict[str, Any]) -> str:
    return STATES[check(WRITER, reader, mode="backward", close_old=True).verdict]


@settings(max_examples=EXAMPLES, suppress_health_check=[HealthCheck.too_slow])
@given(
    names=st.lists(st.sampled_from(sorted(EDITS)), min_size=1, max_size=3, unique=True),
    dialect=st.sampled_from(["draft-07", "2020-12"]),
)
def test_the_stage_agrees_with_the_checker_and_every_witness_is_real(names, dialect):
    reader = reader_of(names, dialect)
    consumer = Consumer("drawn", "store.FeedbackEvent", "reader.json")
    writer = Writer("store.FeedbackEvent", None, "published.json", WRITER)
    findings = list(consumer_findings(consumer, "reader.json", reader, [writer]))
    state = state_of(findings)
    assert state == checker_state(reader), (names, dialect)
    for finding in findings:
        if finding.code == "CONSUMER_BROKEN":
            assert accepts(WRITER, finding.witness)
            assert not accepts(reader, finding.witness), (names, dialect, finding.witness)
            assert set(finding.witness) <= set(WRITER["properties"])
        else:
            assert (finding.code, finding.witness) == ("CONSUMER_UNDECIDED", None)
    if state == "ok":
        assert all(accepts(reader, event) for event in EVENTS), (names, dialect)


def test_every_edit_is_drawn_and_the_narrowings_break_in_2020_12():
    # the strategy can reach every edit; each narrowing alone is a real break in 2020-12
    # (one of them is no break in draft-07, where a keyword beside a $ref is ignored)
    assert len(EVENTS) >= 3
    for name in NARROWINGS:
        assert checker_state(reader_of([name], "2020-12")) == "broken", name
    for name in WIDENINGS:
        assert checker_state(reader_of([name], "2020-12")) == "ok", name
    assert checker_state(reader_of(["not hard beside the ref"], "draft-07")) == "ok"
