"""Hand-written base classes that generated models inherit (wired by ``customBasePath``).

Behaviour the schema cannot express lives here, never in generated files:

- :class:`CoreFeedbackEvent` is Core's own class under a name that does not clash with the
  generated ``FeedbackEvent``: the Store event *is a* Core event.
- :class:`FeedbackEventBehaviour` adds ``utilization``, ``create()`` and refuses non-finite
  floats (``NaN`` and ``±inf`` serialize as ``null``, which every Core consumer rejects).
"""

from __future__ import annotations

import time
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
        """Build an event stamped now (``ts=time.time()``) with ``source="store"``."""
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
