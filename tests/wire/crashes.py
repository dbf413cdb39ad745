"""Crashes on demand for the Redis tests: a consumer process killed with -9 while it holds an
entry, and a master killed with -9 while a publisher confirms every entry with ``WAIT``.

Each returns what each side saw, for the tests to hold against at-least-once delivery:
nothing acknowledged is lost, and duplicates stay within what was in flight.
"""

from __future__ import annotations

import asyncio
import json
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import redis

from market_data_store_contracts import FeedbackEvent
from market_data_store_contracts.transport import (
    PublishError,
    RedisFeedbackPublisher,
    read_feedback,
)

from .topologies import Node, SentinelSet, kill_at_exit

CONSUMER = Path(__file__).with_name("group_consumer.py")

#: (entry id, the event's queue_size) as a consumer was given it
Seen = list[tuple[str, int]]


def event(number: int, coordinator: str = "bars-1") -> FeedbackEvent:
    return FeedbackEvent.create(coordinator, number, 1000, "soft", reason="high_watermark")


async def publish(url: str, stream: str, numbers: range | list[int]) -> None:
    async with RedisFeedbackPublisher(url, stream=stream) as publisher:
        for number in numbers:
            await publisher.publish(event(number))


def pending(url: str, stream: str, group: str) -> dict[str, str]:
    """Entry id -> consumer, for every entry pending in ``group``."""
    with redis.Redis.from_url(url) as client:
        rows: Any = client.xpending_range(stream, group, "-", "+", 1000)
    return {row["message_id"].decode(): row["consumer"].decode() for row in rows}


def numbers_in(node: Node, stream: str) -> list[int]:
    """The queue sizes of the events in ``stream`` on ``node``, in stream order."""
    with node.client() as client:
        entries: Any = client.xrange(stream)
    return [json.loads(fields[b"event"])["queue_size"] for _, fields in entries]


class ConsumerProcess:
    """``group_consumer.py`` in its own interpreter, its output read by a thread so that
    waiting for it is bounded."""

    def __init__(self, url: str, stream: str, group: str, consumer: str, hold_at: int, count: int):
        argv = [sys.executable, str(CONSUMER), url, stream, group, consumer, str(hold_at)]
        self.process = subprocess.Popen(
            [*argv, str(count)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        kill_at_exit(self.process)  # it sleeps an hour holding its entry: never leave it
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line)
        self._lines.put(None)

    def given(self, count: int, seconds: float = 20) -> Seen:
        """The first ``count`` entries it was given; ``AssertionError`` if it dies or takes
        longer than ``seconds``."""
        seen: Seen = []
        while len(seen) < count:
            try:
                line = self._lines.get(timeout=seconds)
            except queue.Empty:
                raise AssertionError(f"the consumer was given {seen} in {seconds} s") from None
            if line is None:
                raise AssertionError(f"the consumer exited after {seen}: {self.stderr()}")
            entry_id, number = line.split()
            seen.append((entry_id, int(number)))
        return seen

    def stderr(self) -> str:
        assert self.process.stderr is not None
        return self.process.stderr.read()[-2000:]

    def kill(self) -> None:
        """``kill -9``: nothing is acknowledged on the way out."""
        self.process.kill()
        self.process.wait(10)
        for pipe in (self.process.stdout, self.process.stderr):
            if pipe is not None:
                pipe.close()


def crash_and_recover(
    url: str, stream: str, total: int, hold_at: int, count: int, claim_idle: float = 0.3
) -> tuple[Seen, Seen]:
    """Publish ``total`` events; a consumer process (group ``g``) is given ``hold_at`` of them
    and is killed (-9) holding the last; a second consumer of the group then reads until every
    event not acknowledged by the first was given to it. What each consumer was given."""
    asyncio.run(publish(url, stream, range(total)))
    consumer = ConsumerProcess(url, stream, "g", "doomed", hold_at, count)
    try:
        dead = consumer.given(hold_at)
    finally:
        consumer.kill()

    async def recover() -> Seen:
        await asyncio.sleep(claim_idle)
        reader = read_feedback(
            url, stream=stream, group="g", consumer="survivor", claim_idle=claim_idle,
            follow=True, block=0.05,
        )  # fmt: skip
        seen: Seen = []
        wanted = set(range(total)) - {number for _, number in dead[:-1]}
        async with reader:
            async for entry in reader:
                seen.append((entry.entry_id, entry.event.queue_size))
                if wanted <= {number for _, number in seen}:
                    break
        return seen

    return dead, asyncio.run(asyncio.wait_for(recover(), 30))


async def publish_through_a_failover(
    topology: SentinelSet, stream: str, before: int
) -> tuple[list[int], list[int], list[int], RedisFeedbackPublisher]:
    """Publish ``before`` events with ``replicas=1``, kill the master (-9), go on publishing
    until one returns after the failover. The numbers whose publish returned, those whose
    publish raised, those in the new master's stream, and the publisher."""
    returned: list[int] = []
    raised: list[int] = []
    old = topology.master_port()
    publisher = RedisFeedbackPublisher(
        topology.url,
        stream=stream,
        replicas=1,
        replica_timeout=1.0,
        timeout=0.5,
        retries=12,
        backoff=0.05,
        max_delay=0.5,
    )

    async def kill() -> None:
        await asyncio.to_thread(topology.node_at(old).kill)

    async with publisher:
        if before == 0:
            await kill()
        number = 0
        while not (returned and returned[-1] > before):
            number += 1
            try:
                await publisher.publish(event(number))
            except PublishError:
                raised.append(number)
            else:
                returned.append(number)
            if number == before:
                await kill()
            if number > before + 200:
                raise AssertionError("publishing did not resume after the failover")
    new = await asyncio.to_thread(topology.wait_for_failover, old)
    return returned, raised, numbers_in(new, stream), publisher
