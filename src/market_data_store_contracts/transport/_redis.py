"""Feedback events in a Redis stream: ``RedisFeedbackPublisher`` and ``read_feedback``."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable
from typing import Any, Generic, NamedTuple, TypeVar

import redis.asyncio as aioredis
from market_data_core.telemetry import FeedbackEvent as CoreFeedbackEvent
from pydantic import ValidationError
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .._generated import FeedbackEvent
from ._base import Closing, CountingPublisher
from ._errors import DeliveryFailure, PublishError
from ._payload import schema_id
from ._retry import backoff_delay, check_policy, default_uniform
from ._urls import DEFAULT_STREAM, check_redis_url, display_url

__all__ = [
    "DEFAULT_STREAM",
    "FeedbackEntry",
    "FeedbackReader",
    "RedisFeedbackPublisher",
    "read_feedback",
]

logger = logging.getLogger("market_data_store_contracts.transport")

E = TypeVar("E", bound=CoreFeedbackEvent)


def _client(url: str, timeout: float) -> aioredis.Redis:
    """A client that never retries on its own: every retry is ours, and counted."""
    return aioredis.Redis.from_url(
        url,
        socket_timeout=timeout,
        socket_connect_timeout=timeout,
        retry=Retry(NoBackoff(), 0),
    )


def _check_stream(stream: object) -> str:
    if not isinstance(stream, str) or not stream:
        raise ValueError(f"stream must be a non-empty string, got {stream!r}")
    return stream


class RedisFeedbackPublisher(CountingPublisher):
    """``XADD``s every published event to a Redis stream; a ``market_data_core.FeedbackPublisher``.

    Each entry has two fields: ``event``, exactly ``event.model_dump_json()``, and ``schema``,
    the ``$id`` of the contract it was checked against (``store.FeedbackEvent``'s for a Store
    event, ``core.FeedbackEvent``'s for a Core one). The stream is trimmed to about ``maxlen``
    entries (``MAXLEN ~``, which Redis does cheaply in whole nodes; ``None`` never trims).

    ``publish`` returns only once Redis answered the ``XADD``; otherwise it raises
    :class:`PublishError`. A connection error or a timeout is retried up to ``retries`` times
    with jittered exponential backoff (redis-py's own retries are turned off, so every retry is
    counted in ``retried``); after a Redis restart the next publish reconnects. An error Redis
    answered (a wrong type at the key, out of memory) is final. A retry after a timeout may add
    the event twice: that is what ``retried`` counts.
    """

    def __init__(
        self,
        url: str = "redis://127.0.0.1:6379/0",
        *,
        stream: str = DEFAULT_STREAM,
        maxlen: int | None = 100_000,
        timeout: float = 2.0,
        retries: int = 3,
        backoff: float = 0.1,
        max_delay: float = 10.0,
        uniform: Callable[[float, float], float] = default_uniform,
    ) -> None:
        check_redis_url(url)
        self._stream = _check_stream(stream)
        if maxlen is not None and (
            isinstance(maxlen, bool) or not isinstance(maxlen, int) or maxlen < 1
        ):
            raise ValueError(f"maxlen must be a positive int or None, got {maxlen!r}")
        check_policy(timeout=timeout, retries=retries, backoff=backoff, max_delay=max_delay)
        self._name = f"{display_url(url)} stream {stream!r}"
        self._maxlen = maxlen
        self._retries = retries
        self._backoff = backoff
        self._max_delay = max_delay
        self._uniform = uniform
        self._redis = _client(url, timeout)
        super().__init__()

    def __repr__(self) -> str:
        return f"RedisFeedbackPublisher({self._name!r})"

    @property
    def stream(self) -> str:
        return self._stream

    async def _close_client(self) -> None:
        await self._redis.aclose()

    async def publish(self, event: CoreFeedbackEvent) -> None:
        """``XADD`` ``event``; raise :class:`PublishError` unless Redis acknowledged it.

        ``TypeError`` for a non-event, ``ValueError`` for an event whose JSON its contract
        rejects; neither is counted, nothing is sent.
        """
        payload, store = self._accept(event)
        fields: dict[Any, Any] = {"event": payload, "schema": schema_id(store)}
        await self._failed_if_cancelled(self._add(fields))

    async def _add(self, fields: dict[Any, Any]) -> None:
        attempt = 0
        while True:
            attempt += 1
            note: str | None = None
            try:
                await self._redis.xadd(self._stream, fields, maxlen=self._maxlen, approximate=True)
            except (RedisConnectionError, RedisTimeoutError, OSError) as error:
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
            except RedisError as error:
                last = error
            else:
                self._sent += 1
                return
            self._failed += 1
            failure = DeliveryFailure(self._name, attempt, None, last, note)
            logger.warning("feedback event not published: %s", failure)
            raise PublishError([failure]) from last


class FeedbackEntry(NamedTuple, Generic[E]):
    """One stream entry read back: its Redis id and the parsed event."""

    entry_id: str
    event: E


class FeedbackReader(Closing, Generic[E]):
    """An async iterator of :class:`FeedbackEntry` read from a feedback stream.

    Made by :func:`read_feedback`. Entries that are not events (no ``event`` field, not JSON,
    or JSON that ``model`` rejects in strict mode) are skipped with a warning on the
    ``market_data_store_contracts.transport`` logger and counted in :attr:`skipped`; reading
    goes on. Redis errors are raised.
    """

    def __init__(
        self,
        url: str,
        *,
        stream: str,
        last_id: str,
        model: type[E],
        follow: bool,
        block: float,
        count: int,
        timeout: float,
    ) -> None:
        check_redis_url(url)
        _check_stream(stream)
        if not (isinstance(model, type) and issubclass(model, CoreFeedbackEvent)):
            raise TypeError(f"model must be a FeedbackEvent class, not {model!r}")
        if count < 1 or block <= 0:
            raise ValueError("count must be >= 1 and block > 0")
        self._stream = stream
        self._model = model
        self._follow = follow
        self._block_ms = max(1, round(block * 1000))
        self._count = count
        self.last_id = last_id
        self.skipped = 0
        self.read = 0
        # While following, XREAD blocks on the socket for up to `block`: give it room.
        self._redis = _client(url, timeout + (block if follow else 0.0))
        self._buffer: deque[tuple[bytes, dict[bytes, bytes]]] = deque()
        self._done = False

    def __aiter__(self) -> FeedbackReader[E]:
        return self

    async def __anext__(self) -> FeedbackEntry[E]:
        while True:
            while self._buffer:
                raw_id, fields = self._buffer.popleft()
                entry_id = raw_id.decode()
                self.last_id = entry_id
                event = self._parse(entry_id, fields)
                if event is not None:
                    self.read += 1
                    return FeedbackEntry(entry_id, event)
            if self._done:
                await self.aclose()
                raise StopAsyncIteration
            await self._fill()

    async def _fill(self) -> None:
        if self.last_id == "$":
            # "$" means "after the newest entry now": pin it to that entry's id, or an entry
            # added between two blocking reads that both said "$" would never be seen.
            newest: Any = await self._redis.xrevrange(self._stream, count=1)
            self.last_id = newest[0][0].decode() if newest else "0-0"
        block = self._block_ms if self._follow else None
        reply: Any = await self._redis.xread(
            {self._stream: self.last_id}, count=self._count, block=block
        )
        entries = reply[0][1] if reply else []
        self._buffer.extend(entries)
        if not entries and not self._follow:
            self._done = True

    def _parse(self, entry_id: str, fields: dict[bytes, bytes]) -> E | None:
        raw = fields.get(b"event")
        if raw is None:
            self._skip(entry_id, "it has no 'event' field")
            return None
        try:
            return self._model.model_validate_json(raw, strict=True)
        except ValidationError as error:
            problems = error.errors(include_url=False, include_input=False)
            if any(problem["type"] == "json_invalid" for problem in problems):
                self._skip(entry_id, "its 'event' field is not JSON")
                return None
            first = problems[0]
            where = ".".join(str(part) for part in first["loc"]) or "(event)"
            reason = f"{where}: {first['msg']}"
            self._skip(entry_id, f"its event fails {self._model.__name__} ({reason})")
            return None

    def _skip(self, entry_id: str, why: str) -> None:
        self.skipped += 1
        logger.warning(
            "skipped feedback stream entry %s of %r: %s (%d skipped so far)",
            entry_id,
            self._stream,
            why,
            self.skipped,
        )

    async def aclose(self) -> None:
        """Close the connection (done by itself when a non-following read ends)."""
        self._done = True
        await self._redis.aclose()


def read_feedback(
    url: str,
    *,
    stream: str = DEFAULT_STREAM,
    last_id: str = "0",
    model: type[E] = FeedbackEvent,  # type: ignore[assignment]
    follow: bool = False,
    block: float = 1.0,
    count: int = 100,
    timeout: float = 2.0,
) -> FeedbackReader[E]:
    """Read the feedback stream as ``(entry_id, event)`` pairs (:class:`FeedbackEntry`).

    Starts after ``last_id`` (``"0"``: from the beginning; ``"$"`` with ``follow``: only new
    entries). Each event is parsed with ``model``: the Store's ``FeedbackEvent`` by default;
    Core's ``FeedbackEvent`` reads the same entries (it drops ``reason``). With ``follow=False``
    the iteration ends at the end of the stream; with ``follow=True`` it waits for new entries
    (``XREAD BLOCK``, ``block`` seconds per call) until cancelled or closed. Bad entries are
    skipped and counted (:attr:`FeedbackReader.skipped`), never fatal.
    """
    return FeedbackReader(
        url,
        stream=stream,
        last_id=last_id,
        model=model,
        follow=follow,
        block=block,
        count=count,
        timeout=timeout,
    )
