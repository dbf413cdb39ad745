"""The FeedbackBus under load: exact delivery, exact failure counts, rate-limited tracebacks.

A bounded version of ``benchmarks/bench_bus.py`` (which runs 100,000 events and reports the
rate). Events are numbered by ``queue_size`` so the order every subscriber saw can be checked.
"""

from __future__ import annotations

import asyncio
import logging

import pytest

from market_data_store_contracts import FeedbackBus, FeedbackEvent

LOGGER = "market_data_store_contracts.feedback"
EVENTS = 5_000


def numbered(count: int, coordinator: str = "bars_coordinator_1") -> list[FeedbackEvent]:
    return [FeedbackEvent.create(coordinator, index, count + 1, "soft") for index in range(count)]


def publish_all(bus: FeedbackBus, events: list[FeedbackEvent]) -> None:
    async def go() -> None:
        for event in events:
            await bus.publish(event)

    asyncio.run(go())


class Collector:
    def __init__(self) -> None:
        self.seen: list[int] = []

    async def on_event(self, event: FeedbackEvent) -> None:
        await asyncio.sleep(0)
        self.seen.append(event.queue_size)


class FailsOnMultiplesOf:
    """Records every event, then raises on those numbered by a multiple of ``n`` (n=1: always)."""

    def __init__(self, n: int, *, asynchronous: bool = False) -> None:
        self.n = n
        self.seen: list[int] = []
        self.asynchronous = asynchronous

    def __call__(self, event: FeedbackEvent) -> object:
        if self.asynchronous:
            return self._async(event)
        self._record(event)
        return None

    async def _async(self, event: FeedbackEvent) -> None:
        await asyncio.sleep(0)
        self._record(event)

    def _record(self, event: FeedbackEvent) -> None:
        self.seen.append(event.queue_size)
        if event.queue_size % self.n == 0:
            raise ValueError(f"{self!r} refuses event {event.queue_size}")

    def __repr__(self) -> str:
        kind = "async" if self.asynchronous else "sync"
        return f"<{kind} subscriber failing on multiples of {self.n}>"


def ten_subscribers(bus: FeedbackBus) -> tuple[dict[str, list[int]], dict[str, object]]:
    """Six healthy subscribers (sync, async yielding, async working, a bound method) and four
    failing ones; returns what each saw and the subscriber objects, by name."""
    seen: dict[str, list[int]] = {}
    subscribers: dict[str, object] = {}

    def add(name: str, subscriber: object, record: list[int]) -> None:
        seen[name] = record
        subscribers[name] = subscriber
        bus.subscribe(subscriber)  # type: ignore[arg-type]

    for name in ("sync_a", "sync_b", "sync_c"):
        record: list[int] = []
        add(name, lambda event, record=record: record.append(event.queue_size), record)

    yielding: list[int] = []

    async def async_yielding(event: FeedbackEvent) -> None:
        await asyncio.sleep(0)
        yielding.append(event.queue_size)

    add("async_yielding", async_yielding, yielding)

    working: list[int] = []

    async def async_working(event: FeedbackEvent) -> None:
        FeedbackEvent.model_validate_json(event.model_dump_json())
        await asyncio.sleep(0)
        working.append(event.queue_size)

    add("async_working", async_working, working)

    collector = Collector()
    add("bound_method", collector.on_event, collector.seen)

    for name, failing in {
        "fails_every_7th": FailsOnMultiplesOf(7),
        "fails_always": FailsOnMultiplesOf(1),
        "async_fails_every_11th": FailsOnMultiplesOf(11, asynchronous=True),
        "async_fails_always": FailsOnMultiplesOf(1, asynchronous=True),
    }.items():
        add(name, failing, failing.seen)
    return seen, subscribers


EXPECTED_FAILURES = {
    "sync_a": 0,
    "sync_b": 0,
    "sync_c": 0,
    "async_yielding": 0,
    "async_working": 0,
    "bound_method": 0,
    "fails_every_7th": len(range(0, EVENTS, 7)),  # 715
    "fails_always": EVENTS,
    "async_fails_every_11th": len(range(0, EVENTS, 11)),  # 455
    "async_fails_always": EVENTS,
}


def test_five_thousand_events_reach_all_ten_subscribers_in_order_and_every_failure_is_counted(
    caplog: pytest.LogCaptureFixture,
) -> None:
    bus = FeedbackBus()
    seen, subscribers = ten_subscribers(bus)
    with caplog.at_level(logging.DEBUG, logger=LOGGER):
        publish_all(bus, numbered(EVENTS))  # nothing raises into the publisher

    for name, record in seen.items():
        assert record == list(range(EVENTS)), name
    for name, subscriber in subscribers.items():
        assert bus.failures_of(subscriber) == EXPECTED_FAILURES[name], name  # type: ignore[arg-type]
    assert bus.failures == sum(EXPECTED_FAILURES.values()) == 11_170

    # Every failure is in the log exactly once: the first 10 of each subscriber at ERROR with
    # a traceback, the rest at DEBUG in one line without one.
    records = [r for r in caplog.records if r.name == LOGGER]
    assert len(records) == bus.failures
    for name, subscriber in subscribers.items():
        mine = [r for r in records if r.args and r.args[0] is subscriber]  # type: ignore[index]
        errors = [r for r in mine if r.levelno == logging.ERROR]
        assert len(mine) == EXPECTED_FAILURES[name], name
        assert len(errors) == min(10, EXPECTED_FAILURES[name]), name
        assert all(r.exc_info for r in errors)
        assert not any(r.exc_info for r in mine if r.levelno == logging.DEBUG)
    assert sum(r.levelno == logging.ERROR for r in records) == 40


def test_with_traceback_interval_zero_every_failure_is_an_error_record_with_its_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    bus = FeedbackBus(traceback_interval=0)
    failing = FailsOnMultiplesOf(3)
    bus.subscribe(failing)
    with caplog.at_level(logging.DEBUG, logger=LOGGER):
        publish_all(bus, numbered(300))
    assert bus.failures == bus.failures_of(failing) == 100
    assert len(caplog.records) == 100
    assert all(r.levelno == logging.ERROR and r.exc_info for r in caplog.records)
    assert caplog.text.count("Traceback (most recent call last)") == 100


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def test_tracebacks_are_limited_per_subscriber_per_window_and_the_next_window_reports_the_rest(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = FakeClock()
    bus = FeedbackBus(traceback_burst=2, traceback_interval=10.0, clock=clock)
    failing = FailsOnMultiplesOf(1)
    bus.subscribe(failing)
    event = numbered(1)[0]
    with caplog.at_level(logging.DEBUG, logger=LOGGER):
        for now in (0.0, 1.0, 2.0, 9.9, 10.0, 10.5):
            clock.now = 1_000.0 + now
            publish_all(bus, [event])

    assert bus.failures_of(failing) == 6
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        (
            "ERROR",
            "feedback subscriber <sync subscriber failing on multiples of 1> failed on event "
            "from coordinator 'bars_coordinator_1' (failure 1 of this subscriber)",
        ),
        (
            "ERROR",
            "feedback subscriber <sync subscriber failing on multiples of 1> failed on event "
            "from coordinator 'bars_coordinator_1' (failure 2 of this subscriber); its further "
            "failures in this 10 s window are counted, not logged with a traceback",
        ),
        (
            "DEBUG",
            "feedback subscriber <sync subscriber failing on multiples of 1> failed on event "
            "from coordinator 'bars_coordinator_1' (failure 3 of this subscriber, traceback not "
            "logged): ValueError('<sync subscriber failing on multiples of 1> refuses event 0')",
        ),
        (
            "DEBUG",
            "feedback subscriber <sync subscriber failing on multiples of 1> failed on event "
            "from coordinator 'bars_coordinator_1' (failure 4 of this subscriber, traceback not "
            "logged): ValueError('<sync subscriber failing on multiples of 1> refuses event 0')",
        ),
        (
            "ERROR",
            "feedback subscriber <sync subscriber failing on multiples of 1> failed on event "
            "from coordinator 'bars_coordinator_1' (failure 5 of this subscriber); 2 earlier "
            "failures were not logged",
        ),
        (
            "ERROR",
            "feedback subscriber <sync subscriber failing on multiples of 1> failed on event "
            "from coordinator 'bars_coordinator_1' (failure 6 of this subscriber); its further "
            "failures in this 10 s window are counted, not logged with a traceback",
        ),
    ]


def test_one_subscriber_exhausting_its_tracebacks_does_not_silence_another(
    caplog: pytest.LogCaptureFixture,
) -> None:
    bus = FeedbackBus(traceback_burst=1, clock=FakeClock())
    noisy, rare = FailsOnMultiplesOf(1), FailsOnMultiplesOf(50)
    bus.subscribe(noisy)
    bus.subscribe(rare)
    with caplog.at_level(logging.ERROR, logger=LOGGER):
        publish_all(bus, numbered(60)[1:])
    assert (bus.failures_of(noisy), bus.failures_of(rare)) == (59, 1)
    assert [r.args[0] for r in caplog.records] == [noisy, rare]  # type: ignore[index]


def test_a_traceback_burst_of_zero_logs_no_error_but_still_counts(
    caplog: pytest.LogCaptureFixture,
) -> None:
    bus = FeedbackBus(traceback_burst=0)
    failing = FailsOnMultiplesOf(1)
    bus.subscribe(failing)
    with caplog.at_level(logging.ERROR, logger=LOGGER):
        publish_all(bus, numbered(20))
    assert bus.failures == 20
    assert caplog.records == []


def test_a_negative_burst_or_interval_is_refused() -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        FeedbackBus(traceback_burst=-1)
    with pytest.raises(ValueError, match="must not be negative"):
        FeedbackBus(traceback_interval=-0.5)


def test_failures_of_finds_a_bound_method_subscriber_through_an_equal_bound_method() -> None:
    class Broken:
        def on_event(self, _event: FeedbackEvent) -> None:
            raise RuntimeError("down")

    bus, broken = FeedbackBus(traceback_burst=0), Broken()
    bus.subscribe(broken.on_event)
    publish_all(bus, numbered(3))
    # broken.on_event is a new bound method object at every access, equal to the subscribed one
    assert broken.on_event is not bus.subscribers[0]
    assert bus.failures_of(broken.on_event) == 3
    assert bus.failures_of(Broken().on_event) == 0


def test_concurrent_publishers_each_keep_their_own_order_at_every_subscriber() -> None:
    bus = FeedbackBus()
    seen: dict[str, list[tuple[str, int]]] = {"sync": [], "slow": [], "slower": []}
    bus.subscribe(lambda e: seen["sync"].append((e.coordinator_id, e.queue_size)))

    async def slow(event: FeedbackEvent) -> None:
        await asyncio.sleep(0)
        seen["slow"].append((event.coordinator_id, event.queue_size))

    async def slower(event: FeedbackEvent) -> None:
        for _ in range(event.queue_size % 3 + 1):
            await asyncio.sleep(0)
        seen["slower"].append((event.coordinator_id, event.queue_size))

    bus.subscribe(slow)
    bus.subscribe(slower)
    publishers = {f"coordinator_{n}": numbered(300, f"coordinator_{n}") for n in range(5)}

    async def publisher(events: list[FeedbackEvent]) -> None:
        for event in events:
            await bus.publish(event)

    async def main() -> None:
        await asyncio.gather(*(publisher(events) for events in publishers.values()))

    asyncio.run(main())
    for name, record in seen.items():
        assert len(record) == 5 * 300, name
        for coordinator in publishers:
            mine = [number for who, number in record if who == coordinator]
            assert mine == list(range(300)), (name, coordinator)
        # the publishers really did interleave: not one publisher's run after another's
        firsts = [who for who, _number in record[:10]]
        assert len(set(firsts)) > 1, name
    assert bus.failures == 0


def test_a_subscriber_that_unsubscribes_itself_during_delivery_does_not_break_the_loop() -> None:
    bus = FeedbackBus()
    before: list[int] = []
    quitter_seen: list[int] = []
    async_quitter_seen: list[int] = []
    after: list[int] = []
    bus.subscribe(lambda e: before.append(e.queue_size))

    def quitter(event: FeedbackEvent) -> None:
        quitter_seen.append(event.queue_size)
        if event.queue_size == 2:
            assert bus.unsubscribe(quitter) is True

    async def async_quitter(event: FeedbackEvent) -> None:
        await asyncio.sleep(0)
        async_quitter_seen.append(event.queue_size)
        if event.queue_size == 4:
            unsubscribe()

    bus.subscribe(quitter)
    unsubscribe = bus.subscribe(async_quitter)
    bus.subscribe(lambda e: after.append(e.queue_size))
    publish_all(bus, numbered(10))

    assert quitter_seen == [0, 1, 2]
    assert async_quitter_seen == [0, 1, 2, 3, 4]
    assert before == after == list(range(10))
    assert len(bus.subscribers) == 2
    assert bus.failures == 0


def test_a_subscriber_unsubscribed_by_another_still_gets_the_event_being_delivered() -> None:
    bus = FeedbackBus()
    victim_seen: list[int] = []

    def victim(event: FeedbackEvent) -> None:
        victim_seen.append(event.queue_size)

    def remover(event: FeedbackEvent) -> None:
        if event.queue_size == 1:
            bus.unsubscribe(victim)

    bus.subscribe(remover)
    bus.subscribe(victim)
    publish_all(bus, numbered(4))
    # publish() delivers to the subscribers of the moment it was called
    assert victim_seen == [0, 1]


def test_a_subscriber_raising_cancelled_error_under_load_propagates_and_is_not_a_failure() -> None:
    bus = FeedbackBus(traceback_burst=0)
    first: list[int] = []
    last: list[int] = []
    bus.subscribe(lambda e: first.append(e.queue_size))
    bus.subscribe(FailsOnMultiplesOf(1))

    async def cancels_at_500(event: FeedbackEvent) -> None:
        await asyncio.sleep(0)
        if event.queue_size == 500:
            raise asyncio.CancelledError

    bus.subscribe(cancels_at_500)
    bus.subscribe(lambda e: last.append(e.queue_size))
    events = numbered(1_000)

    async def go() -> int:
        for index, event in enumerate(events):
            try:
                await bus.publish(event)
            except asyncio.CancelledError:
                return index
        return -1

    assert asyncio.run(go()) == 500
    assert first == list(range(501))
    assert last == list(range(500))  # the cancellation stopped the delivery of event 500
    assert bus.failures == 501  # FailsOnMultiplesOf(1), events 0..500; the cancel is not counted


def test_cancelling_the_publishing_task_during_a_slow_subscriber_propagates() -> None:
    bus = FeedbackBus()
    started = asyncio.Event()

    async def stuck(_event: FeedbackEvent) -> None:
        started.set()
        await asyncio.sleep(3600)

    bus.subscribe(stuck)

    async def main() -> None:
        task = asyncio.create_task(bus.publish(numbered(1)[0]))
        await started.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(main())
    assert bus.failures == 0
