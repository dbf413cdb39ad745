"""Feedback events out of a Redis stream: ``read_feedback`` alone (``XREAD``) or in a consumer
group (``XREADGROUP``, ``XACK``, ``XAUTOCLAIM``)."""

from __future__ import annotations

import itertools
import logging
import math
import os
import socket
from collections import deque
from types import TracebackType
from typing import Any, Generic, NamedTuple, TypeVar

from market_data_core.telemetry import FeedbackEvent as CoreFeedbackEvent
from pydantic import ValidationError
from redis.exceptions import ResponseError

from .._generated import FeedbackEvent
from ._base import Closing
from ._redis_clients import RedisClient, check_stream, open_client
from ._urls import DEFAULT_STREAM

__all__ = ["FeedbackEntry", "FeedbackReader", "read_feedback"]

logger = logging.getLogger("market_data_store_contracts.transport")

E = TypeVar("E", bound=CoreFeedbackEvent)

#: Numbers the default consumer names of the readers of this process.
_READERS = itertools.count(1)

Entry = tuple[Any, dict[bytes, bytes] | None]


class FeedbackEntry(NamedTuple, Generic[E]):
    """One stream entry read back: its Redis id and the parsed event."""

    entry_id: str
    event: E


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _check_group(group: object, consumer: object, claim_idle: object) -> None:
    for name, value in (("group", group), ("consumer", consumer)):
        if value is not None and (not isinstance(value, str) or not value):
            raise ValueError(f"{name} must be a non-empty string or None, got {value!r}")
    if consumer is not None and group is None:
        raise ValueError("consumer names a member of a group: give group too")
    if (
        isinstance(claim_idle, bool)
        or not isinstance(claim_idle, int | float)
        or not math.isfinite(claim_idle)
        or claim_idle <= 0
    ):
        raise ValueError(f"claim_idle must be a finite number of seconds > 0, got {claim_idle!r}")


class FeedbackReader(Closing, Generic[E]):
    """An async iterator of :class:`FeedbackEntry` read from a feedback stream.

    Made by :func:`read_feedback`. Entries that are not events (no ``event`` field, not JSON,
    or JSON that ``model`` rejects in strict mode) are skipped with a warning on the
    ``market_data_store_contracts.transport`` logger and counted in :attr:`skipped` (and, in a
    group, acknowledged); reading goes on. Redis errors are raised.

    Counters: :attr:`read` events yielded, :attr:`skipped` entries that were not events,
    :attr:`claimed` entries taken over from idle consumers of the group.
    """

    def __init__(
        self,
        url: str | RedisClient,
        *,
        stream: str,
        last_id: str,
        model: type[E],
        follow: bool,
        block: float,
        count: int,
        timeout: float,
        group: str | None = None,
        consumer: str | None = None,
        claim_idle: float = 30.0,
    ) -> None:
        check_stream(stream)
        if not (isinstance(model, type) and issubclass(model, CoreFeedbackEvent)):
            raise TypeError(f"model must be a FeedbackEvent class, not {model!r}")
        if count < 1 or block <= 0:
            raise ValueError("count must be >= 1 and block > 0")
        _check_group(group, consumer, claim_idle)
        self._stream = stream
        self._model = model
        self._follow = follow
        self._block_ms = max(1, round(block * 1000))
        self._count = count
        self._group = group
        self._consumer = consumer or (
            f"{socket.gethostname()}-{os.getpid()}-{next(_READERS)}" if group else None
        )
        self._claim_ms = max(1, round(claim_idle * 1000))
        self.last_id = last_id
        self.skipped = 0
        self.read = 0
        self.claimed = 0
        # While following, XREAD blocks on the socket for up to `block`: give it room.
        self._handle = open_client(url, timeout + (block if follow else 0.0))
        self._buffer: deque[Entry] = deque()
        self._done = False
        # In a group: the yielded entry not acknowledged yet, the skipped ones, whether the
        # group exists, our own pending entries still to read (from a previous life under the
        # same consumer name) and where the XAUTOCLAIM scan of the pending list stands.
        self._held: str | None = None
        self._unacked: list[str] = []
        self._created = False
        self._history: str | None = "0" if group else None
        self._cursor = "0-0"
        self._settled = False  # acknowledged and handed back at close (once)

    @property
    def group(self) -> str | None:
        return self._group

    @property
    def consumer(self) -> str | None:
        """This reader's name in its group (``host-pid-n`` unless one was given)."""
        return self._consumer

    def __aiter__(self) -> FeedbackReader[E]:
        return self

    async def __anext__(self) -> FeedbackEntry[E]:
        if self._group is not None:
            await self._acknowledge()  # the iteration asks for the next one: done with this
        while True:
            while self._buffer:
                raw_id, fields = self._buffer.popleft()
                entry_id = _text(raw_id)
                self.last_id = entry_id
                event = self._parse(entry_id, fields or {})
                if event is not None:
                    self.read += 1
                    if self._group is not None:
                        self._held = entry_id
                    return FeedbackEntry(entry_id, event)
                if self._group is not None:
                    self._unacked.append(entry_id)  # a poison entry never blocks the group
            if self._done:
                await self.aclose()
                raise StopAsyncIteration
            if self._group is None:
                await self._fill()
            else:
                await self._acknowledge()
                await self._fill_group()

    async def _fill(self) -> None:
        client = self._handle.client
        if self.last_id == "$":
            # "$" means "after the newest entry now": pin it to that entry's id, or an entry
            # added between two blocking reads that both said "$" would never be seen.
            newest: Any = await client.xrevrange(self._stream, count=1)
            self.last_id = newest[0][0].decode() if newest else "0-0"
        block = self._block_ms if self._follow else None
        reply: Any = await client.xread(
            {self._stream: self.last_id}, count=self._count, block=block
        )
        entries = reply[0][1] if reply else []
        self._buffer.extend(entries)
        if not entries and not self._follow:
            self._done = True

    async def _fill_group(self) -> None:
        """The next entries for this consumer: its own pending ones first (left by a previous
        life under the same name), then entries idle too long at any consumer (claimed), then
        new ones."""
        client: Any = self._handle.client
        if not self._created:
            try:
                await client.xgroup_create(
                    self._stream, self._group, id=self.last_id, mkstream=True
                )
            except ResponseError as error:
                if "BUSYGROUP" not in str(error):
                    raise
            self._created = True
        if self._history is not None:
            reply = await client.xreadgroup(
                self._group, self._consumer, {self._stream: self._history}, count=self._count
            )
            entries = reply[0][1] if reply else []
            if entries:
                self._history = _text(entries[-1][0])
                self._buffer.extend(entries)
                return
            self._history = None
        cursor, entries, *_ = await client.xautoclaim(
            self._stream,
            self._group,
            self._consumer,
            self._claim_ms,
            start_id=self._cursor,
            count=self._count,
        )
        self._cursor = _text(cursor)
        if entries:
            self.claimed += len(entries)
            if any(entry_id is None for entry_id, _ in entries):
                # Redis 6.2 answers nil, without the id, for a claimed entry that was trimmed
                # from the stream. It is ours now: reading our own pending list gives it back
                # with its id and no fields, so it is skipped and acknowledged.
                self._history = "0"
                return
            self._buffer.extend(entries)
            return
        block = self._block_ms if self._follow else None
        reply = await client.xreadgroup(
            self._group, self._consumer, {self._stream: ">"}, count=self._count, block=block
        )
        entries = reply[0][1] if reply else []
        self._buffer.extend(entries)
        if not entries and not self._follow:
            self._done = True

    async def _acknowledge(self) -> None:
        ids = [*([self._held] if self._held else []), *self._unacked]
        if ids:
            await self._handle.client.xack(self._stream, self._group, *ids)  # type: ignore[arg-type]
            self._held = None
            self._unacked.clear()

    async def _hand_back(self) -> None:
        """Mark the entries read but never yielded as idle for ``claim_idle``, so the next
        ``XAUTOCLAIM`` of any consumer takes them at once instead of after ``claim_idle``."""
        ids = [_text(raw_id) for raw_id, _ in self._buffer if raw_id is not None]
        self._buffer.clear()
        if ids:
            client: Any = self._handle.client
            await client.xclaim(
                self._stream, self._group, self._consumer, 0, ids, idle=self._claim_ms, justid=True
            )

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
        """Close the connection (done by itself when a non-following read ends).

        In a group, the entry last yielded is acknowledged first, and entries read but not
        yet yielded are handed back to the group; a client passed in stays open.
        """
        try:
            if self._group is not None and self._created and not self._settled:
                self._settled = True
                await self._acknowledge()
                await self._hand_back()
        finally:
            self._done = True
            await self._handle.aclose()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if exc_type is not None:
            # An exception left the block: the entry being handled stays pending (claimed
            # again after claim_idle), and Redis is not asked anything more.
            self._settled = True
        await self.aclose()


def read_feedback(
    url: str | RedisClient,
    *,
    stream: str = DEFAULT_STREAM,
    last_id: str = "0",
    model: type[E] = FeedbackEvent,  # type: ignore[assignment]
    follow: bool = False,
    block: float = 1.0,
    count: int = 100,
    timeout: float = 2.0,
    group: str | None = None,
    consumer: str | None = None,
    claim_idle: float = 30.0,
) -> FeedbackReader[E]:
    """Read the feedback stream as ``(entry_id, event)`` pairs (:class:`FeedbackEntry`).

    ``url`` is a Redis URL of any form or a ready ``redis.asyncio`` client (``Redis`` or
    ``RedisCluster``; it stays the caller's, closing the reader leaves it open). Each event is
    parsed with ``model``: the Store's ``FeedbackEvent`` by default; Core's ``FeedbackEvent``
    reads the same entries (it drops ``reason``). With ``follow=False`` the iteration ends at
    the end of the stream; with ``follow=True`` it waits for new entries (``block`` seconds per
    call) until cancelled or closed. Bad entries are skipped and counted
    (:attr:`FeedbackReader.skipped`), never fatal.

    Without ``group`` the reader keeps its position itself: it starts after ``last_id``
    (``"0"``: from the beginning; ``"$"``: only new entries) and reads with ``XREAD``.

    With ``group`` the group keeps the position, in Redis (``XREADGROUP`` as ``consumer``; the
    group is created at ``last_id`` with ``MKSTREAM`` when missing). Delivery is at least
    once: an entry is acknowledged (``XACK``) when the iteration asks for the next one or the
    reader is closed normally, never when the process dies or an exception leaves its
    ``async with`` block. Entries pending at any consumer for at least ``claim_idle`` seconds
    are claimed (``XAUTOCLAIM``) and yielded before new ones, so an entry held by a reader
    that died is handled again. Give a stable ``consumer`` name to take back this consumer's
    own pending entries at once after a restart.
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
        group=group,
        consumer=consumer,
        claim_idle=claim_idle,
    )
