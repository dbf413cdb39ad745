"""Random streams of good and bad entries: ``read_feedback`` never stops on a bad one.

A strategy mixes Store events with entries that are not events (random bytes, random text,
random JSON values and objects, events with a field broken or missing, entries without an
``event`` field) and writes them to a real Redis stream. Whatever the mix, the reader yields
exactly the good events, in order, with their entry ids, and counts every other entry as
skipped: ``read + skipped == entries``. A small ``count`` makes it cross many XREAD batches.
"""

from __future__ import annotations

import asyncio
import json
import os
from typing import Any

import redis.asyncio as aioredis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from market_data_store_contracts import FeedbackEvent
from market_data_store_contracts.transport import read_feedback

from .servers import RedisServer

DEEP = os.environ.get("HYPOTHESIS_PROFILE") == "deep"

events = st.builds(
    FeedbackEvent.create,
    coordinator_id=st.text(min_size=1, max_size=8).filter(lambda s: s.isprintable()),
    queue_size=st.integers(0, 10_000),
    capacity=st.integers(1, 10_000),
    level=st.sampled_from(["ok", "soft", "hard"]),
    reason=st.none() | st.text(max_size=8).filter(lambda s: s.isprintable()),
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)


@st.composite
def broken_events(draw: st.DrawFn) -> bytes:
    """A good event's JSON with one field removed or replaced by a value of another type."""
    document = json.loads(draw(events).model_dump_json())
    key = draw(st.sampled_from(["coordinator_id", "queue_size", "capacity", "level", "ts"]))
    if draw(st.booleans()):
        del document[key]
    else:
        document[key] = draw(st.sampled_from([None, [], {}, True]))  # wrong for every field
    return json.dumps(document).encode()


bad_payloads = st.one_of(
    st.binary(max_size=20),
    st.text(max_size=20).map(str.encode),
    json_values.map(lambda value: json.dumps(value).encode()),
    broken_events(),
)

entries = st.lists(
    st.one_of(
        events.map(lambda event: ("good", event)),
        bad_payloads.map(lambda payload: ("bad", {"event": payload})),
        st.just(("bad", {"other": b"no event field"})),
    ),
    max_size=25,
)


async def write_and_read(url: str, stream: str, items: list[tuple[str, Any]]) -> Any:
    client = aioredis.Redis.from_url(url)
    try:
        await client.delete(stream)
        ids = []
        for kind, item in items:
            fields = {"event": item.model_dump_json()} if kind == "good" else item
            ids.append((await client.xadd(stream, fields)).decode())
    finally:
        await client.aclose()
    reader = read_feedback(url, stream=stream, count=4)
    got = [entry async for entry in reader]
    return ids, got, reader.read, reader.skipped


@settings(
    max_examples=300 if DEEP else 25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(items=entries)
def test_the_reader_yields_exactly_the_good_events_and_counts_the_rest(
    redis_server: RedisServer, items: list[tuple[str, Any]]
) -> None:
    ids, got, read, skipped = asyncio.run(write_and_read(redis_server.url, "generated", items))
    good = [
        (entry_id, item)
        for entry_id, (kind, item) in zip(ids, items, strict=True)
        if kind == "good"
    ]
    assert [(entry.entry_id, entry.event) for entry in got] == good
    assert read == len(good)
    assert read + skipped == len(items)
