"""The wire edge: feedback events leaving the process over HTTP and Redis.

``HttpFeedbackPublisher`` needs the ``http`` extra (httpx); ``RedisFeedbackPublisher`` and
``read_feedback`` need the ``redis`` extra (redis-py). Each name loads its dependency on first
use, so this module imports with neither installed; a name whose extra is missing raises an
``ImportError`` that says which extra to install. ``PublishError`` needs nothing.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING

from .._extras import needs_extra
from .._lazy import lazy_names
from ._errors import DeliveryFailure, PublishError

if TYPE_CHECKING:
    from ._http import HttpFeedbackPublisher
    from ._redis import DEFAULT_STREAM, RedisFeedbackPublisher, ReplicasNotConfirmed
    from ._redis_reader import FeedbackEntry, FeedbackReader, read_feedback

__all__ = [
    "DEFAULT_STREAM",
    "DeliveryFailure",
    "FeedbackEntry",
    "FeedbackReader",
    "HttpFeedbackPublisher",
    "PublishError",
    "RedisFeedbackPublisher",
    "ReplicasNotConfirmed",
    "read_feedback",
]

#: module -> (extra, the distribution the extra installs)
_EXTRAS = {
    "._http": ("http", "httpx"),
    "._redis": ("redis", "redis"),
    "._redis_reader": ("redis", "redis"),
}

#: name -> the module that defines it
_HOMES = {
    "HttpFeedbackPublisher": "._http",
    "DEFAULT_STREAM": "._redis",
    "FeedbackEntry": "._redis_reader",
    "FeedbackReader": "._redis_reader",
    "RedisFeedbackPublisher": "._redis",
    "ReplicasNotConfirmed": "._redis",
    "read_feedback": "._redis_reader",
}


def _load(home: str, package: str, name: str) -> ModuleType:
    with needs_extra(name, *_EXTRAS[home]):
        return importlib.import_module(home, package)


__getattr__, __dir__ = lazy_names(__name__, globals(), _HOMES, _load)
