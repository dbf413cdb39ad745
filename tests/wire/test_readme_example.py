"""The "Wire the Store" example of docs/wire.md (moved there from the README) runs as written,
against real servers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import redis

from .servers import ReceiverApp, RedisServer, Script, UvicornThread

PAGE = Path(__file__).resolve().parents[2] / "docs" / "wire.md"


def example() -> str:
    """The first Python block under the page's "Wire the Store" heading, whatever its level."""
    [_, section] = re.split(
        r"^#+ Wire the Store\n", PAGE.read_text(encoding="utf-8"), maxsplit=1, flags=re.M
    )
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def test_the_wire_the_store_example_feeds_http_and_redis_at_once(
    redis_binary: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = Script()
    with UvicornThread(ReceiverApp(script)) as web, RedisServer(redis_binary, tmp_path) as server:
        monkeypatch.setenv("ADMIN_TOKEN", "r" * 40)
        monkeypatch.setenv("FEEDBACK_WEBHOOK_URLS", web.url + "/feedback")
        monkeypatch.setenv("REDIS_URL", server.url)
        exec(compile(example(), str(PAGE), "exec"), {"__name__": "readme"})
        client = redis.Redis.from_url(server.url)
        try:
            entries = client.xrange("market-data:feedback")
        finally:
            client.close()
    [body] = script.bodies
    [(_, fields)] = entries
    assert fields[b"event"] == body
    assert json.loads(body)["reason"] == "high_watermark"
