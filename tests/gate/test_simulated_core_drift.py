"""The drift gate against simulated Core releases.

Each case copies the installed Core, patches its source, gives the copy a new version and puts
it first on ``PYTHONPATH``; the gate then runs in a fresh process, as CI runs it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import market_data_core
import pytest

ROOT = Path(__file__).resolve().parents[2]

#: These run the generator (directly or through the gate): the codegen extra.
pytestmark = pytest.mark.codegen
CORE = Path(market_data_core.__file__).parent
BACKPRESSURE = "telemetry/backpressure.py"

SOURCE_FIELD = (
    '    source: str = Field(default="store", '
    + 'description="Source component (store, pipeline, etc.)")\n'
)
TS_FIELD = '    ts: float = Field(..., description="Unix epoch seconds")\n'


@dataclass(frozen=True)
class Case:
    id: str
    patch: tuple[tuple[str, str], ...]  # (old text, new text) in telemetry/backpressure.py
    status: str
    exit_code: int
    codes: frozenset[str]
    message: str  # a fragment that must appear in the findings' messages


def add_after_ts(line: str) -> tuple[tuple[str, str], ...]:
    anchor = SOURCE_FIELD + TS_FIELD  # FeedbackEvent's last fields (RateAdjustment has a ts too)
    return ((anchor, anchor + line),)


V, B = "CORE_VERSION_CHANGED", "PUBLISHED_BUNDLE_STALE"  # info, and what a Core change implies
CASES = [
    Case(
        "unchanged-new-release",
        (),
        "clean",
        0,
        frozenset({V}),
        "Core 1.4.61 -> 9.9.9: the schemas of BackpressureLevel, FeedbackEvent, HealthComponent, "
        "HealthStatus, Probe are unchanged",
    ),
    Case(
        "optional-field-added",
        add_after_ts('    priority: int | None = Field(default=None, description="p")\n'),
        "stale",
        1,
        frozenset({V, "CORE_SCHEMA_CHANGED", B}),
        'changed FeedbackEvent: it accepts less (Property "priority" changed type',
    ),
    Case(
        "required-field-added",
        add_after_ts('    priority: int = Field(..., description="p")\n'),
        "breaking",
        3,
        frozenset({V, "CORE_SCHEMA_CHANGED", "CORE_REQUIRED_FIELD_UNFILLED", B}),
        "now requires 'priority', which FeedbackEvent.create() cannot fill",
    ),
    Case(
        "field-removed",
        ((SOURCE_FIELD, ""),),
        "breaking",
        3,
        frozenset({V, "CORE_SCHEMA_CHANGED", "CORE_FIELD_REMOVED_USED_BY_STORE", B}),
        "no longer declares 'source', which FeedbackEvent.create() fills",
    ),
    Case(
        "constraint-narrowed",
        (("capacity: int = Field(..., gt=0,", "capacity: int = Field(..., gt=10,"),),
        "stale",
        1,
        frozenset({V, "CORE_SCHEMA_CHANGED", B}),
        'it accepts less (Property "capacity" raised its lower bound',
    ),
    Case(
        "constraint-widened",
        (("queue_size: int = Field(..., ge=0,", "queue_size: int = Field(...,"),),
        "stale",
        1,
        frozenset({V, "CORE_SCHEMA_CHANGED", B}),
        'changed FeedbackEvent: it accepts more, e.g. {"capacity":1,"coordinator_id":"",'
        '"level":"ok","queue_size":-1',
    ),
    Case(
        "enum-value-added",
        (('    hard = "hard"', '    hard = "hard"\n    halt = "halt"'),),
        "stale",
        1,
        frozenset({V, "CORE_SCHEMA_CHANGED", B}),
        'changed BackpressureLevel: it accepts more, e.g. "halt"',
    ),
    Case(
        "enum-value-removed",
        (('    soft = "soft"', ""),),
        "stale",
        1,
        frozenset({V, "CORE_SCHEMA_CHANGED", B}),
        "changed BackpressureLevel: it accepts less "
        '(The schema no longer accepts the value "soft")',
    ),
    Case(
        "core-adds-reason-as-integer",
        add_after_ts('    reason: int | None = Field(default=None, description="code")\n'),
        "breaking",
        3,
        frozenset(
            {
                V,
                "CORE_SCHEMA_CHANGED",
                "STORE_EXTENSION_CONFLICTS",
                "STORE_NOT_A_CORE_EVENT",
                "CORE_EVENT_NOT_A_STORE_EVENT",
            }
        ),
        "now declares 'reason' differently from the Store's extension",
    ),
    Case(
        "core-adds-reason-as-optional-string",
        add_after_ts('    reason: str | None = Field(default=None, description="why")\n'),
        "stale",
        1,
        frozenset({V, "CORE_SCHEMA_CHANGED", "STORE_EXTENSION_REDUNDANT"}),
        "now declares 'reason' with the same meaning as the Store's extension: the extension "
        "is redundant",
    ),
    Case(
        "frozen-dropped",
        (
            (
                "        frozen = True\n\n\nclass RateAdjustment",
                "        frozen = False\n\n\nclass RateAdjustment",
            ),
        ),
        "stale",
        1,
        frozenset({V, "CORE_FROZEN_CHANGED"}),
        "Core's FeedbackEvent is no longer frozen; the Store's events stay frozen",
    ),
    Case(
        "extra-forbid-added",
        (
            (
                "        frozen = True\n\n\nclass RateAdjustment",
                "        frozen = True\n        extra = 'forbid'\n\n\nclass RateAdjustment",
            ),
        ),
        "breaking",
        3,
        frozenset({V, "CORE_SCHEMA_CHANGED", "CORE_EXTRA_CHANGED", "STORE_NOT_A_CORE_EVENT", B}),
        "A Store event would fail Core's market_data_core.telemetry.FeedbackEvent: "
        'Property "reason" was removed and is now forbidden',
    ),
]


def patched_core(tmp_path: Path, case: Case) -> Path:
    site = tmp_path / "site"
    shutil.copytree(CORE, site / "market_data_core", ignore=shutil.ignore_patterns("__pycache__"))
    source = site / "market_data_core" / BACKPRESSURE
    text = source.read_text()
    for old, new in case.patch:
        assert text.count(old) == 1, f"patch anchor not found once: {old!r}"
        text = text.replace(old, new)
    source.write_text(text)
    info = site / "market_data_core-9.9.9.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: market-data-core\nVersion: 9.9.9\n"
    )
    return site


def run_gate(site: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run(
        [sys.executable, "-m", "market_data_store_contracts", "check", "--root", str(ROOT), *extra],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_the_gate_tells_each_simulated_core_change_apart(tmp_path, case):
    result = run_gate(patched_core(tmp_path, case), "--format", "json")
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert (report["status"], result.returncode) == (case.status, case.exit_code)
    assert report["core_version"] == "9.9.9"
    assert report["snapshot_core_version"] == "1.4.61"
    codes = {finding["code"] for finding in report["findings"]}
    assert codes == case.codes
    messages = " ".join(finding["message"] for finding in report["findings"])
    assert case.message in messages
    for finding in report["findings"]:
        if finding["severity"] != "info":
            assert finding["fix"], finding


def test_breaking_findings_carry_a_witness_that_core_really_rejects(tmp_path):
    case = next(c for c in CASES if c.id == "extra-forbid-added")
    site = patched_core(tmp_path, case)
    report = json.loads(run_gate(site, "--format", "json").stdout)
    witnesses = [f["witness"] for f in report["findings"] if f["code"] == "STORE_NOT_A_CORE_EVENT"]
    assert witnesses
    check = (
        "import json, sys\nfrom market_data_core.telemetry import FeedbackEvent\n"
        "from pydantic import ValidationError\n"
        "try:\n    FeedbackEvent.model_validate(json.loads(sys.argv[1]))\n"
        "except ValidationError:\n    print('rejected')\nelse:\n    print('accepted')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    for witness in witnesses:
        verdict = subprocess.run(
            [sys.executable, "-c", check, json.dumps(witness)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout
        assert verdict.strip() == "rejected"


def test_github_format_annotates_each_finding(tmp_path):
    case = next(c for c in CASES if c.id == "core-adds-reason-as-integer")
    result = run_gate(patched_core(tmp_path, case), "--format", "github")
    assert result.returncode == 3
    lines = result.stdout.splitlines()
    assert any(
        line.startswith(
            "::error file=schemas/store/feedback_event.json,title=STORE_EXTENSION_CONFLICTS::"
        )
        for line in lines
    )
    assert lines[-1] == "drift gate: breaking (market-data-core 9.9.9)"


def test_store_events_stay_frozen_when_core_drops_frozen(tmp_path):
    """What the CORE_FROZEN_CHANGED message promises, checked against the patched Core."""
    case = next(c for c in CASES if c.id == "frozen-dropped")
    code = (
        "from market_data_core.telemetry import FeedbackEvent as Core\n"
        "from market_data_store_contracts import FeedbackEvent\n"
        "core = Core(coordinator_id='c', queue_size=1, capacity=2, level='ok', ts=1.0)\n"
        "core.queue_size = 5\n"  # Core's event is mutable now
        "event = FeedbackEvent.create('c', 1, 2, 'ok')\n"
        "try:\n    event.queue_size = 5\nexcept Exception as error:\n"
        "    print(type(error).__name__, hash(event) == hash(event.model_copy()))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(patched_core(tmp_path, case))}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == "ValidationError True"
