"""Random sequences of server behaviour against ``HttpFeedbackPublisher``'s accounting.

A strategy draws what the server does with each request (a status, with or without
``Retry-After``; an answer slower than the client's timeout; a connection reset mid-body) and
how many events to publish. A model of the retry policy predicts, from that script alone, which
publishes return, which raise, what the counters say and which bodies the server receives; the
real publisher and a real server must agree. Whatever the script, the invariants hold:
``sent + failed == published``, every event reported sent was received, every received body
is a published event that validates with Core's model and the published schema, and no event
was received more often than once plus its retries.

CI runs a small slice; ``HYPOTHESIS_PROFILE=deep`` runs many more examples.
"""

from __future__ import annotations

import asyncio
import json
import os
from dataclasses import dataclass

import jsonschema
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from market_data_core.telemetry import FeedbackEvent as CoreFeedbackEvent

from market_data_store_contracts import FeedbackEvent, schemas
from market_data_store_contracts.transport import HttpFeedbackPublisher, PublishError

from .servers import Action, RawServer, Reply, Reset, Script

TIMEOUT = 0.3
SLOW = 0.45  # past TIMEOUT: the client gives up after the server has the body
RETRIES = 2
DEEP = os.environ.get("HYPOTHESIS_PROFILE") == "deep"
CORE_SCHEMA = jsonschema.Draft202012Validator(schemas.load("core.FeedbackEvent"))

actions = st.one_of(
    st.sampled_from([200, 201, 204]).map(Reply),
    st.sampled_from([400, 401, 404, 409, 422]).map(Reply),
    st.sampled_from([429, 500, 502, 503, 504]).map(Reply),
    st.sampled_from([429, 503]).map(lambda status: Reply(status, retry_after="0")),
    st.just(Reply(200, delay=SLOW)),
    st.just(Reset()),
)


@dataclass
class Expected:
    returned: list[int]
    raised: list[int]
    received: list[int]
    retried: int


def predict(script: list[Action], events: int) -> Expected:
    """What the retry policy must do with ``script`` (then 200s) for ``events`` publishes."""
    queue = list(script)
    expected = Expected([], [], [], 0)
    for number in range(events):
        for attempt in range(1, RETRIES + 2):
            action = queue.pop(0) if queue else Reply()
            if isinstance(action, Reset):
                retryable = True
            else:
                expected.received.append(number)
                if action.delay:
                    retryable = True
                elif 200 <= action.status < 300:
                    expected.returned.append(number)
                    break
                else:
                    retryable = action.status == 429 or action.status >= 500
            if not retryable or attempt == RETRIES + 1:
                expected.raised.append(number)
                break
            expected.retried += 1
    return expected


async def publish(
    url: str, events: list[FeedbackEvent]
) -> tuple[list[int], list[int], tuple[int, ...]]:
    returned, raised = [], []
    async with HttpFeedbackPublisher(url, timeout=TIMEOUT, retries=RETRIES, backoff=0.001) as pub:
        for number, item in enumerate(events):
            try:
                await pub.publish(item)
            except PublishError:
                raised.append(number)
            else:
                returned.append(number)
        counters = (pub.published, pub.sent, pub.failed, pub.retried)
    return returned, raised, counters


@settings(
    max_examples=200 if DEEP else 12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(script=st.lists(actions, max_size=10), events=st.integers(1, 4))
@example(script=[Reset(), Reply(503), Reply(200)], events=1)
@example(script=[Reply(200, delay=SLOW), Reply(429, retry_after="0")], events=2)
@example(script=[Reply(404), Reset(), Reset(), Reset()], events=2)
@example(script=[Reply(204)], events=2)  # a body-less answer must leave the connection usable
def test_accounting_holds_whatever_the_server_does(script: list[Action], events: int) -> None:
    stream = [FeedbackEvent.create("c", number, 10, "soft", reason="r") for number in range(events)]
    expected = predict(script, events)
    server_script = Script().then(*script)
    with RawServer(server_script) as server:
        returned, raised, counters = asyncio.run(publish(server.url, stream))
    received = [json.loads(body)["queue_size"] for body in server_script.bodies]
    published, sent, failed, retried = counters

    # the invariants, whatever the script
    assert sent + failed == published == events
    assert set(returned) <= set(received)  # nothing reported sent that was not received
    for body in server_script.bodies:
        assert body in {item.model_dump_json().encode() for item in stream}
        CoreFeedbackEvent.model_validate_json(body)
        CORE_SCHEMA.validate(json.loads(body))
    assert len(received) - len(set(received)) <= retried

    # and exactly what the policy predicts
    assert (returned, raised) == (expected.returned, expected.raised)
    assert (sent, failed, retried) == (
        len(expected.returned),
        len(expected.raised),
        expected.retried,
    )
    assert received == expected.received
