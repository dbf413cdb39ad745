"""What the publishers and the reader share: closing, and the publishers' counters."""

from __future__ import annotations

import abc
import asyncio
from collections.abc import Awaitable
from types import TracebackType
from typing import Self, TypeVar

from ._payload import encode

T = TypeVar("T")

__all__ = ["Closing", "CountingPublisher"]


class Closing(abc.ABC):
    """An async context manager whose exit is :meth:`aclose`."""

    @abc.abstractmethod
    async def aclose(self) -> None:
        """Close the connections."""

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()


class CountingPublisher(Closing):
    """A publisher's counters and its closed state.

    ``published`` counts events, the other three count deliveries (an event to one
    destination): so ``sent + failed == published * destinations`` once no publish is in
    flight. Subclasses bump the private counters and close their client in
    :meth:`_close_client`.
    """

    def __init__(self) -> None:
        self._published = self._sent = self._failed = self._retried = 0
        self._closed = False

    @property
    def published(self) -> int:
        """Events given to :meth:`publish` that passed the type and contract checks."""
        return self._published

    @property
    def sent(self) -> int:
        """Deliveries the destination took (answered 2xx, or acknowledged by Redis)."""
        return self._sent

    @property
    def failed(self) -> int:
        """Deliveries given up after every attempt, or cancelled midway."""
        return self._failed

    @property
    def retried(self) -> int:
        """Attempts after the first, over all deliveries."""
        return self._retried

    async def aclose(self) -> None:
        """Close the connections; :meth:`publish` raises ``RuntimeError`` afterwards, and a
        publish waiting to retry gives up (``PublishError``) instead of reconnecting."""
        self._closed = True
        await self._close_client()

    @abc.abstractmethod
    async def _close_client(self) -> None: ...

    def _accept(self, event: object) -> tuple[bytes, bool]:
        """``encode(event)`` for an open publisher, counted as published.

        ``TypeError``/``ValueError`` from :func:`encode` come first and count nothing; then
        ``RuntimeError`` once closed.
        """
        payload, store = encode(event)
        if self._closed:
            raise RuntimeError(f"this {type(self).__name__} is closed")
        self._published += 1
        return payload, store

    async def _failed_if_cancelled(self, delivery: Awaitable[T]) -> T:
        """Await one delivery; cancelled midway (``asyncio.wait_for`` around ``publish``) it
        counts as failed, so the counters still add up (whether it arrived is unknown)."""
        try:
            return await delivery
        except asyncio.CancelledError:
            self._failed += 1
            raise
