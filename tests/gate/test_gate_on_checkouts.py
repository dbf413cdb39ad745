"""The drift gate on this checkout and on edited copies of it."""

from __future__ import annotations

import io
import json
from importlib import metadata

import pytest

from market_data_store_contracts.cli import run

from ._support import PACKAGE, ROOT, copy_checkout, edit_json, gate

#: These run the generator (directly or through the gate): the codegen extra.
pytestmark = pytest.mark.codegen


def test_this_checkout_is_clean():
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run(["check", "--root", str(ROOT), "--format", "json"], stdout, stderr)
    report = json.loads(stdout.getvalue())
    assert (code, report["status"], stderr.getvalue()) == (0, "clean", "")
    # The installed Core may be any supported release; the snapshot names the one it was taken
    # from. Equal versions give no finding, another release with the same schemas one info.
    assert report["core_version"] == metadata.version("market-data-core")
    assert report["snapshot_core_version"] == _snapshot_version()
    if report["core_version"] == report["snapshot_core_version"]:
        assert report["findings"] == []
    else:
        assert [f["code"] for f in report["findings"]] == ["CORE_VERSION_CHANGED"]


def _snapshot_version() -> str:
    snapshot = json.loads((ROOT / "schemas/core/feedback_event.json").read_text(encoding="utf-8"))
    return str(snapshot["x-market-data-core"]["version"])


def test_the_text_format_ends_with_a_verdict_line():
    stdout = io.StringIO()
    assert run(["check", "--root", str(ROOT)], stdout, io.StringIO()) == 0
    assert stdout.getvalue().splitlines()[-1].startswith("clean: market-data-core ")


def test_a_copy_of_the_checkout_is_clean(tmp_path):
    code, report = gate(copy_checkout(tmp_path))
    assert (code, report["status"], report["findings"]) == (0, "clean", [])


def test_a_hand_edited_generated_model_is_stale(tmp_path):
    root = copy_checkout(tmp_path)
    model = root / PACKAGE / "_generated" / "feedback_event.py"
    model.write_text(model.read_text() + "\n# a local tweak\n")
    code, report = gate(root)
    assert (code, report["status"]) == (1, "stale")
    [finding] = report["findings"]
    assert finding["code"] == "GENERATED_MODEL_STALE"
    assert finding["file"] == f"{PACKAGE.as_posix()}/_generated/feedback_event.py"
    assert "Only its form differs: the models it defines are unchanged." in finding["message"]
    assert finding["fix"] == "run `make generate` and commit the result"


def test_a_declaration_edit_makes_the_model_and_the_bundle_stale(tmp_path):
    root = copy_checkout(tmp_path)
    edit_json(
        root / "schemas/store/feedback_event.json",
        lambda d: d["properties"]["reason"].update(maxLength=64),
    )
    code, report = gate(root)
    assert (code, report["status"]) == (1, "stale")
    codes = {f["code"] for f in report["findings"]}
    assert codes == {"GENERATED_MODEL_STALE", "PUBLISHED_BUNDLE_STALE"}
    model = next(f for f in report["findings"] if f["code"] == "GENERATED_MODEL_STALE")
    assert "Only its form differs" not in model["message"]
    assert "+        max_length=64,\n" in model["diff"]
    bundle = next(f for f in report["findings"] if f["code"] == "PUBLISHED_BUNDLE_STALE")
    assert "store/feedback_event.json" in bundle["message"]
    if report["core_version"] == report["snapshot_core_version"]:
        # With another Core release installed, index.json's diff (its core_version and the
        # new hashes) comes first and the diff is cut before the schema's own lines.
        assert '+      "maxLength": 64,\n' in bundle["diff"]


def test_a_store_edit_that_breaks_a_direction_is_breaking(tmp_path):
    root = copy_checkout(tmp_path)
    edit_json(root / "schemas/store/feedback_event.json", lambda d: d.update(required=["reason"]))
    code, report = gate(root)
    assert (code, report["status"]) == (3, "breaking")
    broken = [f for f in report["findings"] if f["code"] == "CORE_EVENT_NOT_A_STORE_EVENT"]
    assert broken
    assert "reason" not in broken[0]["witness"]


def test_a_deleted_bundle_file_and_an_orphan_are_reported(tmp_path):
    root = copy_checkout(tmp_path)
    bundle = root / PACKAGE / "schemas" / "bundle"
    (bundle / "core" / "probe.json").unlink()
    (root / PACKAGE / "_generated" / "old_contract.py").write_text("# left behind\n")
    code, report = gate(root)
    assert (code, report["status"]) == (1, "stale")
    by_code = {f["code"]: f for f in report["findings"]}
    assert set(by_code) == {"PUBLISHED_BUNDLE_STALE", "GENERATED_FILE_ORPHANED"}
    assert "core/probe.json" in by_code["PUBLISHED_BUNDLE_STALE"]["message"]
    assert by_code["GENERATED_FILE_ORPHANED"]["file"].endswith("_generated/old_contract.py")


def test_a_snapshot_with_only_a_description_changed_is_clean_with_a_note(tmp_path):
    root = copy_checkout(tmp_path)
    edit_json(root / "schemas/core/probe.json", lambda d: d.update(description="Older words."))
    code, report = gate(root)
    assert (code, report["status"]) == (0, "clean")
    [finding] = report["findings"]
    assert finding["code"] == "CORE_ANNOTATIONS_CHANGED"
    assert finding["severity"] == "info"


def test_a_snapshot_written_in_another_form_with_the_same_meaning_is_clean(tmp_path):
    """What a Pydantic upgrade does: the same schema, written differently."""
    root = copy_checkout(tmp_path)

    def rewrite(document):
        ref = document["properties"]["level"].pop("$ref")
        document["properties"]["level"]["allOf"] = [{"$ref": ref}]
        document["properties"]["capacity"].pop("exclusiveMinimum")
        document["properties"]["capacity"]["minimum"] = 1

    edit_json(root / "schemas/core/feedback_event.json", rewrite)
    code, report = gate(root)
    assert (code, report["status"]) == (0, "clean")
    assert [f["code"] for f in report["findings"]] == ["CORE_SCHEMA_REWRITTEN"]


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_not_a_checkout_is_a_usage_error_in_every_format(tmp_path, fmt):
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run(["check", "--root", str(tmp_path), "--format", fmt], stdout, stderr)
    assert code == 2
    assert stdout.getvalue() == ""
    assert (
        stderr.getvalue() == f"error: {tmp_path}: is not a checkout (no codegen/ package in it)\n"
    )


def test_a_store_field_that_redeclares_a_core_field_blames_the_store(tmp_path):
    """Core is unchanged (its snapshot agrees), so the Store's declaration is what changed."""
    root = copy_checkout(tmp_path)
    edit_json(
        root / "schemas/store/feedback_event.json",
        lambda d: d["properties"].update(queue_size={"type": "string"}),
    )
    code, report = gate(root)
    assert (code, report["status"]) == (3, "breaking")
    [conflict] = [f for f in report["findings"] if f["code"] == "STORE_EXTENSION_CONFLICTS"]
    assert conflict["message"].startswith(
        "The Store's declaration now declares 'queue_size' differently from Core's "
        "market_data_core.telemetry.FeedbackEvent, which it extends and which is unchanged"
    )
    assert "Core's market_data_core.telemetry.FeedbackEvent now declares" not in conflict["message"]
    assert conflict["pointer"] == "/properties/queue_size"


def test_a_store_field_that_repeats_a_core_field_is_redundant_and_blames_the_store(tmp_path):
    root = copy_checkout(tmp_path)
    edit_json(
        root / "schemas/store/feedback_event.json",
        lambda d: d["properties"].update(queue_size={"type": "integer", "minimum": 0}),
    )
    code, report = gate(root)
    assert (code, report["status"]) == (1, "stale")
    [redundant] = report["findings"]
    assert redundant["code"] == "STORE_EXTENSION_REDUNDANT"
    assert redundant["message"] == (
        "The Store's declaration now declares 'queue_size', which Core's "
        "market_data_core.telemetry.FeedbackEvent already declares with the same meaning: "
        "the extension is redundant."
    )
