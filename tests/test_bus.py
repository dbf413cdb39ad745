import asyncio
import logging

import market_data_core
import pytest

from market_data_store_contracts import FeedbackBus, FeedbackEvent, feedback_bus


def make_event(n=1):
    return FeedbackEvent(coordinator_id="c", queue_size=n, capacity=100, level="ok", ts=1.0)


def publish(bus, *events):
    async def go():
        for item in events:
            await bus.publish(item)

    asyncio.run(go())


def test_the_bus_satisfies_cores_publisher_protocol():
    assert isinstance(FeedbackBus(), market_data_core.FeedbackPublisher)
    assert isinstance(feedback_bus(), market_data_core.protocols.FeedbackPublisher)


def test_feedback_bus_returns_one_process_wide_bus():
    assert feedback_bus() is feedback_bus()
    assert isinstance(feedback_bus(), FeedbackBus)


def test_every_subscriber_gets_every_event_in_subscription_order():
    bus, calls = FeedbackBus(), []
    bus.subscribe(lambda e: calls.append(("first", e.queue_size)))

    async def second(e):
        calls.append(("second", e.queue_size))

    bus.subscribe(second)
    bus.subscribe(lambda e: calls.append(("third", e.queue_size)))
    publish(bus, make_event(1), make_event(2))
    assert calls == [
        ("first", 1),
        ("second", 1),
        ("third", 1),
        ("first", 2),
        ("second", 2),
        ("third", 2),
    ]


def test_a_failing_subscriber_neither_stops_the_others_nor_raises(caplog):
    bus, seen = FeedbackBus(), []

    def broken(_event):
        raise RuntimeError("subscriber is down")

    bus.subscribe(broken)
    bus.subscribe(lambda e: seen.append(e.queue_size))
    with caplog.at_level(logging.ERROR, logger="market_data_store_contracts.feedback"):
        publish(bus, make_event(1), make_event(2))
    assert seen == [1, 2]
    assert bus.failures == 2
    assert bus.failures_of(broken) == 2
    assert len(caplog.records) == 2
    assert "subscriber is down" in caplog.text


def test_unsubscribe_stops_delivery_and_reports_whether_it_removed_anything():
    bus, seen = FeedbackBus(), []
    unsubscribe = bus.subscribe(seen.append)
    publish(bus, make_event(1))
    unsubscribe()
    publish(bus, make_event(2))
    assert [e.queue_size for e in seen] == [1]
    assert bus.unsubscribe(seen.append) is False
    assert bus.subscribers == ()


def test_cancellation_propagates_and_is_not_a_failure():
    bus = FeedbackBus()

    async def cancelled(_event):
        raise asyncio.CancelledError

    bus.subscribe(cancelled)
    with pytest.raises(asyncio.CancelledError):
        publish(bus, make_event())
    assert bus.failures == 0
