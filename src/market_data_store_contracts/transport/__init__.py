"""The wire edge: feedback events leaving the process over HTTP and Redis.

``HttpFeedbackPublisher`` needs the ``http`` extra (httpx); ``RedisFeedbackPublisher`` and
``read_feedback`` need the ``redis`` extra (redis-py). Each name loads its dependency on first
use, so this module imports with neither installed; a name whose extra is missing raises an
``ImportError`` that says which extra to install. ``PublishError`` needs nothing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .._extras import needs_extra
from ._errors import DeliveryFailure, PublishError

if TYPE_CHECKING:
    from ._http import HttpFeedbackPublisher
    from ._redis import (
        DEFAULT_STREAM,
        FeedbackEntry,
        FeedbackReader,
        RedisFeedbackPublisher,
        read_feedback,
    )

__all__ = [
    "DEFAULT_STREAM",
    "DeliveryFailure",
    "FeedbackEntry",
    "FeedbackReader",
    "HttpFeedbackPublisher",
    "PublishError",
    "RedisFeedbackPublisher",
    "read_feedback",
]

#: module -> (extra, the distribution the extra installs)
_EXTRAS = {"._http": ("http", "httpx"), "._redis": ("redis", "redis")}

#: name -> the module that defines it
_HOMES = {
    "HttpFeedbackPublisher": "._http",
    "DEFAULT_STREAM": "._redis",
    "FeedbackEntry": "._redis",
    "FeedbackReader": "._redis",
    "RedisFeedbackPublisher": "._redis",
    "read_feedback": "._redis",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    with needs_extra(name, *_EXTRAS[home]):
        module = importlib.import_module(home, __name__)
    value = getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
