"""``health_app(check)``: the Store's ``/healthz`` and ``/readyz`` as an ASGI app on Starlette.

Needs the ``health`` extra. Mount it in FastAPI or Starlette (``app.mount("/", health_app(...))``)
or serve it alone (``uvicorn module:app``).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import importlib.metadata
import inspect
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from market_data_core.telemetry import HealthComponent, HealthStatus
from pydantic import SecretStr, ValidationError

from ._extras import needs_extra

with needs_extra("health_app", "health", "starlette"):
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

__all__ = ["CHECK_COMPONENT", "HealthCheck", "health_app"]

#: ``check`` returns a ``HealthStatus``, directly or as an awaitable.
HealthCheck = Callable[[], HealthStatus | Awaitable[HealthStatus]]

#: The name every component reporting a failure of ``check`` itself starts with.
CHECK_COMPONENT = "health_check"

logger = logging.getLogger("market_data_store_contracts.health")

_HEADERS = {"Cache-Control": "no-store"}
_MEDIA_TYPE = "application/json"


def _package_version() -> str:
    try:
        return importlib.metadata.version("market-data-store-contracts")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - a source checkout
        return "unknown"


def _digest(value: bytes) -> bytes:
    return hashlib.sha256(value).digest()


def health_app(
    check: HealthCheck,
    *,
    admin_token: str | SecretStr | None = None,
    timeout: float = 2.0,
    service: str = "store",
    version: str | None = None,
) -> Starlette:
    """An ASGI app answering ``GET /healthz`` and ``GET /readyz`` with ``check()``'s status.

    - ``/healthz``: 200 when the state is healthy or degraded, 503 when unhealthy;
    - ``/readyz``: 200 only when healthy, 503 otherwise.

    The body is always a Core ``HealthStatus`` (``Cache-Control: no-store``). When ``check``
    raises, takes longer than ``timeout`` seconds, or returns something that is not a valid
    ``HealthStatus``, the body is an unhealthy status for ``service``/``version`` with one
    component named ``"health_check: <what went wrong>"``. A synchronous ``check`` runs in a
    worker thread, so a slow one never stalls the event loop.

    Component ``details`` are replaced by ``{}`` unless the request carries
    ``Authorization: Bearer <admin_token>`` (compared in constant time); without an
    ``admin_token`` they are always redacted. Details can name hosts, paths and errors.
    """
    if not callable(check):
        raise TypeError(f"check must be callable, not {type(check).__name__}")
    if not (timeout > 0):
        raise ValueError(f"timeout must be > 0 seconds, got {timeout!r}")
    secret = admin_token.get_secret_value() if isinstance(admin_token, SecretStr) else admin_token
    if secret is not None and not secret:
        raise ValueError("admin_token must not be empty (None redacts details for everyone)")
    # Digests of equal length, so the comparison's time says nothing about the token's length.
    expected = None if secret is None else _digest(f"Bearer {secret}".encode())
    probe = _Probe(check, timeout, service, version if version is not None else _package_version())
    endpoints = _Endpoints(probe, expected)
    return Starlette(
        routes=[
            Route("/healthz", endpoints.healthz, methods=["GET"]),
            Route("/readyz", endpoints.readyz, methods=["GET"]),
        ]
    )


class _Probe:
    """Runs ``check`` under the deadline and turns whatever happens into a valid status."""

    def __init__(self, check: HealthCheck, timeout: float, service: str, version: str) -> None:
        self.check = check
        self.timeout = timeout
        self.service = service
        self.version = version

    async def _call(self) -> Any:
        if inspect.iscoroutinefunction(self.check):
            return await self.check()
        result = await run_in_threadpool(self.check)
        return await result if inspect.isawaitable(result) else result

    async def status(self) -> HealthStatus:
        try:  # one deadline for all of it, the thread and what it returned alike
            result = await asyncio.wait_for(self._call(), self.timeout)
        except TimeoutError:
            return self._failed(f"timed out after {self.timeout:g} s", "TimeoutError")
        except Exception as error:
            logger.exception("health check raised")
            return self._failed(
                f"raised {type(error).__name__}", f"{type(error).__name__}: {error}"
            )
        if not isinstance(result, HealthStatus):
            return self._failed(f"returned {type(result).__name__}, not a HealthStatus", "")
        try:  # Core's models allow assignment without validation: check what will be sent
            return HealthStatus.model_validate_json(result.model_dump_json(), strict=True)
        except (ValidationError, ValueError) as error:
            return self._failed("returned an invalid HealthStatus", str(error).splitlines()[0])

    def _failed(self, what: str, detail: str) -> HealthStatus:
        component = HealthComponent(
            name=f"{CHECK_COMPONENT}: {what}",
            state="unhealthy",
            details={"error": detail} if detail else {},
        )
        return HealthStatus(
            service=self.service,
            state="unhealthy",
            components=[component],
            version=self.version,
            ts=time.time(),
        )


class _Endpoints:
    """``/healthz`` and ``/readyz``; details only for a request presenting the admin token."""

    def __init__(self, probe: _Probe, expected: bytes | None) -> None:
        self.probe = probe
        self.expected = expected

    async def healthz(self, request: Request) -> Response:
        current = await self.probe.status()
        return self._respond(request, current, current.state != "unhealthy")

    async def readyz(self, request: Request) -> Response:
        current = await self.probe.status()
        return self._respond(request, current, current.state == "healthy")

    def _respond(self, request: Request, current: HealthStatus, ok: bool) -> Response:
        if not self._authorized(request):
            current = current.model_copy(
                update={
                    "components": [
                        component.model_copy(update={"details": {}})
                        for component in current.components
                    ]
                }
            )
        return Response(
            current.model_dump_json(),
            status_code=200 if ok else 503,
            headers=_HEADERS,
            media_type=_MEDIA_TYPE,
        )

    def _authorized(self, request: Request) -> bool:
        if self.expected is None:
            return False
        presented = request.headers.get("authorization", "").encode("utf-8", "surrogateescape")
        return hmac.compare_digest(_digest(presented), self.expected)
