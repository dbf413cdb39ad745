"""Random kill points against real processes: a consumer dies (-9) after k entries, a master
dies (-9) after k publishes. Whatever k, nothing acknowledged is lost and duplicates stay
within what was in flight.

The default profile draws the same few kill points on every run (a CI-sized budget: each
consumer example starts a Python process, each master example a fresh master, two replicas,
three sentinels and a failover); ``HYPOTHESIS_PROFILE=deep`` draws many more, at random.
"""

from __future__ import annotations

import asyncio
import itertools
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .crashes import crash_and_recover, pending, publish_through_a_failover
from .servers import RedisServer
from .topologies import SentinelSet

DEEP = os.environ.get("HYPOTHESIS_PROFILE") == "deep"
SLOW_FIXTURES = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]

#: Each example's own stream (hypothesis runs every example in the same test function).
_STREAMS = itertools.count(1)


@st.composite
def consumer_kill_points(draw: st.DrawFn) -> tuple[int, int, int]:
    """(events published, the entry the consumer dies holding, entries per XREADGROUP)."""
    total = draw(st.integers(1, 30))
    return total, draw(st.integers(1, total)), draw(st.integers(1, 10))


@settings(max_examples=40 if DEEP else 4, suppress_health_check=SLOW_FIXTURES)
@given(point=consumer_kill_points())
def test_a_consumer_killed_after_any_number_of_entries_loses_none(
    redis_server: RedisServer, point: tuple[int, int, int]
) -> None:
    total, hold_at, count = point
    stream = f"kill-consumer:{next(_STREAMS)}"
    dead, survivor = crash_and_recover(redis_server.url, stream, total, hold_at, count)
    acknowledged = dead[:-1]  # the dead consumer asked for the next one after each of these
    everything = {number for _, number in dead} | {number for _, number in survivor}
    assert everything == set(range(total))
    assert not set(acknowledged) & set(survivor)  # nothing acknowledged comes back
    duplicates = {entry_id for entry_id, _ in dead} & {entry_id for entry_id, _ in survivor}
    assert duplicates == {dead[-1][0]}  # exactly the one in flight
    assert len(survivor) == len({entry_id for entry_id, _ in survivor})
    assert pending(redis_server.url, stream, "g") == {}


@settings(max_examples=8 if DEEP else 2, suppress_health_check=SLOW_FIXTURES)
@given(before=st.integers(0, 40))
def test_a_master_killed_after_any_number_of_publishes_keeps_every_confirmed_event(
    redis_binary: str, tmp_path: Path, before: int
) -> None:
    directory = tmp_path / f"set{next(_STREAMS)}"
    with SentinelSet(redis_binary, directory) as topology:
        returned, raised, stored, publisher = asyncio.run(
            asyncio.wait_for(publish_through_a_failover(topology, "kill-master", before), 60)
        )
    assert returned[:before] == list(range(1, before + 1))  # before the kill, all confirmed
    assert set(returned) <= set(stored)  # nothing confirmed is lost
    assert set(stored) <= set(returned) | set(raised)
    assert len(stored) - len(set(stored)) <= publisher.retried
    assert publisher.sent == len(returned)
    assert publisher.failed == len(raised)
