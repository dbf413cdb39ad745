"""What goes on the wire: an event's own JSON, checked against its contract first."""

from __future__ import annotations

from functools import cache

from market_data_core.telemetry import FeedbackEvent as CoreFeedbackEvent
from pydantic import ValidationError

from .. import schemas
from .._generated import FeedbackEvent

__all__ = ["encode", "schema_id"]


@cache
def schema_id(store: bool) -> str:
    """The ``$id`` of the published ``store.FeedbackEvent`` or ``core.FeedbackEvent``."""
    value: str = schemas.load("store.FeedbackEvent" if store else "core.FeedbackEvent")["$id"]
    return value


def encode(event: object) -> tuple[bytes, bool]:
    """``event.model_dump_json()`` as UTF-8, and whether it is a Store event.

    The event is sent as it is: its own ``model_dump_json()``, never rebuilt from a dict, so a
    Core event goes out as Core's JSON. Before it leaves, the JSON is read back by its contract
    in strict mode (the Store's model for a Store event, Core's otherwise): an event built
    around validation (``model_construct``, or a Core event holding ``ts=nan``, which writes
    ``null``) raises ``ValueError`` instead of sending bytes that consumers reject.

    Raises ``TypeError`` for anything that is not a Core ``FeedbackEvent`` (or subclass).
    """
    if not isinstance(event, CoreFeedbackEvent):
        raise TypeError(
            f"publish() takes a FeedbackEvent (Core's or the Store's), not {type(event).__name__}"
        )
    text = event.model_dump_json()
    store = isinstance(event, FeedbackEvent)
    contract = FeedbackEvent if store else CoreFeedbackEvent
    try:
        contract.model_validate_json(text, strict=True)
    except ValidationError as error:
        first = error.errors(include_url=False, include_input=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "(event)"
        name = "store.FeedbackEvent" if store else "core.FeedbackEvent"
        raise ValueError(
            f"the event's JSON is not a valid {name} ({where}: {first['msg']}); "
            "build events with FeedbackEvent.create() or the validating constructor"
        ) from None
    return text.encode(), store
