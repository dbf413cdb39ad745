"""A consumer of a feedback stream's group, run in its own process by the crash tests.

``python group_consumer.py URL STREAM GROUP CONSUMER HOLD_AT COUNT`` reads the group as
CONSUMER, prints ``<entry id> <queue_size>`` for every event it is given (flushed at once),
and after the HOLD_AT-th one stops asking for more: it holds that entry, not acknowledged,
until it is killed. The entries before it were acknowledged when it asked for the next one.
"""

from __future__ import annotations

import asyncio
import sys

from market_data_store_contracts.transport import read_feedback


async def consume(
    url: str, stream: str, group: str, consumer: str, hold_at: int, count: int
) -> None:
    reader = read_feedback(
        url, stream=stream, group=group, consumer=consumer, follow=True, block=0.1, count=count
    )
    seen = 0
    async for entry in reader:
        seen += 1
        print(entry.entry_id, entry.event.queue_size, flush=True)
        if seen == hold_at:
            await asyncio.sleep(3600)  # holding it: the test kills this process with -9


if __name__ == "__main__":
    url, stream, group, consumer, hold_at, count = sys.argv[1:7]
    asyncio.run(consume(url, stream, group, consumer, int(hold_at), int(count)))
