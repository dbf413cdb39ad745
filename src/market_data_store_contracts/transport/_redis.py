"""Feedback events into a Redis stream: ``RedisFeedbackPublisher``."""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Callable
from typing import Any

from market_data_core.telemetry import FeedbackEvent as CoreFeedbackEvent
from redis.exceptions import ClusterDownError, RedisClusterException, RedisError, TryAgainError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from ..errors import StoreContractsError
from ._base import CountingPublisher
from ._errors import DeliveryFailure, PublishError
from ._payload import schema_id
from ._redis_clients import RedisClient, check_stream, open_client
from ._retry import backoff_delay, check_policy, default_uniform
from ._urls import DEFAULT_STREAM

__all__ = ["DEFAULT_STREAM", "RedisFeedbackPublisher", "ReplicasNotConfirmed"]

logger = logging.getLogger("market_data_store_contracts.transport")

#: Errors after which an attempt is made again: the connection failed or timed out (the entry
#: may have been added: a retry can add it twice), or a cluster refused the command while its
#: topology changes (unreachable, a slot not covered, CLUSTERDOWN, TRYAGAIN: nothing added).
_TRANSIENT = (
    RedisConnectionError,
    RedisTimeoutError,
    OSError,
    RedisClusterException,
    ClusterDownError,
    TryAgainError,
)


class ReplicasNotConfirmed(StoreContractsError):
    """``WAIT`` returned before enough replicas confirmed an entry the master added.

    The entry is in the master's stream and may still reach the replicas, or be lost if the
    master fails first: it may exist unconfirmed. Never retried (a retry would add it again).
    """

    def __init__(self, entry_id: str, confirmed: int, wanted: int, timeout: float) -> None:
        super().__init__(entry_id, confirmed, wanted, timeout)
        self.entry_id = entry_id
        self.confirmed = confirmed
        self.wanted = wanted
        self.timeout = timeout

    def __str__(self) -> str:
        return (
            f"entry {self.entry_id} was added, but WAIT saw {self.confirmed} of {self.wanted} "
            f"replicas confirm it within {self.timeout:g} s: it may exist unconfirmed"
        )


def _check_replicas(replicas: object, replica_timeout: object) -> None:
    if isinstance(replicas, bool) or not isinstance(replicas, int):
        raise TypeError(f"replicas must be an int, not {type(replicas).__name__}")
    if replicas < 0:
        raise ValueError(f"replicas must be 0 or more, got {replicas}")
    if isinstance(replica_timeout, bool) or not isinstance(replica_timeout, int | float):
        raise TypeError(
            f"replica_timeout must be a number of seconds, not {type(replica_timeout).__name__}"
        )
    if not math.isfinite(replica_timeout) or replica_timeout <= 0:
        raise ValueError(
            f"replica_timeout must be a finite number of seconds > 0, got {replica_timeout!r}"
        )


class RedisFeedbackPublisher(CountingPublisher):
    """``XADD``s every published event to a Redis stream; a ``market_data_core.FeedbackPublisher``.

    ``url`` is a Redis URL (``redis://``, ``rediss://``, ``unix://``, ``redis+sentinel://``,
    ``redis+cluster://``) or a ready ``redis.asyncio`` client (``Redis``, including
    ``Sentinel(...).master_for(name)``, or ``RedisCluster``). A client passed in stays the
    caller's: :meth:`aclose` does not close it, and its own retry settings apply under the
    publisher's (give it ``retry=Retry(NoBackoff(), 0)`` to count every retry here).

    Each entry has two fields: ``event``, exactly ``event.model_dump_json()``, and ``schema``,
    the ``$id`` of the contract it was checked against (``store.FeedbackEvent``'s for a Store
    event, ``core.FeedbackEvent``'s for a Core one). The stream is trimmed to about ``maxlen``
    entries (``MAXLEN ~``, which Redis does cheaply in whole nodes; ``None`` never trims).

    ``publish`` returns only once Redis answered the ``XADD``, and with ``replicas=N`` only
    once ``WAIT N`` (sent on the same connection, in the same round trip) saw ``N`` replicas
    confirm it within ``replica_timeout`` seconds; otherwise it raises :class:`PublishError`
    (for too few replicas its ``error`` is a :class:`ReplicasNotConfirmed`: the entry may
    exist unconfirmed, and it is not retried). A connection error, a timeout, or a cluster
    refusing the command while its topology changes (unreachable, ``CLUSTERDOWN``,
    ``TRYAGAIN``) is retried up to ``retries`` times with jittered exponential backoff
    (counted in ``retried``); after a
    Redis restart or a Sentinel failover the next attempt reconnects to the master of the
    moment. An error Redis answered (a wrong type at the key, out of memory) is final. A retry
    after a timeout may add the event twice: that is what ``retried`` counts.
    """

    def __init__(
        self,
        url: str | RedisClient = "redis://127.0.0.1:6379/0",
        *,
        stream: str = DEFAULT_STREAM,
        maxlen: int | None = 100_000,
        timeout: float = 2.0,
        retries: int = 3,
        backoff: float = 0.1,
        max_delay: float = 10.0,
        replicas: int = 0,
        replica_timeout: float = 1.0,
        uniform: Callable[[float, float], float] = default_uniform,
    ) -> None:
        self._stream = check_stream(stream)
        if maxlen is not None and (
            isinstance(maxlen, bool) or not isinstance(maxlen, int) or maxlen < 1
        ):
            raise ValueError(f"maxlen must be a positive int or None, got {maxlen!r}")
        check_policy(timeout=timeout, retries=retries, backoff=backoff, max_delay=max_delay)
        _check_replicas(replicas, replica_timeout)
        self._maxlen = maxlen
        self._retries = retries
        self._backoff = backoff
        self._max_delay = max_delay
        self._replicas = replicas
        self._replica_timeout = replica_timeout
        self._wait_ms = max(1, round(replica_timeout * 1000))  # WAIT 0 would wait forever
        self._uniform = uniform
        # The socket must outwait WAIT, or a slow confirmation reads as a dead connection.
        self._handle = open_client(url, timeout + (replica_timeout if replicas else 0.0))
        self._name = f"{self._handle.name} stream {stream!r}"
        super().__init__()

    def __repr__(self) -> str:
        return f"RedisFeedbackPublisher({self._name!r})"

    @property
    def stream(self) -> str:
        return self._stream

    @property
    def replicas(self) -> int:
        """Replicas that must confirm each entry before :meth:`publish` returns."""
        return self._replicas

    async def _close_client(self) -> None:
        await self._handle.aclose()

    async def publish(self, event: CoreFeedbackEvent) -> None:
        """``XADD`` ``event``; raise :class:`PublishError` unless Redis acknowledged it (and
        ``replicas`` replicas confirmed it).

        ``TypeError`` for a non-event, ``ValueError`` for an event whose JSON its contract
        rejects; neither is counted, nothing is sent.
        """
        payload, store = self._accept(event)
        fields: dict[Any, Any] = {"event": payload, "schema": schema_id(store)}
        await self._failed_if_cancelled(self._add(fields))

    async def _xadd(self, fields: dict[Any, Any]) -> None:
        """One attempt: ``XADD``, then ``WAIT`` on the same connection when asked to."""
        client = self._handle.client
        if not self._replicas:
            await client.xadd(self._stream, fields, maxlen=self._maxlen, approximate=True)
            return
        # WAIT counts the replicas that have this connection's last write, so it must follow
        # the XADD on the same connection: a pipeline (not MULTI, where WAIT returns at once)
        # sends both on one connection, in one round trip.
        pipe: Any = client.pipeline(transaction=False)
        pipe.xadd(self._stream, fields, maxlen=self._maxlen, approximate=True)
        node: Any = None
        if self._handle.cluster:
            cluster: Any = self._handle.client
            await cluster.initialize()  # loads the slots once; the node of the key needs them
            node = cluster.get_node_from_key(self._stream)
            pipe.execute_command("WAIT", self._replicas, self._wait_ms, target_nodes=node)
        else:
            pipe.wait(self._replicas, self._wait_ms)
        raw_id, confirmed = await pipe.execute()
        if node is not None and cluster.get_node_from_key(self._stream).name != node.name:
            # The slot moved while the pipeline ran (a client that follows MOVED re-sent the
            # XADD elsewhere): this WAIT confirmed nothing about the entry.
            confirmed = 0
        if confirmed < self._replicas:
            entry_id = raw_id.decode() if isinstance(raw_id, bytes) else str(raw_id)
            raise ReplicasNotConfirmed(
                entry_id, int(confirmed), self._replicas, self._replica_timeout
            )

    async def _add(self, fields: dict[Any, Any]) -> None:
        attempt = 0
        while True:
            attempt += 1
            note: str | None = None
            try:
                await self._xadd(fields)
            except _TRANSIENT as error:
                if attempt <= self._retries:
                    delay = backoff_delay(self._backoff, attempt, self._max_delay, self._uniform)
                    logger.debug(
                        "XADD to %s failed (%r); retry %d in %.3f s",
                        self._name,
                        error,
                        attempt,
                        delay,
                    )
                    await asyncio.sleep(delay)
                    if not self._closed:  # a retry would reconnect the closed client
                        self._retried += 1
                        continue
                    note = "closed while waiting to retry"
                last: BaseException = error
            except (RedisError, ReplicasNotConfirmed) as error:
                last = error
            else:
                self._sent += 1
                return
            self._failed += 1
            failure = DeliveryFailure(self._name, attempt, None, last, note)
            logger.warning("feedback event not published: %s", failure)
            raise PublishError([failure]) from last
