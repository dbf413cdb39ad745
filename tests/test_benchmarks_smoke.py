"""``python -m benchmarks --quick`` runs, prints its table and writes a complete JSON report.

Only the shape of the report is checked, never a time or whether a ratio meets its goal: the
machine is shared and noisy. The one verdict checked is not a time: using ``FeedbackEvent``
imports none of the tools' dependencies.
"""

from __future__ import annotations

import importlib.util
import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent

REQUIRED_RATIOS = {
    "create",
    "model_dump_json",
    "model_validate_json",
    "import",
    "bus_every_traceback_slowdown",
}
#: Ratios of tools other people are writing: each is a number once its tool exists.
OPTIONAL_RATIOS = {"compat_scaling": "compat", "gate_vs_floor": "gate"}
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
        "unavailable",
    }
    assert set(report["machine"]) >= MACHINE_KEYS
    assert report["machine"]["cpu_count"] >= 1
    assert report["settings"]["quick"] is True
    assert set(report["ratios"]) == REQUIRED_RATIOS | set(OPTIONAL_RATIOS)
    assert report["goals"] == {
        "create": 1.10,
        "model_dump_json": 1.05,
        "model_validate_json": 1.05,
        "import": 1.05,
    }


def test_every_required_ratio_is_a_positive_finite_number(
    quick_run: tuple[str, dict[str, Any], Path],
) -> None:
    _stdout, report, _output = quick_run
    for key in REQUIRED_RATIOS:
        assert positive_finite(report["ratios"][key]), key
    for section in ("models", "import", "bus"):
        assert all(positive_finite(value) for value in report["measurements"][section].values())
    assert positive_finite(report["bus"]["events_per_second"])
    assert report["bus"]["subscribers"] == 10


def test_an_optional_ratio_is_a_number_or_says_why_it_is_not_available(
    quick_run: tuple[str, dict[str, Any], Path],
) -> None:
    stdout, report, _output = quick_run
    for key, section in OPTIONAL_RATIOS.items():
        value = report["ratios"][key]
        if value is None:
            assert report["unavailable"][section], key
            assert f"not available: {section}: " in stdout
        else:
            assert positive_finite(value), key
            assert section not in report["unavailable"]


def test_the_compat_ratio_is_a_number_once_bench_compat_exists(
    quick_run: tuple[str, dict[str, Any], Path],
) -> None:
    _stdout, report, _output = quick_run
    if (ROOT / "benchmarks" / "bench_compat.py").exists():
        assert positive_finite(report["ratios"]["compat_scaling"])
    else:
        assert report["unavailable"]["compat"] == "benchmarks/bench_compat.py is not written yet"


def test_the_gate_is_not_available_only_while_it_is_missing_or_crashes(
    quick_run: tuple[str, dict[str, Any], Path],
) -> None:
    _stdout, report, _output = quick_run
    reason = report["unavailable"].get("gate")
    if importlib.util.find_spec("market_data_store_contracts._gate") is None:
        assert reason == "`store-contracts check` is not written yet (no _gate module)"
    elif reason is not None:
        assert reason.startswith("`store-contracts check` exited ")


def test_using_feedback_event_imports_none_of_the_tools(
    quick_run: tuple[str, dict[str, Any], Path],
) -> None:
    stdout, report, _output = quick_run
    assert report["import_check"]["checked"] == [
        "datamodel_code_generator",
        "jsonschema",
        "referencing",
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
