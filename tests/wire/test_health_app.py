"""``health_app``: status codes, bodies, redaction and failures of ``check``, in process
(httpx's ASGI transport) and under a real uvicorn."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from typing import Any

import httpx
import jsonschema
import pytest
from market_data_core.telemetry import HealthComponent, HealthStatus
from pydantic import SecretStr
from starlette.applications import Starlette

from market_data_store_contracts import health_status, schemas
from market_data_store_contracts.health_app import CHECK_COMPONENT, health_app

from .servers import UvicornThread

ADMIN = "a" * 16 + "-admin-token-of-48-characters-" + "z" * 2
SCHEMA = jsonschema.Draft202012Validator(schemas.load("core.HealthStatus"))


class InProcess:
    """Requests to an ASGI app in process, through httpx's ASGI transport.

    (Starlette's own TestClient now warns unless a different HTTP client is installed.)
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        async def go() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                return await client.request(method, path, **kwargs)

        return asyncio.run(go())

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, **kwargs)


def status(*states: str) -> HealthStatus:
    components = [
        HealthComponent(name=f"part{i}", state=state, details={"dsn": "postgres://db.internal"})
        for i, state in enumerate(states)
    ]
    return health_status("store", components, version="0.4.0")


def body_of(response: httpx.Response) -> HealthStatus:
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["content-type"] == "application/json"
    SCHEMA.validate(response.json())
    return HealthStatus.model_validate_json(response.content)


@pytest.mark.parametrize(
    ("states", "healthz", "readyz"),
    [
        ((), 200, 200),
        (("healthy", "healthy"), 200, 200),
        (("healthy", "degraded"), 200, 503),
        (("degraded", "unhealthy"), 503, 503),
        (("unhealthy",), 503, 503),
    ],
)
def test_status_codes_follow_the_state(states: tuple[str, ...], healthz: int, readyz: int) -> None:
    current = status(*states)
    client = InProcess(health_app(lambda: current))
    for path, expected in (("/healthz", healthz), ("/readyz", readyz)):
        response = client.get(path)
        assert response.status_code == expected, path
        assert body_of(response).state == current.state


def test_an_async_check_is_awaited() -> None:
    async def check() -> HealthStatus:
        await asyncio.sleep(0)
        return status("degraded")

    response = InProcess(health_app(check)).get("/healthz")
    assert (response.status_code, body_of(response).state) == (200, "degraded")


def test_details_are_redacted_unless_the_admin_token_is_presented() -> None:
    app = health_app(lambda: status("healthy", "degraded"), admin_token=SecretStr(ADMIN))
    client = InProcess(app)
    anonymous = body_of(client.get("/healthz"))
    wrong = body_of(client.get("/healthz", headers={"Authorization": f"Bearer {ADMIN}x"}))
    bare = body_of(client.get("/healthz", headers={"Authorization": ADMIN}))
    admin = body_of(client.get("/healthz", headers={"Authorization": f"Bearer {ADMIN}"}))
    for redacted in (anonymous, wrong, bare):
        assert [c.details for c in redacted.components] == [{}, {}]
        assert [c.name for c in redacted.components] == ["part0", "part1"]
    assert [c.details for c in admin.components] == [{"dsn": "postgres://db.internal"}] * 2


def test_without_an_admin_token_details_are_always_redacted() -> None:
    client = InProcess(health_app(lambda: status("healthy")))
    response = client.get("/healthz", headers={"Authorization": "Bearer "})
    assert body_of(response).components[0].details == {}
    assert "db.internal" not in response.text


def test_a_check_that_raises_gives_an_unhealthy_status_naming_the_failure(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def check() -> HealthStatus:
        raise ConnectionRefusedError("db.internal:5432 refused")

    app = health_app(check, admin_token=ADMIN, service="store-x", version="9")
    client = InProcess(app)
    for path in ("/healthz", "/readyz"):
        response = client.get(path)
        assert response.status_code == 503
        body = body_of(response)
        assert (body.service, body.version, body.state) == ("store-x", "9", "unhealthy")
        [component] = body.components
        assert component.name == f"{CHECK_COMPONENT}: raised ConnectionRefusedError"
        assert component.state == "unhealthy"
        assert component.details == {}  # the message may name internals
        assert "db.internal" not in response.text
    admin = body_of(client.get("/healthz", headers={"Authorization": f"Bearer {ADMIN}"}))
    assert admin.components[0].details == {
        "error": "ConnectionRefusedError: db.internal:5432 refused"
    }
    assert "health check raised" in caplog.text


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_check_that_times_out_gives_an_unhealthy_status(kind: str) -> None:
    release = threading.Event()

    def slow_sync() -> HealthStatus:
        release.wait(5)
        return status("healthy")

    async def slow_async() -> HealthStatus:
        await asyncio.sleep(5)
        return status("healthy")

    check: Any = slow_sync if kind == "sync" else slow_async
    client = InProcess(health_app(check, timeout=0.1))
    try:
        response = client.get("/readyz")
    finally:
        release.set()
    assert response.status_code == 503
    [component] = body_of(response).components
    assert component.name == f"{CHECK_COMPONENT}: timed out after 0.1 s"


def test_the_timeout_bounds_a_sync_check_and_the_awaitable_it_returns_together() -> None:
    async def rest() -> HealthStatus:
        await asyncio.sleep(0.35)
        return status("healthy")

    def half_sync() -> Any:  # each half is within the timeout, both together are not
        time.sleep(0.35)
        return rest()

    response = InProcess(health_app(half_sync, timeout=0.5)).get("/readyz")
    assert response.status_code == 503
    [component] = body_of(response).components
    assert component.name == f"{CHECK_COMPONENT}: timed out after 0.5 s"


@pytest.mark.parametrize(
    ("returned", "name"),
    [
        (None, "returned NoneType, not a HealthStatus"),
        ({"state": "healthy"}, "returned dict, not a HealthStatus"),
        ("healthy", "returned str, not a HealthStatus"),
    ],
)
def test_a_check_that_returns_something_else_is_unhealthy(returned: object, name: str) -> None:
    response = InProcess(health_app(lambda: returned)).get("/healthz")  # type: ignore[arg-type,return-value]
    assert response.status_code == 503
    assert body_of(response).components[0].name == f"{CHECK_COMPONENT}: {name}"


def test_a_status_changed_into_an_invalid_one_is_not_sent() -> None:
    broken = status("healthy")
    broken.state = "fine"  # type: ignore[assignment]  # Core's models do not validate assignment

    response = InProcess(health_app(lambda: broken)).get("/healthz")
    assert response.status_code == 503
    assert (
        body_of(response).components[0].name
        == f"{CHECK_COMPONENT}: returned an invalid HealthStatus"
    )


def test_it_mounts_in_a_starlette_app_and_answers_only_its_routes() -> None:
    from starlette.routing import Mount

    outer = Starlette(routes=[Mount("/ops", app=health_app(lambda: status("healthy")))])
    client = InProcess(outer)
    assert client.get("/ops/healthz").status_code == 200
    assert client.get("/ops/other").status_code == 404
    assert client.post("/ops/healthz").status_code == 405


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(TypeError):
        health_app("not callable")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="timeout"):
        health_app(status, timeout=0)
    with pytest.raises(ValueError, match="admin_token"):
        health_app(status, admin_token="")


def test_under_a_real_uvicorn() -> None:
    states = iter(["healthy", "degraded", "unhealthy"])
    calls = 0

    async def check() -> HealthStatus:
        nonlocal calls
        calls += 1
        if calls == 4:
            raise RuntimeError("boom")
        return status(next(states))

    with UvicornThread(health_app(check, admin_token=ADMIN)) as server:
        with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {ADMIN}"}) as c:
            seen = []
            for _ in range(4):
                response = c.get("/healthz")
                seen.append((response.status_code, body_of(response).state))
            ready = c.get("/readyz")
        anonymous = httpx.get(server.url + "/readyz")
    assert seen == [(200, "healthy"), (200, "degraded"), (503, "unhealthy"), (503, "unhealthy")]
    assert ready.status_code == 503  # the check raises from its 4th call on
    assert json.loads(anonymous.content)["components"][0]["details"] == {}
    assert time.time() - body_of(anonymous).ts < 60
