"""``python -m benchmarks --quick`` runs, prints its table and writes a complete JSON report.

Only the shape of the report is checked, never a time or whether a ratio meets its goal: the
machine is shared and noisy. The one verdict checked is not a time: using ``FeedbackEvent``
imports none of the tools' dependencies.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: These run the generator (directly or through the gate): the codegen extra.
pytestmark = pytest.mark.codegen

REQUIRED_RATIOS = {
    "create",
    "model_dump_json",
    "model_validate_json",
    "import",
    "compat_scaling",
    "compat_enum_scaling",
    "compat_enum_scaling_100k",
    "dialect_translation_scaling",
    "dialect_translation_scaling_10k",
    "dialect_translation_share",
    "compat_pattern_scaling",
    "compat_pattern_slow_shapes",
    "gate_vs_floor",
    "gate_vs_floor_history",
    "gate_vs_floor_cold",
    "gate_vs_floor_consumers_1",
    "gate_vs_floor_consumers_10",
    "gate_vs_floor_consumers_50",
    "consumer_vs_check",
    "bus_every_traceback_slowdown",
    "http_publisher",
    "redis_publisher",
    "redis_publish_replicas0",
    "redis_publish_replicas1",
    "redis_plain_read",
    "redis_group_read",
    "redis_group_vs_plain_read",
}
MACHINE_KEYS = {
    "date",
    "platform",
    "cpu_count",
    "python",
    "pydantic",
    "market_data_core",
    "market_data_store_contracts",
}


def positive_finite(value: object) -> bool:
    return isinstance(value, float) and math.isfinite(value) and value > 0


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any], Path]:
    output = tmp_path_factory.mktemp("bench") / "nested" / "latest.json"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,  # a guard against a hang, not a time limit on the benchmarks
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, json.loads(output.read_text(encoding="utf-8")), output


def test_the_quick_run_writes_its_report_atomically_where_output_says(
    quick_run: tuple[str, dict[str, Any], Path],
) -> None:
    stdout, _report, output = quick_run
    assert f"wrote {output}" in stdout
    assert [path.name for path in output.parent.iterdir()] == ["latest.json"]  # no temp file left


def test_the_report_has_every_section_and_the_machine_it_ran_on(
    quick_run: tuple[str, dict[str, Any], Path],
) -> None:
    _stdout, report, _output = quick_run
    assert set(report) >= {
        "machine",
        "settings",
        "ratios",
        "goals",
        "bus",
        "import_check",
        "measurements",
    }
    assert set(report["machine"]) >= MACHINE_KEYS
    assert report["machine"]["cpu_count"] >= 1
    assert report["settings"]["quick"] is True
    assert set(report["ratios"]) == REQUIRED_RATIOS
    assert report["goals"] == {
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


def test_every_required_ratio_is_a_positive_finite_number(
    quick_run: tuple[str, dict[str, Any], Path],
) -> None:
    _stdout, report, _output = quick_run
    for key in REQUIRED_RATIOS:
        assert positive_finite(report["ratios"][key]), key
    sections = ("models", "import", "bus", "compat", "dialects", "patterns", "wire")
    for section in (*sections, "redis_scale"):
        assert all(positive_finite(value) for value in report["measurements"][section].values())
    assert positive_finite(report["bus"]["events_per_second"])
    assert report["bus"]["subscribers"] == 10


def test_the_gate_ran_to_a_clean_verdict_on_this_checkout(
    quick_run: tuple[str, dict[str, Any], Path],
) -> None:
    _stdout, report, _output = quick_run
    gate = report["measurements"]["gate"]
    assert gate["exit_code"] == 0.0
    assert positive_finite(gate["gate_ns"])
    assert positive_finite(gate["floor_ns"])


def test_the_gate_ran_to_a_clean_verdict_on_a_history_of_twenty_releases(
    quick_run: tuple[str, dict[str, Any], Path],
) -> None:
    _stdout, report, _output = quick_run
    gate = report["measurements"]["gate"]
    assert (gate["exit_code_history"], gate["releases_history"]) == (0.0, 20.0)
    assert gate["exit_code_cold"] == 0.0
    assert positive_finite(gate["gate_history_ns"])
    assert positive_finite(gate["gate_cold_ns"])


def test_using_feedback_event_imports_none_of_the_tools(
    quick_run: tuple[str, dict[str, Any], Path],
) -> None:
    stdout, report, _output = quick_run
    assert report["import_check"]["checked"] == [
        "datamodel_code_generator",
        "jsonschema",
        "referencing",
        "interegular",
        "hypothesis",
    ]
    assert report["import_check"]["loaded"] == []
    assert "import check: using FeedbackEvent imported none of" in stdout


def test_the_table_shows_each_ratio_with_its_goal_and_a_marker(
    quick_run: tuple[str, dict[str, Any], Path],
) -> None:
    stdout, report, _output = quick_run
    lines = stdout.splitlines()
    assert lines[0].split() == ["ratio", "store", "reference", "x", "goal", "result"]
    table = lines[2 : 2 + len(report["ratios"])]  # after the header and its underline
    rows = {line.split()[0]: line for line in table}
    assert set(rows) == set(report["ratios"])
    for key, goal in report["goals"].items():
        assert f"<= {goal:.2f}" in rows[key]
        assert rows[key].endswith(("pass", "OVER"))
    assert rows["bus_every_traceback_slowdown"].endswith("info")
    assert "GET /healthz requests/s under uvicorn" in stdout


def test_the_gate_ran_to_a_clean_verdict_with_1_10_and_50_consumers(
    quick_run: tuple[str, dict[str, Any], Path],
) -> None:
    _stdout, report, _output = quick_run
    gate = report["measurements"]["gate"]
    for count in (1, 10, 50):
        assert gate[f"exit_code_consumers_{count}"] == 0.0
        assert positive_finite(gate[f"gate_consumers_{count}_ns"])
    assert gate["stage_consumers_1_ns"] < gate["stage_consumers_50_ns"]
    assert positive_finite(gate["check_per_consumer_ns"])
