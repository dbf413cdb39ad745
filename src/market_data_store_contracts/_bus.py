"""``FeedbackBus``: the Store's in-process ``FeedbackPublisher``."""

from __future__ import annotations

import inspect
import logging
import time
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from typing import TypeAlias

from market_data_core.telemetry import FeedbackEvent as CoreFeedbackEvent

__all__ = ["FeedbackBus", "Subscriber", "feedback_bus"]

#: A subscriber is called with each event; it may be a plain function or a coroutine function.
Subscriber: TypeAlias = Callable[[CoreFeedbackEvent], Awaitable[None] | None]

logger = logging.getLogger("market_data_store_contracts.feedback")


@dataclass
class _LogWindow:
    """Traceback rate limit of one subscriber: a fixed window opened by its first logged failure."""

    start: float
    logged: int = 0
    suppressed: int = 0


class FeedbackBus:
    """Delivers every published event to every subscriber, in subscription order.

    A subscriber that raises neither stops the others nor raises into the publisher: every
    failure is counted in :attr:`failures` and :meth:`failures_of`. Cancellation is not a
    failure and propagates.

    Failures are *logged* at a limited rate, because under load the logging is what costs:
    formatting one traceback takes longer than delivering an event to ten healthy subscribers,
    and every subscriber waits for it. With 10 subscribers of which 4 fail (2 on every event),
    logging every traceback cut the rate about tenfold (``benchmarks/bench_bus.py``).

    So, per subscriber, at most ``traceback_burst`` failures are logged at ERROR with their
    traceback per window of ``traceback_interval`` seconds (a fixed window opened by the first
    failure it logs, as the kernel's ``printk_ratelimit`` does). The failures past the burst are
    logged at DEBUG in one line each, without a traceback, and the first ERROR record of the
    next window says how many there were. ``traceback_burst=0`` logs every failure at DEBUG
    only; ``traceback_interval=0`` logs every failure at ERROR with its traceback.

    Counts are kept per subscriber *as compared by* ``==`` (the way :meth:`unsubscribe` matches),
    so ``failures_of(obj.method)`` finds the failures of ``subscribe(obj.method)`` although each
    attribute access makes a new bound method. The bus keeps a reference to every subscriber
    that ever failed, for its count.

    Satisfies ``market_data_core.FeedbackPublisher``.
    """

    def __init__(
        self,
        *,
        traceback_burst: int = 10,
        traceback_interval: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if traceback_burst < 0 or traceback_interval < 0:
            raise ValueError("traceback_burst and traceback_interval must not be negative")
        self._subscribers: list[Subscriber] = []
        self._failures: dict[Hashable, int] = {}
        self._total_failures = 0
        self._burst = traceback_burst
        self._interval = traceback_interval
        self._clock = clock
        self._windows: dict[Hashable, _LogWindow] = {}

    def subscribe(self, subscriber: Subscriber) -> Callable[[], bool]:
        """Add ``subscriber`` (once per call); returns a function that unsubscribes it (and
        returns what :meth:`unsubscribe` returns)."""
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
        return self._failures.get(_key(subscriber), 0)

    async def publish(self, event: CoreFeedbackEvent) -> None:
        """Deliver ``event`` to every current subscriber, one after the other.

        The subscribers are those at the time of the call: one that (un)subscribes during the
        delivery changes who receives the next event, not this one.
        """
        for subscriber in tuple(self._subscribers):
            try:
                result = subscriber(event)
                if inspect.isawaitable(result):
                    await result
            except Exception as error:
                self._failed(subscriber, event, error)

    def _failed(self, subscriber: Subscriber, event: CoreFeedbackEvent, error: Exception) -> None:
        """Count one failure and log it within the rate limit; called in the ``except`` block."""
        self._total_failures += 1
        key = _key(subscriber)
        count = self._failures[key] = self._failures.get(key, 0) + 1
        coordinator = getattr(event, "coordinator_id", None)
        now = self._clock()
        window = self._windows.get(key)
        previously_suppressed = 0
        if window is None or now - window.start >= self._interval:
            previously_suppressed = window.suppressed if window is not None else 0
            window = self._windows[key] = _LogWindow(start=now)
        if window.logged >= self._burst:
            window.suppressed += 1
            logger.debug(
                "feedback subscriber %r failed on event from coordinator %r "
                "(failure %d of this subscriber, traceback not logged): %r",
                subscriber,
                coordinator,
                count,
                error,
            )
            return
        window.logged += 1
        notes: list[str] = []
        if previously_suppressed:
            notes.append(f"{previously_suppressed} earlier failures were not logged")
        if window.logged == self._burst and self._interval > 0:
            notes.append(
                f"its further failures in this {self._interval:g} s window are counted, "
                "not logged with a traceback"
            )
        logger.error(
            "feedback subscriber %r failed on event from coordinator %r "
            "(failure %d of this subscriber)%s",
            subscriber,
            coordinator,
            count,
            "".join(f"; {note}" for note in notes),
            exc_info=True,
        )


def _key(subscriber: Subscriber) -> Hashable:
    """The subscriber itself (bound methods of one object and function compare equal), or its
    identity if it cannot be hashed."""
    try:
        hash(subscriber)
    except TypeError:
        return ("unhashable subscriber", id(subscriber))
    return subscriber


_BUS = FeedbackBus()


def feedback_bus() -> FeedbackBus:
    """The process-wide bus."""
    return _BUS
