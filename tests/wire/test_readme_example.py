"""The README's "Wire the Store" example runs as written, against real servers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import redis

from .servers import ReceiverApp, RedisServer, Script, UvicornThread

README = Path(__file__).resolve().parents[2] / "README.md"


def example() -> str:
    section = README.read_text(encoding="utf-8").split("### Wire the Store", 1)[1]
    return section.split("```python", 1)[1].split("```", 1)[0]


def test_the_wire_the_store_example_feeds_http_and_redis_at_once(
    redis_binary: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = Script()
    with UvicornThread(ReceiverApp(script)) as web, RedisServer(redis_binary, tmp_path) as server:
        monkeypatch.setenv("ADMIN_TOKEN", "r" * 40)
        monkeypatch.setenv("FEEDBACK_WEBHOOK_URLS", web.url + "/feedback")
        monkeypatch.setenv("REDIS_URL", server.url)
        exec(compile(example(), str(README), "exec"), {"__name__": "readme"})
        client = redis.Redis.from_url(server.url)
        try:
            entries = client.xrange("market-data:feedback")
        finally:
            client.close()
    [body] = script.bodies
    [(_, fields)] = entries
    assert fields[b"event"] == body
    assert json.loads(body)["reason"] == "high_watermark"
