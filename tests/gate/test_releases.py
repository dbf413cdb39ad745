"""The release stage on simulated Store edits: each pinned with status, exit code and finding.

Every case edits a copy of this checkout as a person would, runs ``make generate`` where a
person would, then the gate, in a fresh process.
"""

from __future__ import annotations

import json
import shutil

import pytest
from jsonschema import Draft202012Validator

from ._support import (
    PACKAGE,
    STORE_EVENT,
    add_to_policy,
    codes,
    copy_checkout,
    edit_json,
    gate,
    release,
    set_version,
)

#: These run the gate, which runs the generator: the codegen extra.
pytestmark = pytest.mark.codegen

BUNDLE = PACKAGE / "schemas" / "bundle"
FROZEN = "schemas/releases/0.4.0"
NARROWED = {"anyOf": [{"enum": ["a"]}, {"type": "null"}]}
ALLOWED = """
[[tool.market-data-store-contracts.allowed-breaks]]
contract = "store.FeedbackEvent"
release = "0.4.0"
reason = "reason is one of a fixed list of codes from now on"
"""


def narrow_reason(root):
    edit_json(root / STORE_EVENT, lambda d: d["properties"].update(reason=NARROWED))


def add_optional_field(root):
    edit_json(
        root / STORE_EVENT,
        lambda d: d["properties"].update(priority={"type": "integer", "minimum": 0}),
    )


def only(report, code):
    [found] = [f for f in report["findings"] if f["code"] == code]
    return found


def test_narrowing_reason_breaks_backward_with_the_value_the_store_writes(tmp_path):
    root = copy_checkout(tmp_path)
    narrow_reason(root)
    code, report = gate(root, generate=True)
    assert (code, report["status"]) == (3, "breaking")
    assert codes(report) == ["RELEASE_BACKWARD_BROKEN", "RELEASE_VERSION_NOT_BUMPED"]
    broken = only(report, "RELEASE_BACKWARD_BROKEN")
    assert broken["witness"]["reason"] == "high_watermark"
    assert (broken["contract"], broken["release"], broken["direction"]) == (
        "store.FeedbackEvent",
        "0.4.0",
        "backward",
    )
    assert (broken["rule"], broken["rejected_by"]) == ("ENUM_ADDED", "current")
    assert broken["file"] == f"{BUNDLE.as_posix()}/store/feedback_event.json"
    assert broken["message"].startswith(
        "store.FeedbackEvent breaks BACKWARD compatibility with release 0.4.0: an instance "
        "that 0.4.0's models write is rejected by the schema published now: "
    )
    # the witness is real: the release accepts it, the schema published now rejects it
    old = json.loads((root / FROZEN / "store/feedback_event.json").read_text())
    new = json.loads((root / BUNDLE / "store/feedback_event.json").read_text())
    assert Draft202012Validator(old).is_valid(broken["witness"])
    assert not Draft202012Validator(new).is_valid(broken["witness"])


@pytest.mark.parametrize("version", ["0.4.1", "0.5.0"])
def test_an_optional_field_with_a_bump_is_clean(tmp_path, version):
    root = copy_checkout(tmp_path)
    add_optional_field(root)
    set_version(root, version)
    code, report = gate(root, generate=True)
    assert (code, report["status"], report["findings"]) == (0, "clean", [])


def test_an_optional_field_without_a_bump_is_not_clean(tmp_path):
    root = copy_checkout(tmp_path)
    add_optional_field(root)
    code, report = gate(root, generate=True)
    assert (code, report["status"], codes(report)) == (1, "stale", ["RELEASE_VERSION_NOT_BUMPED"])
    found = only(report, "RELEASE_VERSION_NOT_BUMPED")
    assert found["message"] == (
        "store.FeedbackEvent changed meaning since release 0.4.0, but version 0.4.0 is no minor "
        "bump over it (0.x: a patch bump) and needs to be at least 0.4.1."
    )
    assert (found["file"], found["pointer"]) == ("pyproject.toml", "/project/version")


def test_making_a_field_required_is_breaking(tmp_path):
    root = copy_checkout(tmp_path)
    edit_json(root / STORE_EVENT, lambda d: d.update(required=["reason"]))
    set_version(root, "0.4.1")
    code, report = gate(root, generate=True)
    assert (code, report["status"]) == (3, "breaking")
    broken = only(report, "RELEASE_BACKWARD_BROKEN")
    assert broken["rule"] == "PROPERTY_REQUIRED_ADDED"
    assert "reason" not in broken["witness"]
    assert "CORE_EVENT_NOT_A_STORE_EVENT" in codes(report)


def test_removing_a_contract_is_breaking(tmp_path):
    root = copy_checkout(tmp_path)
    pyproject = root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace(', "Probe"]', "]"))
    set_version(root, "0.4.1")
    code, report = gate(root, generate=True)
    assert (code, report["status"], codes(report)) == (3, "breaking", ["RELEASE_CONTRACT_REMOVED"])
    removed = only(report, "RELEASE_CONTRACT_REMOVED")
    assert removed["message"] == "core.Probe, published in release 0.4.0, is no longer published."
    assert removed["file"] == f"{FROZEN}/core/probe.json"


def test_a_new_contract_is_information(tmp_path):
    root = copy_checkout(tmp_path)
    pyproject = root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace(', "Probe"]', ', "Probe", "HealthState"]'))
    set_version(root, "0.4.1")
    code, report = gate(root, generate=True)
    assert (code, report["status"], codes(report)) == (0, "clean", ["RELEASE_CONTRACT_ADDED"])
    assert only(report, "RELEASE_CONTRACT_ADDED")["message"] == (
        "core.HealthState is new: no release published it yet."
    )


def test_a_description_change_is_never_breaking_and_needs_no_bump(tmp_path):
    root = copy_checkout(tmp_path)
    edit_json(root / STORE_EVENT, lambda d: d.update(description="Other words."))
    code, report = gate(root, generate=True)
    assert (code, report["status"], codes(report)) == (0, "clean", ["RELEASE_ANNOTATIONS_CHANGED"])
    assert only(report, "RELEASE_ANNOTATIONS_CHANGED")["severity"] == "info"


def test_an_allowed_break_with_the_bump_is_information_quoting_the_reason(tmp_path):
    root = copy_checkout(tmp_path)
    narrow_reason(root)
    set_version(root, "0.5.0")
    add_to_policy(root, ALLOWED)
    code, report = gate(root, generate=True)
    assert (code, report["status"], codes(report)) == (0, "clean", ["RELEASE_BREAK_ALLOWED"])
    allowed = only(report, "RELEASE_BREAK_ALLOWED")
    assert allowed["message"].endswith(
        "Allowed: reason is one of a fixed list of codes from now on"
    )
    assert allowed["allowed_by"] == "/tool/market-data-store-contracts/allowed-breaks/0"
    assert allowed["witness"]["reason"] == "high_watermark"


def test_an_allowed_break_without_the_bump_is_breaking(tmp_path):
    root = copy_checkout(tmp_path)
    narrow_reason(root)
    set_version(root, "0.4.1")  # a patch bump: enough for a compatible change only
    add_to_policy(root, ALLOWED)
    code, report = gate(root, generate=True)
    assert (code, report["status"], codes(report)) == (3, "breaking", ["RELEASE_BACKWARD_BROKEN"])
    broken = only(report, "RELEASE_BACKWARD_BROKEN")
    assert broken["message"].endswith(
        "allowed-breaks lists it, but version 0.4.1 is no major bump over 0.4.0 "
        "(0.x: a minor bump)."
    )
    assert "0.5.0 or later" in broken["fix"]


def test_an_allowed_break_that_matches_no_break_is_stale(tmp_path):
    root = copy_checkout(tmp_path)
    add_to_policy(root, ALLOWED)
    code, report = gate(root)
    assert (code, report["status"], codes(report)) == (1, "stale", ["ALLOWED_BREAK_STALE"])
    assert only(report, "ALLOWED_BREAK_STALE")["message"] == (
        "allowed-breaks gives up store.FeedbackEvent's compatibility with 0.4.0, "
        "but nothing breaks it."
    )


@pytest.mark.parametrize(
    "tamper",
    [
        lambda p: edit_json(p, lambda d: d.update(description="edited")),
        lambda p: edit_json(p, lambda d: d["properties"]["reason"].update(maxLength=3)),
        lambda p: p.write_text("{not json"),
        lambda p: p.write_text("[1]"),
        lambda p: p.unlink(),
    ],
    ids=["description", "constraint", "not-json", "not-an-object", "deleted"],
)
def test_a_tampered_frozen_file_is_breaking(tmp_path, tamper):
    root = copy_checkout(tmp_path)
    tamper(root / FROZEN / "store/feedback_event.json")
    code, report = gate(root)
    assert (code, report["status"]) == (3, "breaking")
    tampered = only(report, "RELEASE_FILE_TAMPERED")
    assert tampered["file"] == f"{FROZEN}/store/feedback_event.json"
    assert "store.FeedbackEvent of release 0.4.0" in tampered["message"]


def test_a_file_slipped_into_a_release_is_breaking(tmp_path):
    root = copy_checkout(tmp_path)
    shutil.copy(root / FROZEN / "core/probe.json", root / FROZEN / "core/extra.json")
    code, report = gate(root)
    assert (code, codes(report)) == (3, ["RELEASE_FILE_TAMPERED"])


def test_releasing_the_same_content_twice_is_a_no_op(tmp_path):
    root = copy_checkout(tmp_path)
    before = {p: p.read_bytes() for p in (root / FROZEN).rglob("*") if p.is_file()}
    result = release(root)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "release 0.4.0 is already frozen in schemas/releases/0.4.0 with this content\n"
    )
    assert {p: p.read_bytes() for p in (root / FROZEN).rglob("*") if p.is_file()} == before


def test_releasing_changed_content_under_a_frozen_version_is_refused(tmp_path):
    root = copy_checkout(tmp_path)
    add_optional_field(root)
    assert gate(root, generate=True)[0] == 1
    result = release(root)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "error: schemas/releases/0.4.0#: release 0.4.0 is already frozen with other content "
        "(store.FeedbackEvent) (hint: a release never changes: bump the version in "
        "pyproject.toml)\n"
    )


def test_a_new_version_is_frozen_and_then_checked_against(tmp_path):
    root = copy_checkout(tmp_path)
    add_optional_field(root)
    set_version(root, "0.4.1")
    assert gate(root, generate=True)[0] == 0
    result = release(root)
    assert (result.returncode, result.stdout) == (
        0,
        "froze release 0.4.1 into schemas/releases/0.4.1\n",
    )
    assert not list((root / "schemas/releases").glob(".*"))  # no staging folder left behind
    bundle = {p.relative_to(root / BUNDLE): p.read_bytes() for p in (root / BUNDLE).rglob("*.json")}
    frozen = root / "schemas/releases/0.4.1"
    files = {p.relative_to(frozen): p.read_bytes() for p in frozen.rglob("*") if p.is_file()}
    assert files == bundle
    # dropping the optional field again is compatible both ways with 0.4.0 and 0.4.1: the
    # published objects are open, so what 0.4.1's models write is still read, and vice versa.
    edit_json(root / STORE_EVENT, lambda d: d["properties"].pop("priority"))
    set_version(root, "0.4.2")
    code, report = gate(root, generate=True)
    assert (code, report["findings"]) == (0, [])


def test_a_release_refuses_a_stale_bundle(tmp_path):
    root = copy_checkout(tmp_path)
    set_version(root, "0.4.1")  # without make generate, the bundle still says 0.4.0
    result = release(root)
    assert result.returncode == 2
    assert result.stderr == (
        f"error: {BUNDLE.as_posix()}/index.json#/version: is for version 0.4.0, not 0.4.1 "
        "(pyproject.toml) (hint: run `make generate` first)\n"
    )


#: ``reason`` as two string branches that together take every string: compatible in truth,
#: but the checker proves no single branch holds every old string, and finds no string both
#: reject, so the pair is undecided.
UNDECIDED_REASON = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {"type": "string", "maxLength": 3},
        {"type": "null"},
    ]
}


def test_an_undecided_pair_is_neither_a_break_nor_a_pass_and_outranks_stale(tmp_path):
    root = copy_checkout(tmp_path)
    edit_json(root / STORE_EVENT, lambda d: d["properties"].update(reason=UNDECIDED_REASON))
    code, report = gate(root, generate=True)
    # the change of meaning also wants a bump (stale); the undecided finding decides the exit
    assert (code, report["status"]) == (5, "undecided")
    assert codes(report) == ["RELEASE_UNDECIDED", "RELEASE_VERSION_NOT_BUMPED"]
    undecided = only(report, "RELEASE_UNDECIDED")
    assert undecided["severity"] == "undecided"
    assert "witness" not in undecided
    assert (undecided["contract"], undecided["release"], undecided["direction"]) == (
        "store.FeedbackEvent",
        "0.4.0",
        "backward",
    )
    assert undecided["rule"] == "UNION_UNDECIDED"
    assert undecided["reason"].startswith("undecided: ")
    assert "rejected_by" not in undecided
    assert undecided["message"].startswith(
        "store.FeedbackEvent may break BACKWARD compatibility with release 0.4.0, but the "
        "checker cannot decide: "
    )


def test_an_allowed_break_with_the_bump_covers_an_undecided_pair(tmp_path):
    root = copy_checkout(tmp_path)
    edit_json(root / STORE_EVENT, lambda d: d["properties"].update(reason=UNDECIDED_REASON))
    set_version(root, "0.5.0")
    add_to_policy(root, ALLOWED)
    code, report = gate(root, generate=True)
    assert (code, report["status"], codes(report)) == (0, "clean", ["RELEASE_BREAK_ALLOWED"])
    allowed = only(report, "RELEASE_BREAK_ALLOWED")
    assert (allowed["rule"], allowed["allowed_by"]) == (
        "UNION_UNDECIDED",
        "/tool/market-data-store-contracts/allowed-breaks/0",
    )
    assert allowed["reason"].startswith("undecided: ")
    assert "witness" not in allowed
