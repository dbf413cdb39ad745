"""What a bearer token must be to go out in an ``Authorization`` header."""

from __future__ import annotations

import re

__all__ = ["UNSENDABLE_TOKEN", "sendable_token"]

#: Visible ASCII, spaces only inside: what h11 (under httpx) takes in a header value.
_SENDABLE_TOKEN = re.compile(r"[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?")

#: Why a token is refused; never quotes it (h11's own complaint at send time would).
UNSENDABLE_TOKEN = (
    "is not printable ASCII without control characters, line breaks or leading and "
    "trailing spaces, so it cannot be sent in a header"
)


def sendable_token(token: str) -> bool:
    """Whether ``Bearer <token>`` is a header value HTTP can carry."""
    return _SENDABLE_TOKEN.fullmatch(token) is not None
