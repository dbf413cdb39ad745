"""ASGI apps that ``bench_wire`` serves under uvicorn in a child process."""

from __future__ import annotations

from typing import Any

from market_data_core.telemetry import HealthComponent, HealthStatus

from market_data_store_contracts import health_status
from market_data_store_contracts.health_app import health_app

__all__ = ["health", "sink"]


async def sink(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """Reads a request's body and answers ``204``: the cheapest webhook there is."""
    if scope["type"] != "http":
        return
    more = True
    while more:
        message = await receive()
        more = message.get("more_body", False) and message["type"] == "http.request"
    await send({"type": "http.response.start", "status": 204, "headers": []})
    await send({"type": "http.response.body", "body": b""})


_COMPONENTS = [
    HealthComponent(name="writer", state="healthy", details={"queue": "12/1000"}),
    HealthComponent(name="db", state="healthy", details={"pool": "4/10"}),
]


async def _check() -> HealthStatus:
    return health_status("store", _COMPONENTS, version="bench")


health = health_app(_check)
