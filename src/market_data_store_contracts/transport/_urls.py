"""Checking destination URLs at construction, naming them without credentials, and the
default feedback stream (here, where the settings can read it without redis installed).

Redis is named by one of five URL forms: redis-py's own ``redis://``, ``rediss://`` and
``unix://``, and two forms for a topology of several nodes, read here because redis-py has
none for them:

- ``redis+sentinel://[user:password@]host[:port][,host[:port]...]/service[/db]``: the
  sentinels (port 26379 by default) and the name they monitor the master by;
- ``redis+cluster://[user:password@]host[:port][,host[:port]...]``: some nodes of a cluster
  (port 6379 by default); the client discovers the rest.

The user and password authenticate to the Redis nodes that hold the data (the master and
its replicas, or the cluster nodes); sentinels are asked without credentials.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import SplitResult, unquote, urlsplit

__all__ = [
    "DEFAULT_STREAM",
    "RedisNodes",
    "check_http_url",
    "check_redis_url",
    "display_url",
    "parse_redis_nodes",
]

DEFAULT_STREAM = "market-data:feedback"

_HTTP_SCHEMES = frozenset({"http", "https"})
_SENTINEL, _CLUSTER = "redis+sentinel", "redis+cluster"
_REDIS_SCHEMES = frozenset({"redis", "rediss", "unix", _SENTINEL, _CLUSTER})
_DEFAULT_PORTS = {_SENTINEL: 26379, _CLUSTER: 6379}


@dataclass(frozen=True)
class RedisNodes:
    """A ``redis+sentinel://`` or ``redis+cluster://`` URL, read.

    ``hosts`` are the sentinels or the cluster nodes named; ``service`` is the master's name
    (sentinel only); ``db`` the database (always 0 on a cluster).
    """

    kind: Literal["sentinel", "cluster"]
    hosts: tuple[tuple[str, int], ...]
    service: str | None
    db: int
    username: str | None
    password: str | None = None

    def __repr__(self) -> str:  # never the password
        hosts = ",".join(_host_port(host, port) for host, port in self.hosts)
        return f"RedisNodes({self.kind}: {hosts}, service={self.service!r}, db={self.db})"


def _host_port(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def display_url(url: str) -> str:
    """``url`` without user info, query or fragment: safe to log and to put in errors."""
    scheme, _, rest = url.partition("://")
    if scheme.lower() in (_SENTINEL, _CLUSTER):
        after = rest.rpartition("@")[2]  # the last "@": a password may hold "/" unencoded
        after = after.partition("?")[0].partition("#")[0]
        return f"{scheme.lower()}://{after}"
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
    """``url`` if it is a ``redis://``, ``rediss://``, ``unix://``, ``redis+sentinel://`` or
    ``redis+cluster://`` URL (see the module's documentation for the last two)."""
    text, parts = _split(
        url,
        "a Redis URL",
        _REDIS_SCHEMES,
        "a Redis URL must start with redis://, rediss://, unix://, redis+sentinel:// or "
        "redis+cluster://",
    )
    scheme = parts.scheme.lower()
    if scheme == "unix":
        if not parts.path:
            raise ValueError("a unix:// Redis URL needs a socket path")
    elif scheme in (_SENTINEL, _CLUSTER):
        parse_redis_nodes(text)
    else:
        _check_host_and_port(parts, text)
    return text


def parse_redis_nodes(url: str) -> RedisNodes | None:
    """A ``redis+sentinel://`` or ``redis+cluster://`` URL read into :class:`RedisNodes`;
    ``None`` for any other scheme. ``ValueError`` names what is wrong, never a credential."""
    scheme, _, rest = url.strip().partition("://")
    scheme = scheme.lower()
    if scheme not in (_SENTINEL, _CLUSTER):
        return None
    shown = display_url(url)
    if "?" in rest or "#" in rest:
        raise ValueError(f"the URL {shown!r} has a query or fragment; {scheme}:// takes neither")
    userinfo, at, after = rest.rpartition("@")  # the last "@", as display_url reads it
    hostlist, _, path = after.partition("/")
    username = password = None
    if at:
        user, colon, secret = userinfo.partition(":")
        username = unquote(user) or None
        password = unquote(secret) if colon else None
    hosts = tuple(
        _read_host(item.strip(), _DEFAULT_PORTS[scheme], shown) for item in hostlist.split(",")
    )
    segments = [segment for segment in path.split("/") if segment]
    if scheme == _SENTINEL:
        if not segments:
            raise ValueError(
                f"the URL {shown!r} names no master: redis+sentinel://host:port,.../service"
            )
        service, db = unquote(segments[0]), _read_db(segments[1:], shown)
        return RedisNodes("sentinel", hosts, service, db, username, password)
    if _read_db(segments, shown) != 0:
        raise ValueError(f"the URL {shown!r} names a database; a cluster has only database 0")
    return RedisNodes("cluster", hosts, None, 0, username, password)


def _read_host(item: str, default_port: int, shown: str) -> tuple[str, int]:
    if not item:
        raise ValueError(f"the URL {shown!r} has an empty host")
    if item.startswith("["):  # an IPv6 literal
        host, bracket, tail = item[1:].partition("]")
        if not bracket or not host or (tail and not tail.startswith(":")):
            raise ValueError(f"the URL {shown!r} has an invalid host {item!r}")
        port_text = tail[1:] if tail else ""
    else:
        host, _, port_text = item.partition(":")
        if not host or ":" in port_text:
            raise ValueError(f"the URL {shown!r} has an invalid host {item!r}")
    if not port_text:
        return host, default_port
    if not (port_text.isascii() and port_text.isdigit() and 0 < int(port_text) < 65536):
        raise ValueError(f"the URL {shown!r} has an invalid port in {item!r}")
    return host, int(port_text)


def _read_db(segments: list[str], shown: str) -> int:
    if not segments:
        return 0
    if len(segments) > 1 or not (segments[0].isascii() and segments[0].isdigit()):
        raise ValueError(f"the URL {shown!r} has a path that is not a database number")
    return int(segments[0])


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
