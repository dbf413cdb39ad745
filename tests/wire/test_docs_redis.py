"""The Python examples of docs/redis.md run as written, against real servers.

Each example says in its first line what the environment holds (``# REDIS_URL=redis+sentinel://
...``, ``# SENTINELS=...``); the test sets that variable to the matching topology on loopback,
runs the example and checks what it printed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .topologies import ClusterNodes, SentinelSet

PAGE = Path(__file__).resolve().parents[2] / "docs" / "redis.md"
MARKER = "<!-- runs against real servers in tests/wire/test_docs_redis.py -->"
BLOCKS = re.findall(
    re.escape(MARKER) + r"\n```python\n(.*?)^```", PAGE.read_text("utf-8"), re.S | re.M
)


def test_every_python_example_of_the_page_is_run_here() -> None:
    assert len(BLOCKS) == 4
    assert PAGE.read_text("utf-8").count("```python") == len(BLOCKS)


def run(block: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    exec(compile(block, str(PAGE), "exec"), {"__name__": "docs_redis"})
    return capsys.readouterr().out.splitlines()


@pytest.fixture
def environment(
    sentinel_set: SentinelSet, redis_cluster: ClusterNodes, monkeypatch: pytest.MonkeyPatch
) -> pytest.MonkeyPatch:
    monkeypatch.setenv("ADMIN_TOKEN", "d" * 40)
    monkeypatch.setenv("POD_NAME", "docs-pod")
    return monkeypatch


def set_for(block: str, monkeypatch: pytest.MonkeyPatch, topologies: dict[str, str]) -> str:
    """Set the variable the block's first line names; the kind of topology it wanted."""
    first = block.splitlines()[0]
    variable, _, example = first.removeprefix("# ").partition("=")
    kind = "sentinels" if variable == "SENTINELS" else example.partition("://")[0]
    monkeypatch.setenv(variable, topologies[kind])
    return kind


def test_the_examples_publish_durably_share_work_and_shard_by_coordinator(
    environment: pytest.MonkeyPatch,
    sentinel_set: SentinelSet,
    redis_cluster: ClusterNodes,
    capsys: pytest.CaptureFixture[str],
) -> None:
    topologies = {
        "sentinels": ",".join(f"{host}:{port}" for host, port in sentinel_set.sentinel_addresses),
        "redis+sentinel": sentinel_set.url,
        "redis+cluster": redis_cluster.url,
    }
    kinds, printed = [], []
    for block in BLOCKS:  # in order: the group reads what the examples before it published
        kinds.append(set_for(block, environment, topologies))
        printed.append(run(block, capsys))
    assert kinds == ["sentinels", "redis+sentinel", "redis+sentinel", "redis+cluster"]
    client_example, durable, group, sharded = printed
    assert client_example == ["1"]  # the entry, read through the client left open
    assert durable == ["1 0"]  # sent, failed
    assert group == ["2 0 0"]  # both events, nothing skipped, nothing claimed
    assert sharded == ["bars-1 [10]", "bars-2 [10]", "quotes-1 [10]"]
