"""``read_feedback(group=...)``: consumer groups against a real ``redis-server`` on loopback.

At least once: an entry is acknowledged when the next one is asked for or the reader closes
normally, never when the reader dies; entries idle at any consumer for ``claim_idle`` are
claimed and yielded before new ones; entries that are not events are acknowledged and
counted, so none blocks the group. The crash test kills a consumer process with -9.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import redis

from market_data_store_contracts.transport import FeedbackReader, read_feedback

from .crashes import crash_and_recover, event, pending, publish
from .servers import RedisServer
from .topologies import ClusterNodes


async def drain(reader: FeedbackReader[Any], limit: int | None = None) -> list[int]:
    numbers = []
    async with reader:
        async for entry in reader:
            numbers.append(entry.event.queue_size)
            if len(numbers) == limit:
                break
    return numbers


async def fail_handling(reader: FeedbackReader[Any], number: int) -> None:
    """Handle entries until the event numbered ``number``, then raise out of the block."""
    async with reader:
        async for entry in reader:
            if entry.event.queue_size == number:
                raise RuntimeError("handler failed")


def test_a_group_is_created_at_last_id_with_the_stream_when_missing(
    redis_server: RedisServer, stream: str
) -> None:
    url = redis_server.url

    async def go() -> tuple[list[int], list[int], list[int]]:
        empty = await drain(read_feedback(url, stream=stream, group="new"))  # MKSTREAM
        await publish(url, stream, range(3))
        late = await drain(read_feedback(url, stream=stream, group="late", last_id="$"))
        await publish(url, stream, [3])
        return (
            empty,
            await drain(read_feedback(url, stream=stream, group="new")),
            late + await drain(read_feedback(url, stream=stream, group="late")),
        )

    empty, new, late = asyncio.run(go())
    assert empty == []
    assert new == [0, 1, 2, 3]
    assert late == [3]  # the group began after the entries that were there


def test_an_entry_is_acknowledged_when_the_next_is_asked_for_or_on_close(
    redis_server: RedisServer, stream: str
) -> None:
    url = redis_server.url

    async def go() -> list[list[str]]:
        await publish(url, stream, range(3))
        reader = read_feedback(url, stream=stream, group="g", consumer="c1", count=1)
        states = []
        for _ in range(3):
            entry = await anext(reader)
            states.append([*pending(url, stream, "g"), entry.entry_id])
        await reader.aclose()
        states.append(list(pending(url, stream, "g")))
        return states

    *held, after = asyncio.run(go())
    for pending_ids, entry_id in ((state[:-1], state[-1]) for state in held):
        assert pending_ids == [entry_id]  # only the one being handled
    assert after == []


def test_an_exception_leaving_the_block_leaves_the_entry_pending_for_another_consumer(
    redis_server: RedisServer, stream: str
) -> None:
    url = redis_server.url

    async def go() -> tuple[dict[str, str], list[int], int]:
        await publish(url, stream, range(3))
        reader = read_feedback(url, stream=stream, group="g", consumer="a", count=1)
        with pytest.raises(RuntimeError, match="handler failed"):
            await fail_handling(reader, 1)
        left = pending(url, stream, "g")
        await asyncio.sleep(0.2)
        other = read_feedback(url, stream=stream, group="g", consumer="b", claim_idle=0.1)
        return left, await drain(other), other.claimed

    left, numbers, claimed = asyncio.run(go())
    assert list(left.values()) == ["a"]  # entry 1, not acknowledged
    assert numbers == [1, 2]  # claimed first, then the new one
    assert claimed == 1
    assert pending(url, stream, "g") == {}


def test_two_consumers_of_one_group_share_the_work_and_two_groups_each_see_everything(
    redis_server: RedisServer, stream: str
) -> None:
    url = redis_server.url

    async def go() -> tuple[list[int], list[int], list[int]]:
        await publish(url, stream, range(40))
        first = read_feedback(url, stream=stream, group="service", consumer="a", count=5)
        second = read_feedback(url, stream=stream, group="service", consumer="b", count=5)
        got: dict[str, list[int]] = {"a": [], "b": []}

        async def work(name: str, reader: FeedbackReader[Any]) -> None:
            async with reader:
                async for entry in reader:
                    got[name].append(entry.event.queue_size)
                    await asyncio.sleep(0)  # let the other consumer in

        await asyncio.gather(work("a", first), work("b", second))
        fan_out = await drain(read_feedback(url, stream=stream, group="another-instance"))
        return got["a"], got["b"], fan_out

    a, b, fan_out = asyncio.run(go())
    assert a
    assert b
    assert not set(a) & set(b)
    assert sorted(a + b) == list(range(40))
    assert fan_out == list(range(40))
    assert pending(url, stream, "service") == {}


def test_entries_that_are_not_events_are_acknowledged_and_counted(
    redis_server: RedisServer, stream: str
) -> None:
    url = redis_server.url

    async def go() -> tuple[list[int], int]:
        with redis.Redis.from_url(url) as client:
            client.xadd(stream, {"event": event(1).model_dump_json()})
            client.xadd(stream, {"event": "{not json"})
            client.xadd(stream, {"other": "no event field"})
            client.xadd(stream, {"event": event(2).model_dump_json()})
            client.xadd(stream, {"event": "[]"})
        reader = read_feedback(url, stream=stream, group="g", count=2)
        return await drain(reader), reader.skipped

    numbers, skipped = asyncio.run(go())
    assert numbers == [1, 2]
    assert skipped == 3
    assert pending(url, stream, "g") == {}


def test_entries_read_but_not_yielded_are_handed_back_at_close(
    redis_server: RedisServer, stream: str
) -> None:
    """One XREADGROUP takes ``count`` entries; closing after the first hands the other nine
    back, marked idle for ``claim_idle``: the next consumer claims them at once."""
    url = redis_server.url

    async def go() -> tuple[list[int], dict[str, str], list[int], int]:
        await publish(url, stream, range(12))
        first = await drain(read_feedback(url, stream=stream, group="g", count=10), limit=1)
        left = pending(url, stream, "g")
        other = read_feedback(url, stream=stream, group="g", consumer="b", claim_idle=30)
        return first, left, await drain(other), other.claimed

    first, left, rest, claimed = asyncio.run(go())
    assert first == [0]
    assert len(left) == 9
    assert rest == list(range(1, 12))
    assert claimed == 9
    assert pending(url, stream, "g") == {}


def test_a_consumer_restarted_under_its_name_takes_back_its_own_entries_first(
    redis_server: RedisServer, stream: str
) -> None:
    url = redis_server.url

    async def go() -> tuple[list[int], int]:
        await publish(url, stream, range(3))
        reader = read_feedback(url, stream=stream, group="g", consumer="pod-7", count=1)
        with pytest.raises(RuntimeError, match="handler failed"):
            await fail_handling(reader, 0)
        await publish(url, stream, [3])
        again = read_feedback(url, stream=stream, group="g", consumer="pod-7", claim_idle=30)
        return await drain(again), again.claimed

    numbers, claimed = asyncio.run(go())
    assert numbers == [0, 1, 2, 3]  # its own pending entry at once, not after claim_idle
    assert claimed == 0


def test_a_claimed_entry_trimmed_from_the_stream_is_skipped_and_acknowledged(
    redis_server: RedisServer, stream: str
) -> None:
    url = redis_server.url

    async def go() -> tuple[list[int], int, int]:
        await publish(url, stream, range(2))
        reader = read_feedback(url, stream=stream, group="g", consumer="a", count=2)
        with pytest.raises(RuntimeError, match="handler failed"):
            await fail_handling(reader, 0)  # holding both: count=2
        with redis.Redis.from_url(url) as client:
            client.xtrim(stream, maxlen=0)  # both pending entries are gone from the stream
        await publish(url, stream, [5])
        await asyncio.sleep(0.15)
        other = read_feedback(url, stream=stream, group="g", consumer="b", claim_idle=0.1)
        return await drain(other), other.skipped, other.claimed

    numbers, skipped, claimed = asyncio.run(go())
    assert numbers == [5]
    with redis.Redis.from_url(url) as client:
        major = int(str(client.info("server")["redis_version"]).split(".")[0])
    # 6.2 claims them as nil entries (read back, skipped, acknowledged); 7.0 and later drop
    # them from the pending list itself and report their ids apart.
    assert (skipped, claimed) == ((2, 2) if major < 7 else (0, 0))
    assert pending(url, stream, "g") == {}


def test_a_group_reads_through_a_cluster_client(redis_cluster: ClusterNodes, stream: str) -> None:
    async def go() -> tuple[list[int], list[int]]:
        await publish(redis_cluster.url, stream, range(10))
        first = await drain(
            read_feedback(redis_cluster.url, stream=stream, group="g", count=3), limit=4
        )
        rest = await drain(read_feedback(redis_cluster.url, stream=stream, group="g"))
        return first, rest

    first, rest = asyncio.run(go())
    assert first == [0, 1, 2, 3]
    assert rest == list(range(4, 10))  # 4-5 handed back, claimed at once; then new ones


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"consumer": "c"}, "consumer names a member of a group: give group too"),
        ({"group": ""}, "group must be a non-empty string"),
        ({"group": "g", "claim_idle": 0}, "claim_idle must be a finite number of seconds > 0"),
    ],
)
def test_bad_group_arguments_are_refused_at_construction(
    kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        read_feedback("redis://127.0.0.1", **kwargs)


# --- a consumer process killed with -9 ---------------------------------------------------------


def test_a_consumer_killed_holding_an_entry_leaves_it_to_the_group(
    redis_server: RedisServer, stream: str
) -> None:
    dead, survivor = crash_and_recover(redis_server.url, stream, total=20, hold_at=5, count=8)
    held = dead[-1]
    assert held in survivor  # handed out again after claim_idle
    assert {n for _, n in dead} | {n for _, n in survivor} == set(range(20))  # all seen
    assert {i for i, _ in dead} & {i for i, _ in survivor} == {held[0]}  # one in flight
    assert pending(redis_server.url, stream, "g") == {}  # nothing left pending
