"""A redis-py asyncio client for any Redis topology, and who owns it.

The publisher and the reader take a URL (one of the five forms of :mod:`._urls`) or a ready
client: ``redis.asyncio.Redis`` (``Sentinel(...).master_for(name)`` gives one too) or
``redis.asyncio.cluster.RedisCluster``. A client built here from a URL never retries on its
own (``Retry(NoBackoff(), 0)``), so every retry is the publisher's and is counted; it is
closed with the publisher or reader. A client passed in keeps its own settings and stays
the caller's: closing the publisher or reader leaves it open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import redis.asyncio as aioredis
from redis.asyncio.cluster import ClusterNode, RedisCluster
from redis.asyncio.retry import Retry
from redis.asyncio.sentinel import Sentinel, SentinelConnectionPool
from redis.backoff import NoBackoff

from ._urls import check_redis_url, display_url, parse_redis_nodes

__all__ = ["RedisClient", "RedisHandle", "check_stream", "open_client"]

#: What may stand where a URL does.
RedisClient = aioredis.Redis | RedisCluster


@dataclass
class RedisHandle:
    """A client, whether closing is ours, and a name for it without credentials."""

    client: RedisClient
    owned: bool
    name: str
    #: Clients opened along with ``client`` (a Sentinel's connections to the sentinels).
    also: list[aioredis.Redis] = field(default_factory=list)

    @property
    def cluster(self) -> bool:
        return isinstance(self.client, RedisCluster)

    async def aclose(self) -> None:
        """Close the client and what was opened with it; nothing for a client passed in."""
        if self.owned:
            await self.client.aclose()
            for client in self.also:
                await client.aclose()


def check_stream(stream: object) -> str:
    """``stream`` if it is a non-empty string (a stream key; on a cluster a hash tag such as
    ``market-data:{bars-1}:feedback`` picks its slot)."""
    if not isinstance(stream, str) or not stream:
        raise ValueError(f"stream must be a non-empty string, got {stream!r}")
    return stream


def _no_retries() -> Retry:
    return Retry(NoBackoff(), 0)


def open_client(target: object, timeout: float) -> RedisHandle:
    """A :class:`RedisHandle` for a URL (a new client, ours) or a client (the caller's).

    ``timeout`` is the socket timeout of a new client. ``TypeError`` for anything else,
    ``ValueError`` for a URL that is not a Redis one (never quoting its credentials).
    """
    if isinstance(target, aioredis.Redis | RedisCluster):
        return RedisHandle(target, owned=False, name=describe(target))
    if not isinstance(target, str):
        raise TypeError(
            "expected a Redis URL or a redis.asyncio client (Redis or RedisCluster), "
            f"not {type(target).__name__}"
        )
    url = check_redis_url(target)
    nodes = parse_redis_nodes(url)
    if nodes is None:
        client = aioredis.Redis.from_url(
            url, retry=_no_retries(), socket_timeout=timeout, socket_connect_timeout=timeout
        )
        return RedisHandle(client, owned=True, name=display_url(url))
    if nodes.kind == "cluster":
        cluster = RedisCluster(
            startup_nodes=[ClusterNode(host, port) for host, port in nodes.hosts],
            retry=_no_retries(),
            username=nodes.username,
            password=nodes.password,
            socket_timeout=timeout,
            socket_connect_timeout=timeout,
        )
        return RedisHandle(cluster, owned=True, name=display_url(url))
    assert nodes.service is not None
    sockets = {"socket_timeout": timeout, "socket_connect_timeout": timeout}
    sentinel = Sentinel(nodes.hosts, sentinel_kwargs={**sockets, "retry": _no_retries()})
    master = sentinel.master_for(
        nodes.service,
        db=nodes.db,
        retry=_no_retries(),
        username=nodes.username,
        password=nodes.password,
        socket_timeout=timeout,
        socket_connect_timeout=timeout,
    )
    return RedisHandle(master, owned=True, name=display_url(url), also=sentinel.sentinels)


def describe(client: RedisClient) -> str:
    """A URL-like name of a client passed in, without its credentials."""
    if isinstance(client, RedisCluster):
        startup = getattr(client.nodes_manager, "startup_nodes", {})
        return "redis+cluster://" + ",".join(sorted(startup)) if startup else "redis+cluster"
    pool: Any = client.connection_pool
    if isinstance(pool, SentinelConnectionPool):
        sentinels = ",".join(
            f"{kwargs.get('host')}:{kwargs.get('port')}"
            for kwargs in (
                s.connection_pool.connection_kwargs for s in pool.sentinel_manager.sentinels
            )
        )
        return f"redis+sentinel://{sentinels}/{pool.service_name}"
    kwargs = pool.connection_kwargs
    if "path" in kwargs:
        return f"unix://{kwargs['path']}"
    host, port = kwargs.get("host", "localhost"), kwargs.get("port", 6379)
    return f"redis://{host}:{port}/{kwargs.get('db', 0)}"
