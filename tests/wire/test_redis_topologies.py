"""The publisher and the reader on every Redis topology, against real servers on loopback: a
master with two replicas behind three sentinels (``redis+sentinel://`` or a ``Sentinel``
client), a three-node cluster (``redis+cluster://`` or a ``RedisCluster`` client), and
durable publishes confirmed by ``WAIT``, including across a ``kill -9`` of the master.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import redis
import redis.asyncio as aioredis
from market_data_core.telemetry import FeedbackEvent as CoreFeedbackEvent
from redis.asyncio.cluster import ClusterNode, RedisCluster
from redis.asyncio.retry import Retry
from redis.asyncio.sentinel import Sentinel
from redis.backoff import NoBackoff

from market_data_store_contracts import FeedbackEvent
from market_data_store_contracts.errors import StoreContractsError
from market_data_store_contracts.transport import (
    PublishError,
    RedisFeedbackPublisher,
    ReplicasNotConfirmed,
    read_feedback,
)
from market_data_store_contracts.transport._urls import display_url, parse_redis_nodes

from .crashes import event, numbers_in, publish_through_a_failover
from .servers import RedisServer, closed_port
from .topologies import ClusterNodes, Node, SentinelSet


@contextlib.asynccontextmanager
async def sentinel_client(topology: SentinelSet) -> AsyncIterator[aioredis.Redis]:
    """A caller's client of the master the sentinels name, closed with its sentinel clients."""
    sentinel = Sentinel(topology.sentinel_addresses, socket_timeout=2)
    client = sentinel.master_for(topology.service, socket_timeout=2, retry=Retry(NoBackoff(), 0))
    try:
        yield client
    finally:
        await client.aclose()
        for each in sentinel.sentinels:
            await each.aclose()


def cluster_client(cluster: ClusterNodes) -> RedisCluster:
    return RedisCluster(
        startup_nodes=[ClusterNode("127.0.0.1", node.port) for node in cluster.nodes],
        retry=Retry(NoBackoff(), 0),
    )


# --- URL forms --------------------------------------------------------------------------------


def test_a_sentinel_url_names_the_sentinels_the_master_and_the_database() -> None:
    nodes = parse_redis_nodes("redis+sentinel://user:p%40ss@s1:26380,s2,[::1]:26381/feedback/2")
    assert nodes is not None
    assert (nodes.kind, nodes.service, nodes.db) == ("sentinel", "feedback", 2)
    assert nodes.hosts == (("s1", 26380), ("s2", 26379), ("::1", 26381))
    assert (nodes.username, nodes.password) == ("user", "p@ss")
    assert "p@ss" not in repr(nodes)


def test_a_cluster_url_names_some_nodes_and_database_0_only() -> None:
    nodes = parse_redis_nodes("redis+cluster://:secret@n1:7000,n2/0")
    assert nodes is not None
    assert (nodes.kind, nodes.hosts, nodes.db) == ("cluster", (("n1", 7000), ("n2", 6379)), 0)
    assert nodes.password == "secret"
    assert parse_redis_nodes("redis://n1:6379/0") is None


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("redis+sentinel://u:secret@s1:1,s2:2/feedback", "redis+sentinel://s1:1,s2:2/feedback"),
        ("redis+cluster://:secret@n1:7000", "redis+cluster://n1:7000"),
        ("redis+cluster://u:sec/ret@n1:7000", "redis+cluster://n1:7000"),  # "/" unencoded
    ],
)
def test_a_topology_url_is_shown_without_credentials(url: str, shown: str) -> None:
    assert display_url(url) == shown
    publisher = RedisFeedbackPublisher(url)
    assert "secret" not in repr(publisher)
    assert "sec/ret" not in repr(publisher)


def test_anything_but_a_url_or_a_redis_asyncio_client_is_refused() -> None:
    with pytest.raises(TypeError, match=r"a Redis URL or a redis\.asyncio client"):
        RedisFeedbackPublisher(redis.Redis())  # type: ignore[arg-type]  # the sync client
    with pytest.raises(TypeError, match=r"a Redis URL or a redis\.asyncio client"):
        read_feedback(42)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"replicas": -1}, ValueError, "replicas must be 0 or more"),
        ({"replicas": True}, TypeError, "replicas must be an int"),
        ({"replica_timeout": 0}, ValueError, "replica_timeout must be a finite number"),
        ({"replica_timeout": float("inf")}, ValueError, "replica_timeout must be a finite"),
    ],
)
def test_bad_durability_settings_are_refused_at_construction(
    kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        RedisFeedbackPublisher(**kwargs)


@pytest.mark.parametrize(
    "form",
    [
        "redis+sentinel://u:s3cret@127.0.0.1:{port}/feedback",
        "redis+cluster://u:s3cret@127.0.0.1:{port}",
    ],
)
def test_an_unreachable_topology_is_retried_and_the_error_never_shows_the_password(
    form: str,
) -> None:
    """No sentinel (redis-py: MasterNotFoundError) or no cluster node
    (RedisClusterUnreachableError) answers: both are retried like a refused connection, and
    the error names the URL without its credentials."""
    url = form.format(port=closed_port())
    publisher = RedisFeedbackPublisher(url, retries=2, backoff=0.01, timeout=0.5)

    async def go() -> None:
        async with publisher:
            await publisher.publish(event(1))

    with pytest.raises(PublishError) as caught:
        asyncio.run(go())
    assert caught.value.failures[0].attempts == 3
    assert (publisher.failed, publisher.retried) == (1, 2)
    assert str(caught.value).startswith(f"feedback event not published: {display_url(url)} ")
    assert "s3cret" not in str(caught.value)
    assert "s3cret" not in repr(caught.value.failures)


# --- Sentinel ---------------------------------------------------------------------------------


def test_a_sentinel_url_publishes_to_the_master_and_reads_back(
    sentinel_set: SentinelSet, stream: str
) -> None:
    async def go() -> list[int]:
        async with RedisFeedbackPublisher(sentinel_set.url, stream=stream) as publisher:
            for number in range(5):
                await publisher.publish(event(number))
        reader = read_feedback(sentinel_set.url, stream=stream)
        return [entry.event.queue_size async for entry in reader]

    assert asyncio.run(go()) == list(range(5))
    assert numbers_in(sentinel_set.node_at(sentinel_set.master_port()), stream) == list(range(5))


def test_with_replicas_publish_returns_once_the_replicas_hold_the_entry(
    sentinel_set: SentinelSet, stream: str
) -> None:
    """``replicas=2``: when publish returns, both replicas already have the entry (read from
    the replicas themselves, right away, with no waiting)."""

    async def go() -> RedisFeedbackPublisher:
        async with RedisFeedbackPublisher(sentinel_set.url, stream=stream, replicas=2) as publisher:
            for number in range(20):
                await publisher.publish(event(number))
                for replica in sentinel_set.replicas:
                    assert numbers_in(replica, stream)[-1] == number
        return publisher

    publisher = asyncio.run(go())
    assert (publisher.published, publisher.sent, publisher.failed) == (20, 20, 0)


def test_a_client_passed_in_stays_the_callers(sentinel_set: SentinelSet, stream: str) -> None:
    async def go() -> tuple[list[int], bool, str]:
        async with sentinel_client(sentinel_set) as client:
            publisher = RedisFeedbackPublisher(client, stream=stream, replicas=1)
            async with publisher:
                await publisher.publish(event(1))
            reader = read_feedback(client, stream=stream)
            numbers = [entry.event.queue_size async for entry in reader]
            await reader.aclose()
            return numbers, bool(await client.ping()), repr(publisher)  # still open

    numbers, alive, shown = asyncio.run(go())
    assert numbers == [1]
    assert alive
    sentinels = ",".join(f"127.0.0.1:{port}" for _, port in sentinel_set.sentinel_addresses)
    name = f"redis+sentinel://{sentinels}/{sentinel_set.service} stream {stream!r}"
    assert shown == f"RedisFeedbackPublisher({name!r})"


def test_replicas_that_do_not_exist_fail_the_publish_within_about_replica_timeout(
    redis_server: RedisServer, stream: str
) -> None:
    """A lone master: ``WAIT 1`` sees no replica. The entry is on the master, unconfirmed; the
    error says so, and it is not retried (a retry would add it again)."""

    async def go() -> tuple[PublishError, float, RedisFeedbackPublisher]:
        async with RedisFeedbackPublisher(
            redis_server.url, stream=stream, replicas=1, replica_timeout=0.3
        ) as publisher:
            start = time.monotonic()
            with pytest.raises(PublishError) as caught:
                await publisher.publish(event(7))
            return caught.value, time.monotonic() - start, publisher

    error, took, publisher = asyncio.run(go())
    assert 0.3 <= took < 1.5
    assert isinstance(error.error, ReplicasNotConfirmed)
    assert isinstance(error.error, StoreContractsError)  # under the package's one root
    assert (error.error.confirmed, error.error.wanted) == (0, 1)
    assert "WAIT saw 0 of 1 replicas confirm it within 0.3 s: it may exist unconfirmed" in str(
        error
    )
    assert (publisher.published, publisher.sent, publisher.failed, publisher.retried) == (
        1,
        0,
        1,
        0,
    )
    with redis.Redis.from_url(redis_server.url) as client:
        assert client.xlen(stream) == 1  # added, unconfirmed


def test_a_sentinel_failover_loses_no_event_whose_publish_returned(
    redis_binary: str, tmp_path: Path
) -> None:
    """Publish with ``replicas=1`` while the master is killed with -9. The sentinels promote a
    replica; publishing resumes on it; every event whose publish returned is in the stream
    on the new master. An event whose publish raised may or may not be there."""
    with SentinelSet(redis_binary, tmp_path) as topology:
        returned, raised, stored, publisher = asyncio.run(
            asyncio.wait_for(publish_through_a_failover(topology, "failover", 30), 60)
        )
    assert returned[:30] == list(range(1, 31))
    assert returned[-1] > 30, "no publish returned after the failover"
    assert set(returned) <= set(stored)
    assert set(stored) <= set(returned) | set(raised)
    assert len(stored) - len(set(stored)) <= publisher.retried


# --- Cluster ----------------------------------------------------------------------------------


def test_a_hundred_events_through_a_cluster_client_come_back_in_order_and_valid(
    redis_cluster: ClusterNodes, stream: str, core_schema: jsonschema.Draft202012Validator
) -> None:
    published = [event(number) for number in range(100)]

    async def go() -> tuple[list[FeedbackEvent], list[bytes]]:
        client = cluster_client(redis_cluster)
        try:
            async with RedisFeedbackPublisher(client, stream=stream) as publisher:
                for item in published:
                    await publisher.publish(item)
            nodes = ",".join(sorted(f"127.0.0.1:{node.port}" for node in redis_cluster.nodes))
            assert repr(publisher) == repr(
                RedisFeedbackPublisher(f"redis+cluster://{nodes}", stream=stream)
            )  # a client passed in is named like the URL that would build it
            reader = read_feedback(client, stream=stream, count=7)
            got = [entry.event async for entry in reader]
            raw: Any = await client.xrange(stream)
            return got, [fields[b"event"] for _, fields in raw]
        finally:
            await client.aclose()

    got, bodies = asyncio.run(go())
    assert got == published
    for body in bodies:
        CoreFeedbackEvent.model_validate_json(body)
        core_schema.validate(json.loads(body))


def test_on_a_cluster_wait_is_answered_by_the_streams_own_node_and_its_replica(
    redis_cluster: ClusterNodes, stream: str
) -> None:
    """Each master has one replica. ``replicas=1``: when publish returns, the replica of the
    master holding the stream has the entry. With that replica frozen (SIGSTOP) while the
    others run, ``WAIT 1`` on the stream's node sees no replica and the publish raises; sent
    to any other node (where a keyless command goes by default) it would see one. The stream
    is put on a node that is not the client's default node, so that difference shows."""

    async def go() -> PublishError:
        client = cluster_client(redis_cluster)
        try:
            await client.initialize()
            default = client.get_default_node().port
            key = next(
                f"{stream}:{{{n}}}"
                for n in range(100)
                if client.get_node_from_key(f"{stream}:{{{n}}}").port != default
            )
            holder = client.get_node_from_key(key).port
            [index] = [i for i, node in enumerate(redis_cluster.nodes) if node.port == holder]
            [replica] = redis_cluster.replicas[index]
            assert replica.process is not None
            async with RedisFeedbackPublisher(client, stream=key, replicas=1) as publisher:
                for number in range(3):
                    await publisher.publish(event(number))
                    assert numbers_on_replica(replica, key)[-1] == number
            impatient = RedisFeedbackPublisher(client, stream=key, replicas=1, replica_timeout=0.2)
            os.kill(replica.process.pid, signal.SIGSTOP)
            try:
                with pytest.raises(PublishError) as caught:
                    await impatient.publish(event(3))
            finally:
                os.kill(replica.process.pid, signal.SIGCONT)
            await impatient.aclose()
            return caught.value
        finally:
            await client.aclose()

    error = asyncio.run(go())
    assert isinstance(error.error, ReplicasNotConfirmed)
    assert (error.error.confirmed, error.error.wanted) == (0, 1)


def test_a_cluster_publish_whose_slot_moved_meanwhile_is_not_called_confirmed(
    redis_cluster: ClusterNodes, stream: str
) -> None:
    """The stream's slot is migrated to another master after the client learnt the layout.
    The next publish's pipeline goes to the old master: redis-py follows the MOVED and adds
    the entry on the new one, while ``WAIT`` ran on the old one, where it counts that node's
    replica for that connection's earlier writes. Nothing confirmed this entry: the publish
    raises; the next one, on the new master, is confirmed."""

    async def go() -> tuple[PublishError, list[int]]:
        client = cluster_client(redis_cluster)
        try:
            async with RedisFeedbackPublisher(client, stream=stream, replicas=1) as publisher:
                await publisher.publish(event(1))
                old = redis_cluster.holder_of(stream)
                new = next(node for node in redis_cluster.nodes if node is not old)
                await asyncio.to_thread(redis_cluster.move_slot_of, stream, new)
                with pytest.raises(PublishError) as caught:
                    await publisher.publish(event(2))
                await publisher.publish(event(3))
            reader = read_feedback(client, stream=stream)
            return caught.value, [entry.event.queue_size async for entry in reader]
        finally:
            await client.aclose()

    error, numbers = asyncio.run(go())
    assert isinstance(error.error, ReplicasNotConfirmed)
    assert numbers == [1, 2, 3]  # the unconfirmed entry was added all the same


def numbers_on_replica(replica: Node, stream: str) -> list[int]:
    """The stream as a cluster replica holds it (``READONLY``: a replica serves reads)."""
    with replica.client() as client:
        client.execute_command("READONLY")
        entries: Any = client.xrange(stream)
    return [json.loads(fields[b"event"])["queue_size"] for _, fields in entries]


def test_one_stream_per_coordinator_with_a_hash_tag_spreads_over_the_shards(
    redis_cluster: ClusterNodes, stream: str
) -> None:
    """``market-data:{<coordinator>}:feedback``: the hash tag picks the slot, so each
    coordinator's stream lives whole on one shard and different coordinators spread out."""
    coordinators = [f"bars-{n}" for n in range(12)]

    def stream_of(coordinator: str) -> str:
        return f"{stream}:{{{coordinator}}}:feedback"  # as market-data:{bars-1}:feedback

    async def go() -> dict[str, list[int]]:
        read: dict[str, list[int]] = {}
        for coordinator in coordinators:
            async with RedisFeedbackPublisher(
                redis_cluster.url, stream=stream_of(coordinator)
            ) as publisher:
                for number in range(3):
                    await publisher.publish(event(number, coordinator))
            reader = read_feedback(redis_cluster.url, stream=stream_of(coordinator))
            read[coordinator] = [entry.event.queue_size async for entry in reader]
        return read

    assert asyncio.run(go()) == {coordinator: [0, 1, 2] for coordinator in coordinators}
    holders = set()
    for coordinator in coordinators:
        node = redis_cluster.holder_of(stream_of(coordinator))
        assert numbers_in(node, stream_of(coordinator)) == [0, 1, 2]  # whole on one node
        holders.add(node.port)
    assert len(holders) > 1
