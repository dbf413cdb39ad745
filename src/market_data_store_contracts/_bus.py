"""``FeedbackBus``: the Store's in-process ``FeedbackPublisher``."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import TypeAlias

from market_data_core.telemetry import FeedbackEvent as CoreFeedbackEvent

__all__ = ["FeedbackBus", "Subscriber", "feedback_bus"]

#: A subscriber is called with each event; it may be a plain function or a coroutine function.
Subscriber: TypeAlias = Callable[[CoreFeedbackEvent], Awaitable[None] | None]

logger = logging.getLogger("market_data_store_contracts.feedback")


class FeedbackBus:
    """Delivers every published event to every subscriber, in subscription order.

    A subscriber that raises neither stops the others nor raises into the publisher: the
    failure is logged (with its traceback) and counted in :attr:`failures` and
    :meth:`failures_of`. Cancellation is not a failure and propagates.

    Satisfies ``market_data_core.FeedbackPublisher``.
    """

    def __init__(self) -> None:
        self._subscribers: list[Subscriber] = []
        self._failures: dict[int, int] = {}
        self._total_failures = 0

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Add ``subscriber`` (once per call); returns a function that unsubscribes it."""
        self._subscribers.append(subscriber)
        return lambda: self.unsubscribe(subscriber)

    def unsubscribe(self, subscriber: Subscriber) -> bool:
        """Remove the earliest subscription of ``subscriber``; ``False`` if it had none."""
        for index, candidate in enumerate(self._subscribers):
            if candidate is subscriber or candidate == subscriber:
                del self._subscribers[index]
                return True
        return False

    @property
    def subscribers(self) -> tuple[Subscriber, ...]:
        return tuple(self._subscribers)

    @property
    def failures(self) -> int:
        """How many deliveries raised, over the bus's lifetime."""
        return self._total_failures

    def failures_of(self, subscriber: Subscriber) -> int:
        """How many deliveries to ``subscriber`` raised."""
        return self._failures.get(id(subscriber), 0)

    async def publish(self, event: CoreFeedbackEvent) -> None:
        """Deliver ``event`` to every current subscriber, one after the other."""
        for subscriber in tuple(self._subscribers):
            try:
                result = subscriber(event)
                if inspect.isawaitable(result):
                    await result
            except Exception:
                self._total_failures += 1
                key = id(subscriber)
                self._failures[key] = self._failures.get(key, 0) + 1
                logger.exception(
                    "feedback subscriber %r failed on event from coordinator %r",
                    subscriber,
                    getattr(event, "coordinator_id", None),
                )


_BUS = FeedbackBus()


def feedback_bus() -> FeedbackBus:
    """The process-wide bus."""
    return _BUS
