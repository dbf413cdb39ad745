"""Hand-written base classes that generated models inherit (wired by ``customBasePath``).

Behaviour the schema cannot express lives here, never in generated files:

- :class:`CoreFeedbackEvent` is Core's own class under a name that does not clash with the
  generated ``FeedbackEvent``: the Store event *is a* Core event.
- :class:`FeedbackEventBehaviour` adds ``utilization`` and ``create()``, and keeps events
  writable as JSON that Core accepts: no non-finite float (``NaN`` and ``±inf`` serialize as
  ``null``) and no unvalidated copy. ``create()`` also refuses strings JSON cannot carry (a
  lone surrogate); the constructor leaves that to ``model_dump_json()``, which raises rather
  than write it, because a model-wide check costs a fifth of a parse.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self

from market_data_core.telemetry import BackpressureLevel
from market_data_core.telemetry import FeedbackEvent as CoreFeedbackEvent
from pydantic import BaseModel, ConfigDict

__all__ = ["CoreFeedbackEvent", "FeedbackEventBehaviour"]

_now = time.time


class FeedbackEventBehaviour(BaseModel):
    """Behaviour of the Store's ``FeedbackEvent``; declares no field of its own."""

    # Merged with Core's config (frozen=True) by Pydantic: inherited float fields such as ``ts``
    # become finite-only, and the event stays frozen and hashable.
    model_config = ConfigDict(allow_inf_nan=False, frozen=True)

    if TYPE_CHECKING:  # fields come from Core's FeedbackEvent, which precedes this class
        queue_size: int
        capacity: int

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy of the event. With ``update``, the copy is validated like a new event
        (Pydantic's own ``model_copy`` trusts ``update``, which could make a Store event write
        ``"ts": null`` or a negative ``queue_size``)."""
        if not update:
            return super().model_copy(deep=deep)
        data = {**self.model_dump(), **update}
        return self.__pydantic_validator__.validate_python(data)  # type: ignore[no-any-return]

    @property
    def utilization(self) -> float:
        """Share of the queue in use, ``queue_size / capacity`` (Core guarantees ``capacity > 0``).

        A property: never serialized, absent from the schema.
        """
        return self.queue_size / self.capacity

    @classmethod
    def create(
        cls,
        coordinator_id: str,
        queue_size: int,
        capacity: int,
        level: BackpressureLevel | str,
        reason: str | None = None,
    ) -> Self:
        """Build an event stamped now (``ts=time.time()``) with ``source="store"``.

        Raises ``pydantic.ValidationError`` for invalid fields and ``ValueError`` for a string
        that is not valid Unicode (a lone surrogate), which no JSON can carry.
        """
        for name, text in (("coordinator_id", coordinator_id), ("reason", reason)):
            if type(text) is str and not text.isascii():
                _require_unicode(name, text)
        data: dict[str, Any] = {
            "coordinator_id": coordinator_id,
            "queue_size": queue_size,
            "capacity": capacity,
            "level": level,
            "source": "store",
            "ts": _now(),
            "reason": reason,
        }
        return cls.__pydantic_validator__.validate_python(data)  # type: ignore[no-any-return]


def _require_unicode(name: str, text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError(
            f"{name} is not valid Unicode (a lone surrogate at index {error.start})"
        ) from None
