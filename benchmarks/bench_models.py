"""The Store's ``FeedbackEvent`` against Core's: construction, dumping and parsing JSON.

Each sample times a batch of calls; Store and Core alternate within every round; the ratio is
Store's median over Core's median. Goals: ``create()`` ≤ 1.10x Core's constructor,
``model_dump_json`` and ``model_validate_json`` ≤ 1.05x.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from market_data_core.telemetry import BackpressureLevel
from market_data_core.telemetry import FeedbackEvent as CoreFeedbackEvent

from market_data_store_contracts import FeedbackEvent

from ._timing import interleaved, median, time_batch

__all__ = ["BATCH", "run"]

#: Calls timed by one sample.
BATCH = 2_000

FIELDS = {
    "coordinator_id": "bars_coordinator_1",
    "queue_size": 850,
    "capacity": 1000,
    "level": BackpressureLevel.soft,
}


def _pair(
    store: Callable[[], object], core: Callable[[], object], rounds: int, batch: int
) -> dict[str, float]:
    def timed(call: Callable[[], object]) -> Callable[[], float]:
        def sample() -> float:
            def loop() -> None:
                for _ in range(batch):
                    call()

            return time_batch(loop) / batch

        return sample

    samples = interleaved({"store": timed(store), "core": timed(core)}, rounds)
    store_ns, core_ns = median(samples["store"]), median(samples["core"])
    return {"store_ns": store_ns, "core_ns": core_ns, "ratio": store_ns / core_ns}


def run(rounds: int = 31, batch: int = BATCH) -> dict[str, float]:
    """Medians in nanoseconds per call and Store/Core ratios, keyed ``<operation>.<what>``."""
    fields = dict(FIELDS)
    create = FeedbackEvent.create

    def store_create() -> object:
        return create(**fields)

    def core_create() -> object:
        return CoreFeedbackEvent(**fields, source="store", ts=time.time())

    store_event = create(**fields)
    core_event = core_create()
    assert isinstance(core_event, CoreFeedbackEvent)
    store_json = store_event.model_dump_json()
    core_json = core_event.model_dump_json()

    results: dict[str, float] = {}
    operations = {
        "create": (store_create, core_create),
        "model_dump_json": (store_event.model_dump_json, core_event.model_dump_json),
        "model_validate_json": (
            lambda: FeedbackEvent.model_validate_json(store_json),
            lambda: CoreFeedbackEvent.model_validate_json(core_json),
        ),
    }
    for operation, (store, core) in operations.items():
        for key, value in _pair(store, core, rounds, batch).items():
            results[f"{operation}.{key}"] = value
    return results
