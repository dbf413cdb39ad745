"""When to try again: exponential backoff with jitter, and the server's ``Retry-After``."""

from __future__ import annotations

import datetime
import email.utils
import math
import random
import time
from collections.abc import Callable

__all__ = ["backoff_delay", "check_policy", "parse_retry_after"]


def check_policy(*, timeout: float, retries: int, backoff: float, max_delay: float) -> None:
    """Refuse a retry policy that cannot work (``ValueError``/``TypeError``)."""
    if isinstance(retries, bool) or not isinstance(retries, int):
        raise TypeError(f"retries must be an int, not {type(retries).__name__}")
    if retries < 0:
        raise ValueError(f"retries must be 0 or more, got {retries}")
    for name, value, positive in (
        ("timeout", timeout, True),
        ("backoff", backoff, False),
        ("max_delay", max_delay, False),
    ):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"{name} must be a number of seconds, not {type(value).__name__}")
        if not math.isfinite(value) or value < 0 or (positive and value == 0):
            raise ValueError(f"{name} must be a finite number of seconds > 0, got {value!r}")


def backoff_delay(
    backoff: float, retry: int, max_delay: float, uniform: Callable[[float, float], float]
) -> float:
    """The pause before retry number ``retry`` (1, 2, ...): ``backoff * 2**(retry-1)``, jittered
    to between half and all of it ("equal jitter": never zero, so clients that failed together
    do not all come back at once), and never more than ``max_delay``."""
    ceiling = min(max_delay, backoff * 2.0 ** (retry - 1))
    return uniform(ceiling / 2, ceiling)


def parse_retry_after(value: str | None, now: Callable[[], float] = time.time) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delay-seconds or an HTTP-date in any of
    the three forms RFC 9110 5.6.7 requires a recipient to read); ``None`` when absent or
    unreadable, ``0.0`` for a date in the past."""
    if value is None:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # str.isdigit alone takes "²" and "١٢"
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # RFC 9110 dates are GMT; a zone-less one is read as UTC
        when = when.replace(tzinfo=datetime.UTC)
    return max(0.0, when.timestamp() - now())


#: The default source of jitter (tests may pass their own).
default_uniform: Callable[[float, float], float] = random.uniform
