"""Family ``feedback``: our own FeedbackEvent."""

from __future__ import annotations

from collections.abc import Iterator

from ._shared import NO_WITNESS, Edit, _c, _closed, _edit, _with


def feedback_edits() -> Iterator[Edit]:
    core = {
        "title": "FeedbackEvent",
        "type": "object",
        "$defs": {"BackpressureLevel": {"type": "string", "enum": ["ok", "soft", "hard"]}},
        "properties": {
            "coordinator_id": {"type": "string"},
            "queue_size": {"type": "integer", "minimum": 0},
            "capacity": {"type": "integer", "exclusiveMinimum": 0},
            "level": {"$ref": "#/$defs/BackpressureLevel"},
            "source": {"type": "string", "default": "store"},
            "ts": {"type": "number"},
        },
        "required": ["coordinator_id", "queue_size", "capacity", "level", "ts"],
    }
    event = {"coordinator_id": "c", "queue_size": 1, "capacity": 2, "level": "ok", "ts": 1.0}
    reason = {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None}
    store = {
        "title": "FeedbackEvent",
        "$defs": {
            "Core": _c({k: v for k, v in core.items() if k != "$defs"}),
            "BackpressureLevel": core["$defs"]["BackpressureLevel"],
        },
        "allOf": [{"$ref": "#/$defs/Core"}],
        "properties": {"reason": reason},
    }
    core_closed = _closed(core)
    yield (
        "store-extends-core-backward",
        store,
        core,
        True,
        "every Store event is a Core event (the allOf keeps all of Core's constraints)",
        NO_WITNESS,
    )
    yield (
        "core-open-to-store",
        core,
        store,
        False,
        "Core is open, so it accepts a reason of any type; the Store types it",
        _with(event, reason=5),
    )
    yield (
        "core-closed-view-to-store",
        core_closed,
        store,
        True,
        "Core models emit no other keys; the Store accepts every such event",
        NO_WITNESS,
    )
    yield (
        "store-reason-narrowed-to-enum",
        store,
        _edit(
            store,
            lambda n: n["properties"].update(
                reason={
                    "anyOf": [{"enum": ["high_watermark", "queue_recovered"]}, {"type": "null"}]
                }
            ),
        ),
        False,
        "the free-text reason becomes an enum",
        _with(event, reason="other"),
    )
    yield (
        "core-level-gains-critical",
        core,
        _edit(core, lambda n: n["$defs"]["BackpressureLevel"]["enum"].append("critical")),
        True,
        "a new backpressure level",
        NO_WITNESS,
    )
    yield (
        "core-capacity-minimum-instead-of-exclusive",
        core,
        _edit(core, lambda n: n["properties"].update(capacity={"type": "integer", "minimum": 1})),
        True,
        "integer > 0 is integer >= 1",
        NO_WITNESS,
    )
    yield (
        "core-ts-integer",
        core,
        _edit(core, lambda n: n["properties"]["ts"].update(type="integer")),
        False,
        "epoch seconds lose their fraction",
        _with(event, ts=1.5),
    )
