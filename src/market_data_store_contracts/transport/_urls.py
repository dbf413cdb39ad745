"""Checking destination URLs at construction, naming them without credentials, and the
default feedback stream (here, where the settings can read it without redis installed)."""

from __future__ import annotations

from urllib.parse import SplitResult, urlsplit

__all__ = ["DEFAULT_STREAM", "check_http_url", "check_redis_url", "display_url"]

DEFAULT_STREAM = "market-data:feedback"

_HTTP_SCHEMES = frozenset({"http", "https"})
_REDIS_SCHEMES = frozenset({"redis", "rediss", "unix"})


def display_url(url: str) -> str:
    """``url`` without user info, query or fragment: safe to log and to put in errors."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:  # an IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port is None else f"{host}:{port}"
    return f"{parts.scheme}://{netloc}{parts.path}"


def check_http_url(url: object) -> str:
    """``url`` if it is an absolute ``http://`` or ``https://`` URL with a host.

    Raises ``ValueError`` (``TypeError`` for a non-string) naming the problem, never the URL's
    credentials.
    """
    text, parts = _split(
        url, "a URL", _HTTP_SCHEMES, "only http:// and https:// URLs can receive feedback"
    )
    _check_host_and_port(parts, text)
    return text


def check_redis_url(url: object) -> str:
    """``url`` if it is a ``redis://``, ``rediss://`` or ``unix://`` URL."""
    text, parts = _split(
        url,
        "a Redis URL",
        _REDIS_SCHEMES,
        "a Redis URL must start with redis://, rediss:// or unix://",
    )
    if parts.scheme.lower() == "unix":
        if not parts.path:
            raise ValueError("a unix:// Redis URL needs a socket path")
    else:
        _check_host_and_port(parts, text)
    return text


def _split(
    url: object, noun: str, schemes: frozenset[str], refusal: str
) -> tuple[str, SplitResult]:
    """``url`` stripped and split, once its type and scheme are right."""
    if not isinstance(url, str):
        raise TypeError(f"{noun} must be a string, not {type(url).__name__}")
    text = url.strip()
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in schemes:
        shown = f"not {scheme}://" if scheme else "this one has no scheme"
        raise ValueError(f"{refusal}, {shown}")
    return text, parts


def _check_host_and_port(parts: SplitResult, url: str) -> None:
    if not parts.hostname:
        raise ValueError(f"the URL {display_url(url)!r} has no host")
    try:
        parts.port  # noqa: B018 (reading it validates it)
    except ValueError:
        raise ValueError(f"the URL {display_url(url)!r} has an invalid port") from None
