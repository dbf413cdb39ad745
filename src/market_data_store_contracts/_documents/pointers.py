"""JSON pointers (RFC 6901): extending one by reference tokens, and unescaping a token."""

from __future__ import annotations


def pointer_join(pointer: str, *parts: str | int) -> str:
    """Extend a JSON pointer by escaped reference tokens (RFC 6901)."""
    for part in parts:
        token = str(part).replace("~", "~0").replace("/", "~1")
        pointer = f"{pointer}/{token}"
    return pointer


def pointer_token(escaped: str) -> str:
    """One reference token of a JSON pointer, unescaped (RFC 6901): ``a~1b`` is ``a/b``."""
    return escaped.replace("~1", "/").replace("~0", "~")
