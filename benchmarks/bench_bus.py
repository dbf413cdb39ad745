"""The ``FeedbackBus`` under load: 100,000 events to 10 subscribers, some failing, some slow.

The subscribers: three healthy synchronous recorders, two asynchronous ones that yield to the
event loop (one of them also serializes the event), one bound method, and four that fail (a
synchronous one on every 7th event, one always, an asynchronous one on every 11th event after
yielding, one always after yielding). Every subscriber records the events it is given before
it fails, and the run checks afterwards that each received every event, in order, and that
the bus counted every failure; a run that does not deliver raises instead of reporting.

Two configurations are timed, interleaved: the bus as shipped (tracebacks rate-limited) and a
bus that logs every failure with its traceback (``traceback_interval=0``, what the bus did
before). Both log through a handler that formats every record and throws the text away, so
the cost of logging is counted and nothing is printed.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

from market_data_store_contracts import FeedbackBus, FeedbackEvent
from market_data_store_contracts._bus import logger

from ._timing import interleaved, median

__all__ = ["Scenario", "run"]


class _Discard:
    """A stream that accepts text and keeps none of it."""

    def write(self, _text: str) -> int:
        return 0

    def flush(self) -> None:
        pass


class _Collector:
    """A subscriber held as a bound method (``bus.subscribe(collector.on_event)``)."""

    def __init__(self) -> None:
        self.seen: list[int] = []

    async def on_event(self, event: FeedbackEvent) -> None:
        self.seen.append(event.queue_size)


class Scenario:
    """Ten subscribers on a fresh bus, and what each must have received after ``events``."""

    def __init__(self, events: int, bus: FeedbackBus) -> None:
        self.events = events
        self.bus = bus
        self.seen: dict[str, list[int]] = {}
        self.expected_failures: dict[str, int] = {}
        self.subscribers: dict[str, Callable[..., Any]] = {}
        n = events

        def recorder(name: str) -> list[int]:
            self.seen[name] = []
            return self.seen[name]

        for name in ("sync_a", "sync_b", "sync_c"):
            self._add(name, _sync_recorder(recorder(name)), 0)

        yielding = recorder("async_yielding")

        async def async_yielding(event: FeedbackEvent) -> None:
            await asyncio.sleep(0)
            yielding.append(event.queue_size)

        self._add("async_yielding", async_yielding, 0)

        working = recorder("async_working")

        async def async_working(event: FeedbackEvent) -> None:
            event.model_dump_json()  # a little real work
            await asyncio.sleep(0)
            working.append(event.queue_size)

        self._add("async_working", async_working, 0)

        collector = _Collector()
        self.seen["bound_method"] = collector.seen
        self._add("bound_method", collector.on_event, 0)

        every_7th = recorder("fails_every_7th")

        def fails_every_7th(event: FeedbackEvent) -> None:
            every_7th.append(event.queue_size)
            if event.queue_size % 7 == 0:
                raise ValueError(f"event {event.queue_size} is a multiple of 7")

        self._add("fails_every_7th", fails_every_7th, len(range(0, n, 7)))

        always = recorder("fails_always")

        def fails_always(event: FeedbackEvent) -> None:
            always.append(event.queue_size)
            raise RuntimeError("this subscriber is down")

        self._add("fails_always", fails_always, n)

        every_11th = recorder("async_fails_every_11th")

        async def async_fails_every_11th(event: FeedbackEvent) -> None:
            await asyncio.sleep(0)
            every_11th.append(event.queue_size)
            if event.queue_size % 11 == 0:
                raise KeyError(event.queue_size)

        self._add("async_fails_every_11th", async_fails_every_11th, len(range(0, n, 11)))

        async_always = recorder("async_fails_always")

        async def async_fails_always(event: FeedbackEvent) -> None:
            await asyncio.sleep(0)
            async_always.append(event.queue_size)
            raise ConnectionError("the downstream is unreachable")

        self._add("async_fails_always", async_fails_always, n)

    def _add(self, name: str, subscriber: Callable[..., Any], failures: int) -> None:
        self.subscribers[name] = subscriber
        self.expected_failures[name] = failures
        self.bus.subscribe(subscriber)

    def verify(self) -> None:
        """Raise ``AssertionError`` unless every event reached everyone in order and every
        failure was counted."""
        order = list(range(self.events))
        for name, seen in self.seen.items():
            if seen != order:
                raise AssertionError(f"{name} did not receive every event in order")
        for name, subscriber in self.subscribers.items():
            if self.bus.failures_of(subscriber) != self.expected_failures[name]:
                raise AssertionError(
                    f"{name}: {self.bus.failures_of(subscriber)} failures counted, "
                    f"{self.expected_failures[name]} expected"
                )
        if self.bus.failures != sum(self.expected_failures.values()):
            raise AssertionError(f"{self.bus.failures} failures counted in total")


def _sync_recorder(seen: list[int]) -> Callable[[FeedbackEvent], None]:
    def sync_recorder(event: FeedbackEvent) -> None:
        seen.append(event.queue_size)

    return sync_recorder


def events(count: int) -> list[FeedbackEvent]:
    """``count`` events; ``queue_size`` numbers them 0, 1, 2, ... so order can be checked."""
    return [
        FeedbackEvent.create("bars_coordinator_1", index, count + 1, "soft")
        for index in range(count)
    ]


def _timed_run(stream: list[FeedbackEvent], bus: FeedbackBus) -> tuple[float, int]:
    """Publish ``stream`` through the scenario on ``bus``: (events per second, ERROR records)."""
    scenario = Scenario(len(stream), bus)
    errors = 0

    class Counting(logging.StreamHandler):  # type: ignore[type-arg]
        def emit(self, record: logging.LogRecord) -> None:
            nonlocal errors
            errors += record.levelno >= logging.ERROR
            super().emit(record)

    handler = Counting(_Discard())
    saved = logger.handlers[:], logger.propagate, logger.level
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel(logging.ERROR)
    try:

        async def publish_all() -> int:
            start = time.perf_counter_ns()
            for event in stream:
                await bus.publish(event)
            return time.perf_counter_ns() - start

        elapsed = asyncio.run(publish_all())
    finally:
        logger.handlers[:], logger.propagate = saved[0], saved[1]
        logger.setLevel(saved[2])
    scenario.verify()
    return len(stream) / (elapsed / 1e9), errors


def run(
    events_count: int = 100_000, rounds: int = 3, every_traceback_events: int = 20_000
) -> dict[str, float]:
    """Events per second through the scenario, with rate-limited and with per-failure tracebacks.

    The per-failure configuration publishes ``min(events_count, every_traceback_events)``
    events: it is the slow one, and a rate does not need the full run.
    """
    stream = events(events_count)
    short = stream[: min(events_count, every_traceback_events)]
    records: list[int] = []

    def limited() -> float:
        rate, errors = _timed_run(stream, FeedbackBus())
        records.append(errors)
        return rate

    def every_traceback() -> float:
        return _timed_run(short, FeedbackBus(traceback_interval=0))[0]

    samples = interleaved({"limited": limited, "every": every_traceback}, rounds, warmup=0)
    rate, every = median(samples["limited"]), median(samples["every"])
    return {
        "events": float(events_count),
        "subscribers": 10.0,
        "events_per_second": rate,
        "deliveries_per_second": rate * 10,
        "error_records_per_run": float(max(records)),
        "events_per_second_every_traceback": every,
        "every_traceback_slowdown": rate / every,
    }
