"""``PublishError``: an event that did not reach every destination, and why."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import StoreContractsError

__all__ = ["DeliveryFailure", "PublishError"]


@dataclass(frozen=True)
class DeliveryFailure:
    """One destination that did not take the event after every attempt.

    ``target`` names the destination without credentials (a URL without its user info and
    query, or a Redis stream); ``status`` is the last HTTP status received (``None`` when the
    last attempt got no response); ``error`` the last exception (``None`` when a response came).
    """

    target: str
    attempts: int
    status: int | None = None
    error: BaseException | None = None
    note: str | None = None

    def __str__(self) -> str:
        if self.status is not None:
            last = f"HTTP {self.status}"
        elif self.error is not None:
            detail = str(self.error)
            last = type(self.error).__name__ + (f": {detail}" if detail else "")
        else:
            last = "no response"
        plural = "" if self.attempts == 1 else "s"
        text = f"{self.target}: {last} after {self.attempts} attempt{plural}"
        return f"{text} ({self.note})" if self.note else text


class PublishError(StoreContractsError):
    """Publishing failed: at least one destination did not take the event.

    ``failures`` lists each failed destination with its last status or error; ``status`` and
    ``error`` are those of the first failure (the only one with a single destination).
    ``delivered`` counts the destinations that did take the event (fan-out is not atomic).
    """

    def __init__(self, failures: Sequence[DeliveryFailure], delivered: int = 0) -> None:
        if not failures:
            raise ValueError("a PublishError needs at least one failure")
        super().__init__(tuple(failures), delivered)
        self.failures = tuple(failures)
        self.delivered = delivered

    @property
    def targets(self) -> tuple[str, ...]:
        """The destinations that failed."""
        return tuple(failure.target for failure in self.failures)

    @property
    def status(self) -> int | None:
        return self.failures[0].status

    @property
    def error(self) -> BaseException | None:
        return self.failures[0].error

    def __str__(self) -> str:
        total = len(self.failures) + self.delivered
        head = (
            "feedback event not published"
            if total == 1
            else f"feedback event not published to {len(self.failures)} of {total} destinations"
        )
        return f"{head}: " + "; ".join(str(failure) for failure in self.failures)
