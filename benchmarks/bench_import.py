"""What importing the package costs, against importing Core's telemetry, in fresh processes.

Three child processes per round, in rotating order: ``python -c pass`` (interpreter start-up),
``import market_data_core.telemetry``, and ``import market_data_store_contracts`` followed by
an access to ``.FeedbackEvent`` (the package loads names lazily, so the import alone would
measure nothing). Start-up is subtracted from the medians. Goal: ≤ 1.05x.

:func:`forbidden_imports` checks, in another fresh process that builds, dumps and parses an
event, that none of the tools' dependencies was imported.
"""

from __future__ import annotations

import json

from ._timing import interleaved, median, python, time_process

__all__ = ["FORBIDDEN", "forbidden_imports", "run"]

#: Modules the runtime must never import: the tools' and the tests' dependencies.
FORBIDDEN = ("datamodel_code_generator", "jsonschema", "referencing", "interegular", "hypothesis")

STARTUP = "pass"
CORE = "import market_data_core.telemetry"
STORE = "import market_data_store_contracts as m; m.FeedbackEvent"

USE_AND_REPORT = f"""
import json, sys
import market_data_store_contracts as m
event = m.FeedbackEvent.create("bars_coordinator_1", 850, 1000, "soft", reason="high_watermark")
assert m.FeedbackEvent.model_validate_json(event.model_dump_json()) == event
forbidden = {FORBIDDEN!r}
print(json.dumps(sorted(
    name for name in sys.modules if any(name == f or name.startswith(f + ".") for f in forbidden)
)))
"""


def _process(code: str) -> float:
    elapsed, done = time_process(python("-c", code))
    if done.returncode != 0:
        raise RuntimeError(f"python -c {code!r} exited {done.returncode}:\n{done.stderr}")
    return float(elapsed)


def run(rounds: int = 21) -> dict[str, float]:
    """Median wall times (ns) of the three processes and the start-up-free ratio Store/Core."""
    samples = interleaved(
        {
            "startup": lambda: _process(STARTUP),
            "core": lambda: _process(CORE),
            "store": lambda: _process(STORE),
        },
        rounds,
    )
    startup, core, store = (median(samples[name]) for name in ("startup", "core", "store"))
    return {
        "startup_ns": startup,
        "core_ns": core - startup,
        "store_ns": store - startup,
        "ratio": (store - startup) / (core - startup),
    }


def forbidden_imports() -> list[str]:
    """Forbidden modules that using ``FeedbackEvent`` imported (an empty list is the goal)."""
    _elapsed, done = time_process(python("-c", USE_AND_REPORT))
    if done.returncode != 0:
        raise RuntimeError(f"the import check exited {done.returncode}:\n{done.stderr}")
    loaded: list[str] = json.loads(done.stdout)
    return loaded
