"""The consumers stage: every declared consumer still reads what the Store writes.

Simulated consumers held out from the project (tests/fixtures/consumers) are declared in copies
of this checkout: an open reader and Core's own model read everything; a strict reader, a
reader whose ``reason`` is a closed union and one that requires a non-null ``reason`` are each
broken, named, with a witness that the published Store schema accepts and the reader rejects.
Most cases run the stage in this process; the ones about exit codes and output formats run
``store-contracts`` as a process, as a person or CI would.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from jsonschema.validators import validator_for

from market_data_store_contracts._gate._consumers import consumers
from market_data_store_contracts._gate._declarations import read_consumers
from market_data_store_contracts._gate._frozen import read_bundle, read_releases
from market_data_store_contracts._gate._report import GateReport
from market_data_store_contracts._output import FORMATS
from market_data_store_contracts.errors import ContractsError

from ._support import (
    PACKAGE,
    ROOT,
    STORE_EVENT,
    _cli,
    add_to_policy,
    codes,
    copy_checkout,
    edit_json,
    gate,
    set_version,
)

FIXTURES = ROOT / "tests" / "fixtures" / "consumers"
CONTRACT = "store.FeedbackEvent"
PUBLISHED = PACKAGE / "schemas" / "bundle" / "store" / "feedback_event.json"
CORE_MODEL = "python:market_data_core.telemetry:FeedbackEvent"

#: These run the gate or the generator (through store-contracts): the codegen extra.
pytestmark = pytest.mark.codegen


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_checkout(tmp_path)


def declare(root: Path, name: str, reader: str, **more: str) -> None:
    """Declare a consumer in the copy; a reader from the fixtures is copied in first."""
    if not reader.startswith("python:"):
        source = FIXTURES / reader
        target = Path("schemas", "consumers", name, source.name)
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, root / target)
        reader = target.as_posix()
    entry = {"name": name, "contract": CONTRACT, "reader": reader, **more}
    lines = "\n".join(f"{key} = {json.dumps(value)}" for key, value in entry.items())
    add_to_policy(root, "[[tool.market-data-store-contracts.consumers]]\n" + lines)


def stage(codegen: Any, root: Path) -> GateReport:
    """The consumers stage alone on the copy, as the gate runs it."""
    project = codegen.Project.load(root)
    current = read_bundle(project.bundle_dir, project.relative(project.bundle_dir))
    declared = read_consumers(project, current.entries)
    found = consumers(project, current, read_releases(project), declared)
    return GateReport("1.4.61", "1.4.61", sorted(set(found)))


def accepts(schema: Any, instance: Any) -> bool:
    return bool(validator_for(schema, default=Draft202012Validator)(schema).is_valid(instance))


def only(report: GateReport, consumer: str) -> list[dict[str, Any]]:
    return [f.to_dict() for f in report.findings if dict(f.details).get("consumer") == consumer]


def test_the_consumers_this_checkout_declares_read_what_it_publishes(codegen):
    report = stage(codegen, ROOT)
    assert (report.status, report.exit_code, report.findings) == ("clean", 0, [])
    declared = read_consumers(codegen.Project.load(ROOT), [CONTRACT])
    assert [(c.name, c.reader) for c in declared] == [
        ("core", CORE_MODEL),
        ("dashboard", "schemas/consumers/dashboard/feedback_event.json"),
    ]


@pytest.mark.parametrize(("reader", "fixture"), [("open", "open.json"), ("core-model", CORE_MODEL)])
def test_open_readers_cores_own_model_and_a_closed_typescript_reader_read_every_store_event(
    codegen, root, reader, fixture
):
    declare(root, reader, fixture)
    report = stage(codegen, root)
    assert (report.status, report.exit_code, report.findings) == ("clean", 0, [])


#: reader fixture -> (rule, pointer into the reader)
NARROWER = {
    "strict.json": ("PROPERTY_REMOVED", "/additionalProperties"),
    "closed_union.json": ("ENUM_ADDED", "/properties/reason/enum"),
    "required_reason.json": ("PROPERTY_REQUIRED_ADDED", "/required"),
    "throttler-ts/feedback_event.json": ("ENUM_ADDED", "/definitions/Reason/enum"),
}


@pytest.mark.parametrize("fixture", sorted(NARROWER))
def test_a_narrower_reader_is_broken_named_with_a_verified_witness(codegen, root, fixture):
    declare(root, "throttler", fixture, owner="pipeline team")
    report = stage(codegen, root)
    assert (report.status, report.exit_code) == ("breaking", 3)
    found = only(report, "throttler")
    assert {f["code"] for f in found} == {"CONSUMER_BROKEN"}
    assert only(report, "core") == only(report, "dashboard") == []
    rule, pointer = NARROWER[fixture]
    [finding] = [f for f in found if f["rule"] == rule]
    reader_file = f"schemas/consumers/throttler/{Path(fixture).name}"
    assert finding["file"] == finding["reader"] == reader_file
    assert finding["pointer"] == pointer
    assert (finding["consumer"], finding["contract"], finding["owner"]) == (
        "throttler",
        CONTRACT,
        "pipeline team",
    )
    assert finding["writer"] == PUBLISHED.as_posix()
    assert finding["message"].startswith(f"Consumer 'throttler' cannot read every {CONTRACT} ")
    reader = json.loads((root / reader_file).read_text())
    published = json.loads((root / PUBLISHED).read_text())
    for item in found:
        assert accepts(published, item["witness"])
        assert not accepts(reader, item["witness"])
        assert set(item["witness"]) <= set(published["properties"])  # what a model writes


def test_the_strict_readers_witness_carries_the_reason_it_refuses(codegen, root):
    declare(root, "strict", "strict.json")
    [finding] = only(stage(codegen, root), "strict")
    assert finding["witness"]["reason"] == "high_watermark"  # the writer's own example


def test_since_reads_every_release_from_that_version_on(codegen, root):
    declare(root, "throttler", "closed_union.json", since="0.4.0")
    found = only(stage(codegen, root), "throttler")
    # The release published what is published now: one meaning, read once.
    assert [(f["code"], f.get("release")) for f in found] == [("CONSUMER_BROKEN", None)]


def test_a_store_change_that_fits_the_reader_clears_it_with_its_allowed_break_and_bump(
    codegen, root
):
    declare(root, "throttler", "closed_union.json")

    def close_reason(schema: dict[str, Any]) -> None:
        schema["properties"]["reason"] = {
            "enum": ["high_watermark", "queue_recovered", None],
            "default": None,
            "description": "Why the Store emitted the event; null when no reason is given.",
        }

    edit_json(root / STORE_EVENT, close_reason)
    set_version(root, "0.5.0")
    add_to_policy(
        root,
        '[[tool.market-data-store-contracts.allowed-breaks]]\ncontract = "store.FeedbackEvent"\n'
        'release = "0.4.0"\nreason = "reason is one of the codes consumers switch on"',
    )
    code, report = gate(root, generate=True)
    assert (code, report["status"], codes(report)) == (0, "clean", ["RELEASE_BREAK_ALLOWED"])
    # A consumer that still reads 0.4.0's events from a queue is not cleared: it is named
    # with the release.
    declare(root, "old-throttler", "closed_union.json", since="0.4.0")
    again = stage(codegen, root)
    assert (again.status, again.exit_code) == ("breaking", 3)
    [finding] = [f.to_dict() for f in again.findings]
    assert (finding["consumer"], finding["code"], finding["release"]) == (
        "old-throttler",
        "CONSUMER_BROKEN",
        "0.4.0",
    )
    assert finding["writer"] == "schemas/releases/0.4.0/store/feedback_event.json"
    assert "every store.FeedbackEvent release 0.4.0 wrote: " in finding["message"]


def test_a_change_the_release_policy_calls_compatible_breaks_a_closed_typescript_reader(root):
    # ts-json-schema-generator closes objects by default: a field the interface does not list
    # is refused. The Store adds an optional field, compatible both ways with every release.
    declare(root, "dashboard-closed", "dashboard-closed-ts/feedback_event.json")

    def add_window(schema: dict[str, Any]) -> None:
        schema["properties"]["window_ms"] = {"type": "integer", "minimum": 0}

    edit_json(root / STORE_EVENT, add_window)
    set_version(root, "0.4.1")
    code, report = gate(root, generate=True)
    assert (code, report["status"], codes(report)) == (3, "breaking", ["CONSUMER_BROKEN"])
    [finding] = report["findings"]
    assert (finding["consumer"], finding["rule"]) == ("dashboard-closed", "PROPERTY_REMOVED")
    assert finding["file"] == "schemas/consumers/dashboard-closed/feedback_event.json"
    assert finding["pointer"] == "/definitions/FeedbackEvent/additionalProperties"
    assert finding["witness"]["window_ms"] == 0
    reader = json.loads((root / finding["file"]).read_text())
    assert not accepts(reader, finding["witness"])


def test_a_store_change_breaks_the_declared_typescript_dashboard_and_the_gate_names_it(root):
    # Numeric reason codes: the release policy allows the break, the dashboard still breaks.
    def numeric_reason(schema: dict[str, Any]) -> None:
        schema["properties"]["reason"]["anyOf"].insert(1, {"type": "integer"})

    edit_json(root / STORE_EVENT, numeric_reason)
    set_version(root, "0.5.0")
    add_to_policy(
        root,
        '[[tool.market-data-store-contracts.allowed-breaks]]\ncontract = "store.FeedbackEvent"\n'
        'release = "0.4.0"\nreason = "reason may be a numeric code"',
    )
    code, report = gate(root, generate=True)
    assert (code, report["status"]) == (3, "breaking")
    assert codes(report) == ["CONSUMER_BROKEN", "RELEASE_BREAK_ALLOWED"]
    [finding] = [f for f in report["findings"] if f["code"] == "CONSUMER_BROKEN"]
    assert (finding["consumer"], finding["contract"]) == ("dashboard", CONTRACT)
    assert finding["file"] == "schemas/consumers/dashboard/feedback_event.json"
    assert finding["pointer"] == "/definitions/FeedbackEvent/properties/reason/type"
    assert finding["witness"]["reason"] == 0


def check_in_every_format(root: Path) -> dict[str, tuple[int, str, str]]:
    """``store-contracts check`` on ``root`` in each format, in one fresh process: format ->
    (exit code, stdout, stderr)."""
    script = (
        "import io, json, sys\n"
        "from market_data_store_contracts.cli import run\n"
        "done = {}\n"
        f"for name in {sorted(FORMATS)!r}:\n"
        "    out, err = io.StringIO(), io.StringIO()\n"
        f"    code = run(['check', '--root', {str(root)!r}, '--format', name], out, err)\n"
        "    done[name] = (code, out.getvalue(), err.getvalue())\n"
        "print(json.dumps(done))\n"
    )
    env = {**os.environ, "PYTHONPATH": "", "XDG_CACHE_HOME": str(root.parent / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    return {name: tuple(result) for name, result in json.loads(done.stdout).items()}


def test_the_gate_reports_a_broken_consumer_in_every_format(root):
    declare(root, "throttler", "closed_union.json")
    outputs = check_in_every_format(root)
    assert {name: (code, err) for name, (code, _, err) in outputs.items()} == dict.fromkeys(
        FORMATS, (3, "")
    )
    where = "schemas/consumers/throttler/closed_union.json"
    [finding] = json.loads(outputs["json"][1])["findings"]
    assert (finding["code"], finding["consumer"], finding["rule"]) == (
        "CONSUMER_BROKEN",
        "throttler",
        "ENUM_ADDED",
    )
    assert finding["witness"]["reason"] == ""
    text = outputs["text"][1]
    assert text.startswith(
        f"{where}#/properties/reason/enum: Consumer 'throttler' cannot read every "
        f"{CONTRACT} the Store writes: "
    )
    assert "(CONSUMER_BROKEN, breaking) witness: {" in text
    assert text.splitlines()[-1].startswith("breaking: ")
    github = outputs["github"][1]
    shown = where.replace(",", "%2C").replace(":", "%3A")
    assert github.startswith(f"::error file={shown},title=CONSUMER_BROKEN::Consumer ")
    assert github.splitlines()[-1].startswith("drift gate: breaking")


def test_an_undecided_reading_is_never_passed(codegen, root):
    declare(root, "dynamic", "dynamic_ref.json")
    report = stage(codegen, root)
    assert (report.status, report.exit_code) == ("undecided", 5)
    [finding] = only(report, "dynamic")
    assert (finding["code"], finding["rule"], finding["pointer"]) == (
        "CONSUMER_UNDECIDED",
        "KEYWORD_UNDECIDED",
        "/properties/coordinator_id/$dynamicRef",
    )
    assert "witness" not in finding
    assert finding["reason"].startswith("undecided: $dynamicRef is not modelled")
    assert finding["message"].startswith(
        f"Consumer 'dynamic' cannot read every {CONTRACT} the Store writes: "
    )
    assert finding["message"].endswith(
        "(KEYWORD_UNDECIDED); undecided: $dynamicRef is not modelled; a schema using it on the "
        "new side is only judged compatible when it is identical to the old one."
    )


def test_a_break_whose_witness_the_readers_dialect_does_not_confirm_is_undecided(monkeypatch):
    # The checker's witness is verified again under each side's dialect; one that the reader
    # accepts after all is no proof, and the reading is undecided rather than broken.
    from market_data_store_contracts import compat
    from market_data_store_contracts._gate import _reading

    writer = json.loads((ROOT / PUBLISHED).read_text())
    reader = json.loads((FIXTURES / "open.json").read_text())
    strict = json.loads((FIXTURES / "strict.json").read_text())
    real = compat.check(writer, strict, mode="backward", close_old=True)
    [claimed] = real.findings

    def claims_a_break(*_args: Any, **_kwargs: Any) -> Any:
        return real  # a break, with a witness the open reader accepts

    monkeypatch.setattr(compat, "check", claims_a_break)
    reading = _reading.read_by(writer, reader, writer_name="w", reader_name="r")
    assert accepts(reader, claimed.witness)
    assert reading.verdict == "undecided"
    [item] = reading.breaks
    assert (item.rule, item.witness, item.note) == (claimed.rule_id, None, _reading.UNVERIFIED)


def test_the_declared_dialect_reads_a_reader_whose_schema_names_none(codegen, root):
    # draft-07 ignores the `not` beside the `$ref`, so this reader reads every Store event
    declare(root, "legacy", "no_dialect.json", dialect="draft-07")
    report = stage(codegen, root)
    assert (report.status, report.exit_code, report.findings) == ("clean", 0, [])


def test_2020_12_declared_for_the_same_reader_breaks_it(codegen, root):
    declare(root, "legacy", "no_dialect.json", dialect="2020-12")
    [finding] = only(stage(codegen, root), "legacy")
    assert (finding["code"], finding["witness"]["level"]) == ("CONSUMER_BROKEN", "hard")


# -- bad declarations: exit 2, one line naming the consumer ----------------------------------

POINTER = "pyproject.toml#/tool/market-data-store-contracts/consumers/2"
BAD = {
    "missing reader file": (
        {"reader": "schemas/consumers/ghost/reader.json"},
        f"{POINTER}/reader: consumer 'ghost': reader schemas/consumers/ghost/reader.json is not "
        "a file in the checkout",
    ),
    "python reader that does not import": (
        {"reader": "python:no_such_module_here:Model"},
        f"{POINTER}/reader: consumer 'ghost': module no_such_module_here does not import "
        "(ModuleNotFoundError: No module named 'no_such_module_here')",
    ),
    "python reader that is no model": (
        {"reader": "python:market_data_core.telemetry:BackpressureLevel"},
        f"{POINTER}/reader: consumer 'ghost': market_data_core.telemetry.BackpressureLevel is "
        "not a Pydantic model class",
    ),
    "unknown contract": (
        {"contract": "store.Nothing"},
        f"{POINTER}/contract: consumer 'ghost': unknown contract 'store.Nothing'; the bundle "
        "publishes core.BackpressureLevel, core.FeedbackEvent, core.HealthComponent, "
        "core.HealthStatus, core.Probe, store.FeedbackEvent",
    ),
    "duplicate name": (
        {"name": "dashboard"},
        f"{POINTER}/name: consumer 'dashboard' is declared twice: a name is used once",
    ),
    "dialect no reader may declare": (
        {"dialect": "openapi-3.0"},
        f"{POINTER}/dialect: consumer 'ghost': dialect 'openapi-3.0' is none a reader may "
        "declare; use one of draft-04, draft-06, draft-07, 2019-09, 2020-12",
    ),
    "since that is no version": (
        {"since": "0.4"},
        f"{POINTER}/since: consumer 'ghost': since '0.4' is not a release version "
        "MAJOR.MINOR.PATCH",
    ),
    "unknown key": (
        {"owners": "x"},
        f"{POINTER}/owners: consumer 'ghost': unknown key 'owners'; a consumer has name, "
        "contract, reader, owner, since, dialect",
    ),
}


def _bad_entry(change: dict[str, str]) -> dict[str, str]:
    return {"name": "ghost", "contract": CONTRACT, "reader": CORE_MODEL, **change}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_declaration_is_an_input_error_naming_the_consumer(codegen, root, case):
    change, line = BAD[case]
    entry = _bad_entry(change)
    lines = "\n".join(f"{key} = {json.dumps(value)}" for key, value in entry.items())
    add_to_policy(root, "[[tool.market-data-store-contracts.consumers]]\n" + lines)
    with pytest.raises(ContractsError) as raised:
        stage(codegen, root)
    assert str(raised.value) == line


def declare_ghost(root: Path, reader: str) -> None:
    """Declare the consumer ``ghost`` with a reader file holding ``reader``."""
    (root / "schemas/consumers/ghost").mkdir(parents=True)
    (root / "schemas/consumers/ghost/reader.json").write_text(reader)
    add_to_policy(
        root,
        '[[tool.market-data-store-contracts.consumers]]\nname = "ghost"\n'
        'contract = "store.FeedbackEvent"\nreader = "schemas/consumers/ghost/reader.json"',
    )


def test_a_reader_that_is_no_valid_schema_is_an_input_error_naming_the_consumer(codegen, root):
    declare_ghost(root, '{"type": "strin"}')
    with pytest.raises(ContractsError) as raised:
        stage(codegen, root)
    assert str(raised.value).startswith(
        "schemas/consumers/ghost/reader.json#/type: consumer 'ghost': "
    )


def test_a_reader_without_a_dialect_the_checker_will_not_guess_is_an_input_error(codegen, root):
    declare(root, "legacy", "no_dialect.json")
    with pytest.raises(ContractsError) as raised:
        stage(codegen, root)
    assert str(raised.value).startswith(
        "schemas/consumers/legacy/no_dialect.json#/properties/level/not: consumer 'legacy': "
        "uses 'not' beside a $ref"
    )


def test_a_declared_dialect_that_contradicts_the_readers_schema_is_an_input_error(codegen, root):
    declare(root, "strict", "strict.json", dialect="draft-07")
    with pytest.raises(ContractsError) as raised:
        stage(codegen, root)
    assert str(raised.value) == (
        "schemas/consumers/strict/strict.json#/$schema: consumer 'strict': the reader's $schema "
        "'https://json-schema.org/draft/2020-12/schema' is not the declared dialect draft-07"
    )


def test_a_reader_that_is_not_json_is_an_input_error_naming_the_consumer(codegen, root):
    declare_ghost(root, "{not json")
    with pytest.raises(ContractsError) as raised:
        stage(codegen, root)
    assert str(raised.value).startswith(
        "schemas/consumers/ghost/reader.json#: consumer 'ghost': is not JSON: "
    )


def test_the_gate_exits_2_with_one_line_for_a_bad_declaration(root):
    entry = _bad_entry({"reader": "schemas/consumers/ghost/reader.json"})
    lines = "\n".join(f"{key} = {json.dumps(value)}" for key, value in entry.items())
    add_to_policy(root, "[[tool.market-data-store-contracts.consumers]]\n" + lines)
    done = _cli(["check", "--root", str(root)])
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "error: " + BAD["missing reader file"][1] + "\n"
