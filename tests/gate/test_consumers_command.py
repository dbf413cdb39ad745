"""``store-contracts consumers``: the state of every consumer, the field-usage view, an ad hoc
reader, and ``consumers add``. Read-only runs on this checkout run in this process; ``add``
writes into a copy and runs as a process."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from market_data_store_contracts.cli import run

from ._support import ROOT, _cli, copy_checkout

FIXTURES = ROOT / "tests" / "fixtures" / "consumers"
CONTRACT = "store.FeedbackEvent"
CORE_MODEL = "python:market_data_core.telemetry:FeedbackEvent"

#: These run the gate or the generator (through store-contracts): the codegen extra.
pytestmark = pytest.mark.codegen


def consumers(*args: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run(["consumers", "--root", str(ROOT), *args], stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def test_the_state_of_every_declared_consumer_and_the_fields_they_read():
    assert consumers() == (
        0,
        "store.FeedbackEvent:\n"
        "  core       ok         python:market_data_core.telemetry:FeedbackEvent\n"
        "  dashboard  ok         schemas/consumers/dashboard/feedback_event.json\n"
        "  fields:\n"
        "    capacity        read by core, dashboard; required by core, dashboard\n"
        "    coordinator_id  read by core, dashboard; required by core, dashboard\n"
        "    level           read by core, dashboard; required by core, dashboard\n"
        "    queue_size      read by core, dashboard; required by core, dashboard\n"
        "    reason          read by dashboard\n"
        "    source          read by core, dashboard\n"
        "    ts              read by core, dashboard; required by core, dashboard\n"
        "  read by no declared consumer (candidates to deprecate): none\n"
        "ok: 2 consumer(s), 2 ok, 0 broken, 0 undecided\n",
        "",
    )


def test_the_json_format_gives_each_consumer_and_each_contracts_field_usage():
    code, stdout, stderr = consumers("--format", "json")
    report = json.loads(stdout)
    assert (code, stderr, report["status"]) == (0, "", "ok")
    assert [(c["name"], c["state"], c["since"]) for c in report["consumers"]] == [
        ("core", "ok", None),
        ("dashboard", "ok", "0.4.0"),
    ]
    usage = report["contracts"][CONTRACT]
    assert usage["fields"]["reason"] == {"read_by": ["dashboard"], "required_by": []}
    assert usage["fields"]["ts"] == {
        "read_by": ["core", "dashboard"],
        "required_by": ["core", "dashboard"],
    }
    assert usage["unread"] == []


def test_an_ad_hoc_reader_is_checked_without_declaring_it(monkeypatch):
    monkeypatch.chdir(ROOT)
    reader = "tests/fixtures/consumers/strict.json"
    code, stdout, stderr = consumers("--reader", reader, "--contract", CONTRACT)
    assert (code, stderr) == (3, "")
    lines = stdout.splitlines()
    assert lines[0].startswith(
        f"{reader}#/additionalProperties: Consumer 'ad-hoc' cannot read every {CONTRACT} "
        'the Store writes: Property "reason" was removed and is now forbidden (PROPERTY_REMOVED).'
        " (CONSUMER_BROKEN, breaking) witness: {"
    )
    assert lines[1].startswith("  fix: a person must decide: ")
    assert lines[2:4] == [f"{CONTRACT}:", f"  ad-hoc  broken     {reader}"]
    assert "    reason          read by no consumer" in lines
    assert lines[-2] == "  read by no declared consumer (candidates to deprecate): reason"
    assert lines[-1] == "broken: 1 consumer(s), 0 ok, 1 broken, 0 undecided"


def test_an_ad_hoc_python_reader_reads_everything():
    code, stdout, _ = consumers("--reader", CORE_MODEL, "--contract", CONTRACT, "--format", "json")
    report = json.loads(stdout)
    assert (code, report["status"], report["consumers"][0]["reader"]) == (0, "ok", CORE_MODEL)


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["--reader", CORE_MODEL],
            "store-contracts consumers: --reader and --contract go together\n",
        ),
        (
            ["--reader", CORE_MODEL, "--contract", "store.Nothing"],
            "error: store.Nothing: is no contract of the published bundle; it publishes "
            "core.BackpressureLevel, core.FeedbackEvent, core.HealthComponent, core.HealthStatus, "
            "core.Probe, store.FeedbackEvent\n",
        ),
        (
            ["--reader", "no/such/reader.json", "--contract", CONTRACT],
            "error: no/such/reader.json: the reader is not a file\n",
        ),
    ],
)
def test_a_bad_ad_hoc_reader_is_one_line_and_exit_2(args, line):
    assert consumers(*args) == (2, "", line)


def _pyproject(root: Path) -> dict[str, object]:
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))


def test_adding_a_consumer_records_its_reader_and_the_gate_then_hears_about_it(tmp_path):
    root = copy_checkout(tmp_path)
    source = FIXTURES / "closed_union.json"
    add = ["consumers", "add", "throttler", "--root", str(root), "--contract", CONTRACT]
    add += ["--reader", str(source), "--owner", "pipeline team", "--since", "0.4.0"]
    done = _cli(add)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        f"added consumer throttler ({CONTRACT}): "
        f"schemas/consumers/throttler/closed_union.json, sha256 {digest}; "
        "it is broken against what the Store publishes now\n"
    )
    folder = root / "schemas" / "consumers" / "throttler"
    assert sorted(p.name for p in folder.iterdir()) == ["closed_union.json", "origin.json"]
    assert (folder / "closed_union.json").read_bytes() == source.read_bytes()
    origin = json.loads((folder / "origin.json").read_text(encoding="utf-8"))
    assert origin == {"reader": "closed_union.json", "sha256": digest, "source": str(source)}
    declared = _pyproject(root)["tool"]["market-data-store-contracts"]["consumers"]  # type: ignore[index]
    assert declared[-1] == {
        "name": "throttler",
        "contract": CONTRACT,
        "reader": "schemas/consumers/throttler/closed_union.json",
        "owner": "pipeline team",
        "since": "0.4.0",
    }
    check = _cli(["check", "--root", str(root), "--format", "json"])
    report = json.loads(check.stdout)
    assert (check.returncode, report["status"]) == (3, "breaking")
    assert {(f["code"], f["consumer"]) for f in report["findings"]} == {
        ("CONSUMER_BROKEN", "throttler")
    }


def test_adding_a_python_reader_resolves_the_model_once(tmp_path):
    root = copy_checkout(tmp_path)
    add = ["consumers", "add", "core-copy", "--root", str(root), "--contract", CONTRACT]
    done = _cli([*add, "--reader", CORE_MODEL])
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.endswith("it is ok against what the Store publishes now\n")
    folder = root / "schemas" / "consumers" / "core-copy"
    from market_data_core.telemetry import FeedbackEvent

    written = json.loads((folder / "feedback_event.json").read_text(encoding="utf-8"))
    assert written == FeedbackEvent.model_json_schema(mode="validation")
    origin = json.loads((folder / "origin.json").read_text(encoding="utf-8"))
    assert origin["source"] == CORE_MODEL
    assert origin["distribution"].startswith("market-data-core ")
    assert (
        origin["sha256"]
        == hashlib.sha256((folder / "feedback_event.json").read_bytes()).hexdigest()
    )


BAD_ADDS = {
    "duplicate name": (
        ["dashboard", "--reader", CORE_MODEL],
        "error: pyproject.toml#/tool/market-data-store-contracts/consumers/2/name: consumer "
        "'dashboard' is declared twice: a name is used once\n",
    ),
    "reader that is no schema": (
        ["odd", "--reader", "{bad}"],
        "error: {bad}#/type: consumer 'odd': ",
    ),
    "reader not a file": (
        ["odd", "--reader", "no/such.json"],
        "error: no/such.json: consumer 'odd': the reader is not a file\n",
    ),
    "python reader that is no model": (
        ["odd", "--reader", "python:market_data_core.telemetry:BackpressureLevel"],
        "error: python:market_data_core.telemetry:BackpressureLevel: consumer 'odd': "
        "market_data_core.telemetry.BackpressureLevel is not a Pydantic model class\n",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_ADDS))
def test_a_bad_add_is_one_line_and_writes_nothing(tmp_path, case):
    root = copy_checkout(tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text('{"type": "strin"}', encoding="utf-8")
    args, line = (
        [arg.replace("{bad}", str(bad)) for arg in BAD_ADDS[case][0]],
        BAD_ADDS[case][1].replace("{bad}", str(bad)),
    )
    before = (root / "pyproject.toml").read_bytes()
    done = _cli(
        ["consumers", "add", args[0], "--root", str(root), "--contract", CONTRACT, *args[1:]]
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith(line)
    assert done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr
    assert (root / "pyproject.toml").read_bytes() == before
    assert sorted(p.name for p in (root / "schemas" / "consumers").iterdir()) == ["dashboard"]


@pytest.mark.parametrize(
    ("case_id", "code", "state"),
    [("extra-forbid-added", 3, "broken"), ("enum-value-removed", 0, "ok")],
)
def test_cores_own_model_is_read_as_the_gate_reads_it_under_a_new_core(
    tmp_path, case_id, code, state
):
    # Core's model reads what the Store's models write over the installed Core (stage 2): a
    # Core that forbids extra keys breaks it; a Core that drops a level only makes the
    # published bundle stale (the gate says so), it does not break Core's own reading.
    from .test_simulated_core_drift import CASES, patched_core

    site = patched_core(tmp_path, next(case for case in CASES if case.id == case_id))
    command = ["-m", "market_data_store_contracts", "consumers", "--root", str(ROOT)]
    done = subprocess.run(
        [sys.executable, *command, "--format", "json"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(site)},
        timeout=120,
        check=False,
    )
    report = json.loads(done.stdout)
    assert (done.returncode, done.stderr) == (code, "")
    states = {c["name"]: c["state"] for c in report["consumers"]}
    assert states == {"core": state, "dashboard": "ok"}
    core = next(c for c in report["consumers"] if c["name"] == "core")
    assert {f["code"] for f in core["findings"]} == (
        {"STORE_NOT_A_CORE_EVENT"} if state == "broken" else set()
    )
