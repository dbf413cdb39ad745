"""Timing helpers shared by the benchmark modules.

The machine is shared and noisy, so absolute times mean little: every benchmark times the
Store variant and its Core counterpart *in the same round*, alternates which of them goes
first, and reports the ratio of the medians over rounds.
"""

from __future__ import annotations

import gc
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

__all__ = [
    "ROOT",
    "interleaved",
    "median",
    "python",
    "time_batch",
    "time_process",
]

#: The checkout: benchmarks that start processes run them from here.
ROOT = Path(__file__).resolve().parent.parent


def median(samples: Sequence[float]) -> float:
    return float(statistics.median(samples))


def time_batch(batch: Callable[[], object]) -> int:
    """Nanoseconds one call of ``batch`` takes, with the cyclic GC paused (as ``timeit`` does)."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter_ns()
        batch()
        return time.perf_counter_ns() - start
    finally:
        gc.enable()


def interleaved(
    variants: Mapping[str, Callable[[], float]], rounds: int, warmup: int = 1
) -> dict[str, list[float]]:
    """Run every variant once per round, rotating the order each round; samples per variant.

    Each variant is a function that performs one measurement and returns it. ``warmup`` rounds
    run first and are thrown away (imports, caches, the first pydantic call).
    """
    names = list(variants)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for index in range(warmup + rounds):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            value = variants[name]()
            if index >= warmup:
                samples[name].append(value)
    return samples


def time_process(
    argv: Sequence[str], *, cwd: Path = ROOT
) -> tuple[int, subprocess.CompletedProcess[str]]:
    """Run one child process to completion: (wall nanoseconds, the finished process)."""
    start = time.perf_counter_ns()
    done = subprocess.run(
        list(argv),
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    return time.perf_counter_ns() - start, done


def python(*args: str) -> list[str]:
    """A command line that runs this interpreter (the project's virtualenv) with ``args``."""
    return [sys.executable, *args]
