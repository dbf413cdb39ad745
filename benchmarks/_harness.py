"""``python -m benchmarks``: run every benchmark, print the ratios, write them as JSON.

Every number compared is a ratio of two medians measured in the same run, so runs on a noisy
machine stay comparable; the absolute times are recorded too, with the machine they came from.
The goals are informational: a ratio over its goal is marked, never an error. A benchmark whose
subject fails (the gate crashing, the bus losing events) raises.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import math
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from market_data_store_contracts._documents.io import dump_json, write_atomic

from . import (
    bench_bus,
    bench_compat,
    bench_dialects,
    bench_gate,
    bench_import,
    bench_models,
    bench_patterns,
    bench_redis_scale,
    bench_wire,
)
from ._timing import ROOT

__all__ = ["DEFAULT_OUTPUT", "GOALS", "RATIOS", "Settings", "collect", "main", "render"]

DEFAULT_OUTPUT = ROOT / "benchmarks" / "results" / "latest.json"

#: Every ratio the report carries: key -> what it compares.
RATIOS = {
    "create": "FeedbackEvent.create() / Core FeedbackEvent(**fields, source=, ts=)",
    "model_dump_json": "Store / Core model_dump_json()",
    "model_validate_json": "Store / Core model_validate_json()",
    "import": "import + .FeedbackEvent / import market_data_core.telemetry",
    "compat_scaling": "compat checker, 1,000 / 100 properties",
    "compat_enum_scaling": "compat checker, enum of 10,000 / 1,000 values",
    "compat_enum_scaling_100k": "compat checker, enum of 100,000 / 10,000 values",
    "dialect_translation_scaling": "draft-07 -> 2020-12 translation, 1,000 / 100 properties",
    "dialect_translation_scaling_10k": "the same, 10,000 / 1,000 properties",
    "dialect_translation_share": "translation / whole check, 1,000-property draft-07 document",
    "compat_pattern_scaling": "compat checker, pattern [a-z]{1,200} / [a-z]{1,20} widened",
    "compat_pattern_slow_shapes": "compat checker, slowest once-slow pattern / a widened class",
    "gate_vs_floor": "store-contracts check / python importing core + datamodel_code_generator",
    "gate_vs_floor_history": "the same, on a checkout with 20 frozen releases",
    "gate_vs_floor_cold": "the same, --no-cache: the generator runs every time",
    "gate_vs_floor_consumers_1": "the same, on a checkout declaring 1 consumer",
    "gate_vs_floor_consumers_10": "the same, 10 consumers",
    "gate_vs_floor_consumers_50": "the same, 50 consumers",
    "consumer_vs_check": "time one more consumer adds to the consumers stage / one checker run",
    "bus_every_traceback_slowdown": "bus rate, rate-limited tracebacks / one per failure",
    "http_publisher": "HttpFeedbackPublisher time per event / bare httpx.AsyncClient.post loop",
    "redis_publisher": "RedisFeedbackPublisher time per event / bare redis.asyncio xadd loop",
    "redis_publish_replicas0": "the same, master with a replica, replicas=0 / bare XADD loop",
    "redis_publish_replicas1": "the same, replicas=1 / bare loop of XADD + WAIT 1 pipelines",
    "redis_plain_read": "read_feedback time per event / bare XREAD loop parsing each entry",
    "redis_group_read": "read_feedback(group=) / bare XAUTOCLAIM, XREADGROUP, XACK loop",
    "redis_group_vs_plain_read": "read_feedback(group=) / read_feedback, time per event",
}
#: Goals of the ratios that have one (informational).
GOALS = {
    "create": 1.10,
    "model_dump_json": 1.05,
    "model_validate_json": 1.05,
    "import": 1.05,
    "consumer_vs_check": 1.10,
    "http_publisher": 1.20,
    "redis_publisher": 1.20,
    "redis_publish_replicas0": 1.20,
    "redis_publish_replicas1": 1.20,
    "redis_plain_read": 1.20,
    "redis_group_read": 1.20,
}


@dataclass(frozen=True)
class Settings:
    model_rounds: int
    import_rounds: int
    gate_rounds: int
    compat_rounds: int
    bus_events: int
    bus_rounds: int
    bus_every_traceback_events: int
    wire_events: int
    wire_rounds: int
    health_requests: int

    @classmethod
    def for_mode(cls, quick: bool) -> Settings:
        if quick:
            return cls(5, 3, 1, 1, 5_000, 1, 2_000, 200, 1, 400)
        return cls(51, 21, 5, 5, 100_000, 3, 20_000, 2_000, 5, 4_000)


def machine() -> dict[str, Any]:
    """What the numbers were measured on, so runs can be compared."""

    def version(distribution: str) -> str | None:
        try:
            return importlib.metadata.version(distribution)
        except importlib.metadata.PackageNotFoundError:
            return None

    affinity = getattr(os, "sched_getaffinity", None)
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": platform.processor(),
        "cpu_count": os.cpu_count(),
        "cpus_usable": len(affinity(0)) if affinity else os.cpu_count(),
        "python": platform.python_version(),
        "python_implementation": platform.python_implementation(),
        "python_executable": sys.executable,
        "pydantic": version("pydantic"),
        "pydantic_core": version("pydantic-core"),
        "market_data_core": version("market-data-core"),
        "market_data_store_contracts": version("market-data-store-contracts"),
        "datamodel_code_generator": version("datamodel-code-generator"),
        "git_commit": commit.stdout.strip() or None,
    }


def collect(settings: Settings, log: Callable[[str], None] = lambda _line: None) -> dict[str, Any]:
    """Run every benchmark; the report that :func:`main` writes."""
    measurements: dict[str, dict[str, float]] = {}
    ratios: dict[str, float] = {}

    def step(name: str, function: Callable[[], dict[str, float]]) -> None:
        log(f"running {name} ...")
        start = time.perf_counter()
        measurements[name] = function()
        log(f"  {name}: {time.perf_counter() - start:.1f} s")

    step("models", lambda: bench_models.run(rounds=settings.model_rounds))
    step("import", lambda: bench_import.run(rounds=settings.import_rounds))
    forbidden = bench_import.forbidden_imports()
    step("compat", lambda: bench_compat.run(rounds=settings.compat_rounds))
    step("dialects", lambda: bench_dialects.run(rounds=settings.compat_rounds))
    step("patterns", lambda: bench_patterns.run(rounds=settings.compat_rounds))
    step("gate", lambda: bench_gate.run(rounds=settings.gate_rounds))
    step(
        "bus",
        lambda: bench_bus.run(
            settings.bus_events, settings.bus_rounds, settings.bus_every_traceback_events
        ),
    )

    step(
        "wire",
        lambda: bench_wire.run(
            settings.wire_events, settings.wire_rounds, settings.health_requests
        ),
    )

    step(
        "redis_scale",
        lambda: bench_redis_scale.run(settings.wire_events, settings.wire_rounds),
    )

    models = measurements["models"]
    for operation in ("create", "model_dump_json", "model_validate_json"):
        ratios[operation] = models[f"{operation}.ratio"]
    ratios["import"] = measurements["import"]["ratio"]
    ratios["compat_scaling"] = measurements["compat"]["wide_ratio"]
    ratios["compat_enum_scaling"] = measurements["compat"]["enum_ratio_10k"]
    ratios["compat_enum_scaling_100k"] = measurements["compat"]["enum_ratio_100k"]
    ratios["dialect_translation_scaling"] = measurements["dialects"]["scaling"]
    ratios["dialect_translation_scaling_10k"] = measurements["dialects"]["scaling_10k"]
    ratios["dialect_translation_share"] = measurements["dialects"]["share"]
    ratios["compat_pattern_scaling"] = measurements["patterns"]["pattern_ratio"]
    ratios["compat_pattern_slow_shapes"] = measurements["patterns"]["slow_shapes_ratio"]
    ratios["gate_vs_floor"] = measurements["gate"]["ratio"]
    ratios["gate_vs_floor_history"] = measurements["gate"]["ratio_history"]
    ratios["gate_vs_floor_cold"] = measurements["gate"]["ratio_cold"]
    gate = measurements["gate"]
    for count in bench_gate.CONSUMERS:
        ratios[f"gate_vs_floor_consumers_{count}"] = gate[f"ratio_consumers_{count}"]
    ratios["consumer_vs_check"] = gate["per_consumer_vs_check"]
    ratios["bus_every_traceback_slowdown"] = measurements["bus"]["every_traceback_slowdown"]
    ratios["http_publisher"] = measurements["wire"]["http_ratio"]
    ratios["redis_publisher"] = measurements["wire"]["redis_ratio"]
    scale = measurements["redis_scale"]
    ratios["redis_publish_replicas0"] = scale["publish_replicas0_ratio"]
    ratios["redis_publish_replicas1"] = scale["publish_replicas1_ratio"]
    ratios["redis_plain_read"] = scale["plain_read_ratio"]
    ratios["redis_group_read"] = scale["group_read_ratio"]
    ratios["redis_group_vs_plain_read"] = scale["group_vs_plain_read_ratio"]

    return {
        "machine": machine(),
        "settings": vars(settings),
        "ratios": ratios,
        "goals": GOALS,
        "descriptions": RATIOS,
        "bus": {
            "events": measurements["bus"]["events"],
            "subscribers": measurements["bus"]["subscribers"],
            "events_per_second": measurements["bus"]["events_per_second"],
        },
        "import_check": {"checked": list(bench_import.FORBIDDEN), "loaded": forbidden},
        "measurements": measurements,
    }


def _marker(key: str, ratio: float) -> str:
    goal = GOALS.get(key)
    if goal is None:
        return "info"
    return "pass" if ratio <= goal else "OVER"


def _dialect_times(dialects: dict[str, float], key: str) -> tuple[str, str]:
    """The two times a dialect-translation ratio divides."""
    if key == "dialect_translation_share":
        return (
            f"{dialects['translate_1000_ns'] / 1e6:.1f} ms",
            f"{dialects['check_1000_ns'] / 1e6:.1f} ms",
        )
    big, small = (10_000, 1_000) if key.endswith("_10k") else (1_000, 100)
    return (
        f"{dialects[f'translate_{big}_ns'] / 1e6:.1f} ms",
        f"{dialects[f'translate_{small}_ns'] / 1e6:.1f} ms",
    )


def _times(report: dict[str, Any], key: str) -> tuple[str, str]:  # noqa: PLR0911  one answer per group of ratios
    """Store and reference times of one ratio, for people."""
    m = report["measurements"]
    if key in ("create", "model_dump_json", "model_validate_json"):
        models = m["models"]
        return f"{models[f'{key}.store_ns']:,.0f} ns", f"{models[f'{key}.core_ns']:,.0f} ns"
    if key == "import":
        return f"{m['import']['store_ns'] / 1e6:.1f} ms", f"{m['import']['core_ns'] / 1e6:.1f} ms"
    if key.startswith("dialect_translation"):
        return _dialect_times(m["dialects"], key)
    if key.startswith("gate_vs_floor"):
        gate = m["gate"]["gate" + key.removeprefix("gate_vs_floor") + "_ns"]
        return f"{gate / 1e6:.0f} ms", f"{m['gate']['floor_ns'] / 1e6:.0f} ms"
    if key == "consumer_vs_check":
        added, check = m["gate"]["per_consumer_ns"], m["gate"]["check_per_consumer_ns"]
        return f"{added / 1e6:.1f} ms", f"{check / 1e6:.1f} ms"
    if key == "bus_every_traceback_slowdown":
        bus = m["bus"]
        return (
            f"{bus['events_per_second']:,.0f} ev/s",
            f"{bus['events_per_second_every_traceback']:,.0f} ev/s",
        )
    if key in ("http_publisher", "redis_publisher"):
        wire = m["wire"]
        kind = key.partition("_")[0]
        return (
            f"{wire[f'{kind}_publisher_events_per_second']:,.0f} ev/s",
            f"{wire[f'{kind}_bare_events_per_second']:,.0f} ev/s",
        )
    if key in _SCALE_TIMES:
        ours, reference = _SCALE_TIMES[key]
        scale = m["redis_scale"]
        return f"{scale[ours]:,.0f} ev/s", f"{scale[reference]:,.0f} ev/s"
    return "", ""


#: ratio -> (the package's rate, the reference rate) in the redis_scale measurements
_SCALE_TIMES = {
    "redis_publish_replicas0": (
        "publish_replicas0_events_per_second",
        "publish_replicas0_bare_events_per_second",
    ),
    "redis_publish_replicas1": (
        "publish_replicas1_events_per_second",
        "publish_replicas1_bare_events_per_second",
    ),
    "redis_plain_read": ("plain_read_events_per_second", "plain_read_bare_events_per_second"),
    "redis_group_read": ("group_read_events_per_second", "group_read_bare_events_per_second"),
    "redis_group_vs_plain_read": ("group_read_events_per_second", "plain_read_events_per_second"),
}


def render(report: dict[str, Any]) -> str:
    """The table of ratios, goals and markers, then the bus rate and the import check."""
    rows = [("ratio", "store", "reference", "x", "goal", "result")]
    for key in RATIOS:
        ratio = report["ratios"][key]
        store, reference = _times(report, key)
        goal = GOALS.get(key)
        rows.append(
            (
                key,
                store,
                reference,
                f"{ratio:.3f}",
                "-" if goal is None else f"<= {goal:.2f}",
                _marker(key, ratio),
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(6)]
    lines = []
    for index, row in enumerate(rows):
        cells = [
            row[0].ljust(widths[0]),
            *(cell.rjust(width) for cell, width in zip(row[1:5], widths[1:5], strict=True)),
            row[5],
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("-" * len(lines[0]))
    lines.extend(f"  {key}: {description}" for key, description in RATIOS.items())
    compat = report["measurements"]["compat"]
    lines.append("compat: " + ", ".join(f"{k}={v:.4g}" for k, v in compat.items()))
    patterns = report["measurements"]["patterns"]
    lines.append("patterns (ms): " + ", ".join(f"{k}={v:.4g}" for k, v in patterns.items()))
    bus = report["bus"]
    lines.append(
        f"bus: {bus['events_per_second']:,.0f} events/s "
        f"({bus['events']:,.0f} events to {bus['subscribers']:.0f} subscribers, 4 failing)"
    )
    wire = report["measurements"]["wire"]
    lines.append(
        f"health: {wire['healthz_requests_per_second']:,.0f} GET /healthz requests/s under "
        f"uvicorn ({bench_wire.HEALTH_CONCURRENCY} concurrent keep-alive clients)"
    )
    loaded = report["import_check"]["loaded"]
    checked = ", ".join(report["import_check"]["checked"])
    lines.append(
        f"import check: using FeedbackEvent imported {', '.join(loaded) if loaded else 'none'}"
        f" of {checked}"
    )
    return "\n".join(lines) + "\n"


def check_report(report: dict[str, Any]) -> None:
    """Refuse to write a report whose ratios are not positive finite numbers."""
    for key in RATIOS:
        value = report["ratios"].get(key)
        if not (isinstance(value, float) and math.isfinite(value) and value > 0):
            raise ValueError(f"ratio {key} is {value!r}, not a positive finite number")


def main(argv: Sequence[str] | None = None, stdout: TextIO = sys.stdout) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="few rounds, small bus (smoke test)")
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help=f"where to write the JSON report (default: {DEFAULT_OUTPUT.relative_to(ROOT)})",
    )
    args = parser.parse_args(argv)
    settings = Settings.for_mode(args.quick)
    report = collect(settings, log=lambda line: print(line, file=sys.stderr, flush=True))
    report["settings"]["quick"] = args.quick
    check_report(report)
    stdout.write(render(report))
    write_atomic(args.output, dump_json(report))
    stdout.write(f"wrote {args.output}\n")
    return 0
