"""``HttpFeedbackPublisher`` against a real HTTP server (uvicorn) on loopback, with faults."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import h11
import httpx
import market_data_core
import pytest
from hypothesis import given
from hypothesis import strategies as st
from market_data_core.telemetry import FeedbackEvent as CoreFeedbackEvent
from pydantic import SecretStr

from market_data_store_contracts import FeedbackBus, FeedbackEvent
from market_data_store_contracts.transport import HttpFeedbackPublisher, PublishError

from .servers import RawServer, Reply, Reset, Script, UvicornThread, closed_port

TOKEN = "t0ken-that-must-never-show-up-in-any-error-message"
FAST = {"backoff": 0.01, "timeout": 1.0}  # small backoffs keep the faults quick


def event(number: int = 1, reason: str | None = "high_watermark") -> FeedbackEvent:
    return FeedbackEvent.create("bars-1", number, 1000, "soft", reason=reason)


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


async def publish_all(publisher: HttpFeedbackPublisher, events: list[Any]) -> list[Any]:
    """Publish each event; the exception for each that raised, else None."""
    outcomes: list[Any] = []
    async with publisher:
        for item in events:
            try:
                await publisher.publish(item)
            except PublishError as error:
                outcomes.append(error)
            else:
                outcomes.append(None)
    return outcomes


def test_publish_posts_exactly_the_events_json_with_its_headers(
    receiver: tuple[Script, UvicornThread], assert_valid_on_the_wire: Callable[..., None]
) -> None:
    script, server = receiver
    item = event()
    publisher = HttpFeedbackPublisher(server.url + "/feedback", token=TOKEN, **FAST)
    assert run(publish_all(publisher, [item])) == [None]
    [receipt] = script.receipts
    assert receipt.body == item.model_dump_json().encode()
    assert receipt.headers["content-type"] == "application/json"
    assert receipt.headers["authorization"] == f"Bearer {TOKEN}"
    assert FeedbackEvent.model_validate_json(receipt.body) == item
    assert_valid_on_the_wire(script.bodies)
    assert (publisher.published, publisher.sent, publisher.failed, publisher.retried) == (
        1,
        1,
        0,
        0,
    )


def test_without_a_token_no_authorization_header_is_sent(
    receiver: tuple[Script, UvicornThread],
) -> None:
    script, server = receiver
    run(publish_all(HttpFeedbackPublisher(server.url), [event()]))
    assert "authorization" not in script.receipts[0].headers


def test_a_core_event_goes_out_as_cores_json(
    receiver: tuple[Script, UvicornThread], assert_valid_on_the_wire: Callable[..., None]
) -> None:
    script, server = receiver
    core = CoreFeedbackEvent(
        coordinator_id="c", queue_size=1, capacity=2, level="hard", ts=1.5, source="core"
    )
    run(publish_all(HttpFeedbackPublisher(server.url), [core]))
    assert script.bodies == [core.model_dump_json().encode()]
    assert "reason" not in json.loads(script.bodies[0])
    assert_valid_on_the_wire(script.bodies)


def test_it_is_a_core_feedback_publisher_and_hangs_off_the_bus(
    receiver: tuple[Script, UvicornThread],
) -> None:
    script, server = receiver
    publisher = HttpFeedbackPublisher(server.url, **FAST)
    assert isinstance(publisher, market_data_core.FeedbackPublisher)
    bus = FeedbackBus()
    bus.subscribe(publisher.publish)

    async def go() -> None:
        async with publisher:
            await bus.publish(event(7))

    run(go())
    assert [json.loads(body)["queue_size"] for body in script.bodies] == [7]
    assert bus.failures == 0


def test_a_failing_webhook_is_counted_as_a_bus_failure(
    receiver: tuple[Script, UvicornThread],
) -> None:
    script, server = receiver
    script.default = Reply(404)
    publisher = HttpFeedbackPublisher(server.url, **FAST)
    bus = FeedbackBus()
    bus.subscribe(publisher.publish)

    async def go() -> None:
        async with publisher:
            await bus.publish(event())

    run(go())
    assert bus.failures_of(publisher.publish) == 1
    assert publisher.failed == 1


def test_503_then_200_is_sent_after_one_counted_retry(
    receiver: tuple[Script, UvicornThread], assert_valid_on_the_wire: Callable[..., None]
) -> None:
    script, server = receiver
    script.then(Reply(503))
    item = event()
    publisher = HttpFeedbackPublisher(server.url, **FAST)
    assert run(publish_all(publisher, [item])) == [None]
    assert script.bodies == [item.model_dump_json().encode()] * 2  # the 503'd one, then the retry
    assert (publisher.sent, publisher.failed, publisher.retried) == (1, 0, 1)
    assert_valid_on_the_wire(script.bodies)


def test_only_5xx_forever_raises_with_the_last_status_after_every_retry(
    receiver: tuple[Script, UvicornThread],
) -> None:
    script, server = receiver
    script.default = Reply(500)
    script.then(Reply(503), Reply(502))
    publisher = HttpFeedbackPublisher(server.url, retries=3, token=TOKEN, **FAST)
    [error] = run(publish_all(publisher, [event()]))
    assert isinstance(error, PublishError)
    assert error.status == 500
    assert error.failures[0].attempts == 4
    assert len(script.receipts) == 4
    assert (publisher.sent, publisher.failed, publisher.retried) == (0, 1, 3)
    assert str(error) == f"feedback event not published: {server.url}: HTTP 500 after 4 attempts"
    assert TOKEN not in str(error)
    assert TOKEN not in repr(error)
    assert TOKEN not in repr(publisher)


def test_429_with_retry_after_waits_as_long_as_the_server_asks(
    receiver: tuple[Script, UvicornThread],
) -> None:
    script, server = receiver
    script.then(Reply(429, retry_after="1"))
    publisher = HttpFeedbackPublisher(server.url, **FAST)  # its own backoff would be ~10 ms
    assert run(publish_all(publisher, [event()])) == [None]
    first, second = script.receipts
    assert second.at - first.at >= 0.95  # the server's Retry-After, not the 10 ms backoff
    assert (publisher.sent, publisher.retried) == (1, 1)


def test_an_unreadable_retry_after_falls_back_to_the_backoff(
    receiver: tuple[Script, UvicornThread],
) -> None:
    script, server = receiver
    script.then(Reply(503, retry_after="\u00b2"))  # a digit to str.isdigit(), not to float()
    publisher = HttpFeedbackPublisher(server.url, **FAST)
    assert run(publish_all(publisher, [event()])) == [None]
    assert (len(script.receipts), publisher.sent, publisher.failed, publisher.retried) == (
        2,
        1,
        0,
        1,
    )


def test_a_retry_after_beyond_max_delay_ends_the_retries_instead_of_blocking(
    receiver: tuple[Script, UvicornThread],
) -> None:
    script, server = receiver
    script.then(Reply(429, retry_after="3600"))
    publisher = HttpFeedbackPublisher(server.url, max_delay=5, **FAST)
    [error] = run(publish_all(publisher, [event()]))
    assert error.status == 429
    assert "Retry-After 3600 s is more than max_delay" in str(error)
    assert (len(script.receipts), publisher.retried, publisher.failed) == (1, 0, 1)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 413, 422, 301])
def test_other_statuses_are_never_retried(
    receiver: tuple[Script, UvicornThread], status: int
) -> None:
    script, server = receiver
    script.default = Reply(status)
    publisher = HttpFeedbackPublisher(server.url, **FAST)
    [error] = run(publish_all(publisher, [event()]))
    assert isinstance(error, PublishError)
    assert error.status == status
    assert (len(script.receipts), publisher.retried, publisher.failed) == (1, 0, 1)


def test_a_server_slower_than_the_timeout_is_retried_and_the_duplicate_counted(
    receiver: tuple[Script, UvicornThread], assert_valid_on_the_wire: Callable[..., None]
) -> None:
    script, server = receiver
    script.then(Reply(200, delay=0.6))
    item = event()
    publisher = HttpFeedbackPublisher(server.url, timeout=0.2, backoff=0.01)
    assert run(publish_all(publisher, [item])) == [None]
    # The slow server had the body before the client gave up: received twice, one retry counted.
    assert script.bodies == [item.model_dump_json().encode()] * 2
    assert (publisher.sent, publisher.failed, publisher.retried) == (1, 0, 1)
    assert_valid_on_the_wire(script.bodies)


def test_a_server_always_slower_than_the_timeout_raises_a_timeout(
    receiver: tuple[Script, UvicornThread],
) -> None:
    script, server = receiver
    script.default = Reply(200, delay=0.5)
    publisher = HttpFeedbackPublisher(server.url, timeout=0.15, retries=1, backoff=0.01)
    [error] = run(publish_all(publisher, [event()]))
    assert isinstance(error.error, httpx.TimeoutException)
    assert error.status is None
    assert (publisher.sent, publisher.failed, publisher.retried) == (0, 1, 1)
    assert "ReadTimeout" in str(error)


def test_a_server_that_is_down_raises_a_connection_error_after_every_retry() -> None:
    url = f"http://127.0.0.1:{closed_port()}/feedback"
    publisher = HttpFeedbackPublisher(url, retries=2, **FAST)
    [error] = run(publish_all(publisher, [event()]))
    assert isinstance(error.error, httpx.ConnectError)
    assert error.targets == (url,)
    assert (publisher.published, publisher.sent, publisher.failed, publisher.retried) == (
        1,
        0,
        1,
        2,
    )


def test_a_connection_reset_mid_body_is_retried_on_a_new_connection(
    raw_server: tuple[Script, RawServer], assert_valid_on_the_wire: Callable[..., None]
) -> None:
    script, server = raw_server
    script.then(Reset(), Reset())
    item = event()
    publisher = HttpFeedbackPublisher(server.url, retries=3, **FAST)
    assert run(publish_all(publisher, [item, event(2)])) == [None, None]
    assert script.resets == 2
    # Each event received once: the reset attempts never delivered a whole body.
    assert [json.loads(body)["queue_size"] for body in script.bodies] == [1, 2]
    assert script.bodies[0] == item.model_dump_json().encode()
    assert (publisher.sent, publisher.failed, publisher.retried) == (2, 0, 2)
    assert_valid_on_the_wire(script.bodies)


def test_resets_on_every_attempt_raise_and_nothing_is_received(
    raw_server: tuple[Script, RawServer],
) -> None:
    script, server = raw_server
    script.default = Reset()
    publisher = HttpFeedbackPublisher(server.url, retries=2, **FAST)
    [error] = run(publish_all(publisher, [event()]))
    assert isinstance(error.error, httpx.TransportError)
    assert script.bodies == []
    assert (script.resets, publisher.failed, publisher.retried) == (3, 1, 2)


def test_fan_out_one_failing_url_neither_blocks_nor_fails_the_others(
    assert_valid_on_the_wire: Callable[..., None],
) -> None:
    good_script, bad_script = Script(), Script(default=Reply(503))
    from .servers import ReceiverApp

    down = f"http://127.0.0.1:{closed_port()}/x"
    with (
        UvicornThread(ReceiverApp(good_script)) as good,
        UvicornThread(ReceiverApp(bad_script)) as bad,
    ):
        publisher = HttpFeedbackPublisher(
            [good.url + "/a", bad.url + "/b", down], retries=3, backoff=0.05, timeout=1.0
        )
        item = event()
        [error] = run(publish_all(publisher, [item]))
    assert isinstance(error, PublishError)
    assert error.targets == (bad.url + "/b", down)
    assert error.delivered == 1
    assert [failure.status for failure in error.failures] == [503, None]
    assert good_script.bodies == [item.model_dump_json().encode()]
    # The good URL had the event while the bad one was still being retried.
    assert good_script.receipts[0].at < bad_script.receipts[-1].at
    assert len(bad_script.receipts) == 4
    assert (publisher.published, publisher.sent, publisher.failed, publisher.retried) == (
        1,
        1,
        2,
        6,
    )
    assert str(error).startswith("feedback event not published to 2 of 3 destinations: ")
    assert_valid_on_the_wire(good_script.bodies + bad_script.bodies)


def test_credentials_in_a_url_never_show_in_errors() -> None:
    url = f"http://user:pa55word@127.0.0.1:{closed_port()}/hook?key=s3cret"
    publisher = HttpFeedbackPublisher(url, retries=0)
    [error] = run(publish_all(publisher, [event()]))
    for text in (str(error), repr(error), repr(publisher), str(publisher.urls)):
        assert "pa55word" not in text
        assert "s3cret" not in text
        assert "user" not in text


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("file:///etc/passwd", "not file://"),
        ("ftp://example.org/x", "not ftp://"),
        ("FILE:///etc/passwd", "not file://"),
        ("localhost:8080/x", "not localhost://"),
        ("127.0.0.1:8080/x", "this one has no scheme"),
        ("/relative/path", "this one has no scheme"),
        ("", "this one has no scheme"),
        ("http://", "has no host"),
        ("http://127.0.0.1:99999/x", "invalid port"),
        ("gopher://127.0.0.1/", "not gopher://"),
    ],
)
def test_a_url_that_is_not_http_is_refused_at_construction(url: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        HttpFeedbackPublisher(url)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"url": 5}, TypeError),
        ({"url": []}, ValueError),
        ({"url": ["http://a/x", "http://a/x"]}, ValueError),
        ({"url": "http://a", "retries": -1}, ValueError),
        ({"url": "http://a", "retries": 1.5}, TypeError),
        ({"url": "http://a", "timeout": 0}, ValueError),
        ({"url": "http://a", "timeout": float("nan")}, ValueError),
        ({"url": "http://a", "backoff": -0.1}, ValueError),
        ({"url": "http://a", "token": ""}, ValueError),
        ({"url": "http://a", "token": SecretStr("  ")}, ValueError),
    ],
)
def test_bad_arguments_are_refused_at_construction(kwargs: dict[str, Any], error: type) -> None:
    with pytest.raises(error):
        HttpFeedbackPublisher(**kwargs)


@pytest.mark.parametrize(
    "token",
    [
        f"{TOKEN}\n",
        f"{TOKEN}\r\nX-Injected: 1",
        f"{TOKEN}\x00",
        f"{TOKEN} ",
        f" {TOKEN}",
        "t\u00f6ken",
    ],
)
def test_a_token_that_cannot_be_a_header_is_refused_without_quoting_it(token: str) -> None:
    # Accepted, it failed every publish with the HTTP library's error quoting the whole header.
    with pytest.raises(ValueError, match="token is not printable ASCII") as caught:
        HttpFeedbackPublisher("http://a", token=token)
    assert TOKEN not in str(caught.value)
    assert "t\u00f6ken" not in str(caught.value)


_ASCII = st.text(st.characters(max_codepoint=0x7F), max_size=20)


@given(st.one_of(_ASCII, st.text(max_size=20)), st.one_of(_ASCII, st.text(max_size=20)))
def test_every_accepted_token_makes_a_valid_header_and_no_refusal_quotes_it(
    before: str, after: str
) -> None:
    token = before + TOKEN + after
    try:
        HttpFeedbackPublisher("http://a", token=token)  # holds no connection until it sends
    except ValueError as error:
        message = str(error)
    else:
        # h11 (under httpx) checks header values as the wire will: it takes every accepted token.
        h11.Request(
            method="POST", target="/", headers=[("Host", "a"), ("Authorization", f"Bearer {token}")]
        )
        return
    assert TOKEN not in message


@pytest.mark.parametrize(
    "thing",
    [
        {"coordinator_id": "c", "queue_size": 1, "capacity": 2, "level": "ok", "ts": 1.0},
        '{"coordinator_id": "c"}',
        b"{}",
        None,
        42,
    ],
)
def test_a_non_event_is_a_type_error_and_nothing_is_sent(
    receiver: tuple[Script, UvicornThread], thing: object
) -> None:
    script, server = receiver
    publisher = HttpFeedbackPublisher(server.url)

    async def go() -> None:
        async with publisher:
            await publisher.publish(thing)  # type: ignore[arg-type]

    with pytest.raises(TypeError, match="publish\\(\\) takes a FeedbackEvent"):
        run(go())
    assert script.receipts == []
    assert publisher.published == 0


@pytest.mark.parametrize(
    "broken",
    [
        CoreFeedbackEvent(
            coordinator_id="c", queue_size=1, capacity=2, level="ok", ts=float("nan")
        ),
        FeedbackEvent.model_construct(
            coordinator_id="c", queue_size=1, capacity=2, level="ok", ts=None, source="store"
        ),
        FeedbackEvent.model_construct(
            coordinator_id="c", queue_size=1, capacity=2, level="ok", ts=1.0, source="s", reason=5
        ),
    ],
    ids=["core-event-with-nan-ts", "constructed-without-ts", "constructed-with-int-reason"],
)
def test_an_event_whose_json_its_contract_rejects_is_refused_before_sending(
    receiver: tuple[Script, UvicornThread], broken: CoreFeedbackEvent
) -> None:
    script, server = receiver
    publisher = HttpFeedbackPublisher(server.url)

    async def go() -> None:
        async with publisher:
            await publisher.publish(broken)

    with (
        pytest.raises(ValueError, match="the event's JSON is not a valid"),
        pytest.warns(UserWarning, match="serializ")
        if isinstance(broken, FeedbackEvent)
        else _nothing(),
    ):
        run(go())
    assert script.receipts == []
    assert publisher.published == 0


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_exc: object) -> None:
        return None


def test_a_closed_publisher_refuses_to_publish() -> None:
    publisher = HttpFeedbackPublisher("http://127.0.0.1:1/x")

    async def go() -> None:
        await publisher.aclose()
        await publisher.publish(event())

    with pytest.raises(RuntimeError, match="closed"):
        run(go())


def test_a_publisher_closed_while_waiting_to_retry_gives_up_without_another_attempt() -> None:
    url = f"http://127.0.0.1:{closed_port()}/feedback"
    publisher = HttpFeedbackPublisher(url, retries=3, backoff=1.0, uniform=lambda _low, high: high)

    async def go() -> PublishError:
        publishing = asyncio.create_task(publisher.publish(event()))
        await asyncio.sleep(0.2)  # the first attempt was refused; the retry is 1 s away
        await publisher.aclose()
        with pytest.raises(PublishError) as caught:
            await publishing
        return caught.value

    error = run(go())
    assert str(error).endswith("after 1 attempt (closed while waiting to retry)")
    assert isinstance(error.error, httpx.ConnectError)
    assert (publisher.published, publisher.sent, publisher.failed, publisher.retried) == (
        1,
        0,
        1,
        0,
    )


def test_a_publish_cancelled_midway_counts_as_failed_so_the_counters_add_up(
    receiver: tuple[Script, UvicornThread],
) -> None:
    script, server = receiver
    script.then(Reply(200, delay=0.5))
    publisher = HttpFeedbackPublisher(server.url, timeout=2.0)

    async def go() -> None:
        async with publisher:
            with pytest.raises(TimeoutError):
                await asyncio.wait_for(publisher.publish(event()), 0.1)
            await publisher.publish(event(2))

    run(go())
    assert (publisher.published, publisher.sent, publisher.failed) == (2, 1, 1)
