"""The schema files: valid 2020-12 documents with stable URN ids; the snapshot is Core's."""

import json
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from market_data_core import telemetry
from packaging.requirements import Requirement

from codegen._normalise import normal_form

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILES = sorted(ROOT.glob("schemas/*/*.json"))


def test_there_are_core_and_store_schemas():
    kinds = {path.parent.name for path in SCHEMA_FILES}
    assert kinds == {"core", "store"}


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_schema_file_is_valid_against_the_2020_12_metaschema(path):
    document = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["$id"].startswith("urn:market-data:")


def test_every_id_is_unique():
    ids = [json.loads(p.read_text(encoding="utf-8"))["$id"] for p in SCHEMA_FILES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("path", sorted(ROOT.glob("schemas/core/*.json")), ids=lambda p: p.name)
def test_the_core_snapshot_is_normalised_and_records_cores_version(path):
    text = path.read_text(encoding="utf-8")
    document = json.loads(text)
    assert text == json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    origin = document["x-market-data-core"]
    # The snapshot records the Core it was taken from; the installed Core may be any release of
    # the declared range (the gate calls that clean when the schemas agree).
    declared = _declared_core_range()
    assert declared.contains(origin["version"]), origin["version"]
    assert declared.contains(metadata.version("market-data-core"))
    module, _, name = origin["class"].rpartition(".")
    assert module == "market_data_core.telemetry"
    live = getattr(telemetry, name)
    live_schema = live.model_json_schema() if hasattr(live, "model_json_schema") else None
    if live_schema is not None:
        live_schema = normal_form(live_schema)  # the form this Pydantic writes, normalised
        snapshot = {k: v for k, v in document.items() if k in live_schema}
        assert snapshot == live_schema


def _declared_core_range():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for requirement in map(Requirement, pyproject["project"]["dependencies"]):
        if requirement.name == "market-data-core":
            return requirement.specifier
    raise AssertionError("pyproject.toml does not depend on market-data-core")


def test_every_snapshot_records_the_same_core_version():
    versions = {
        json.loads(p.read_text(encoding="utf-8"))["x-market-data-core"]["version"]
        for p in ROOT.glob("schemas/core/*.json")
    }
    assert len(versions) == 1, versions


def test_the_snapshot_covers_the_contracts_the_store_uses():
    names = {
        json.loads(p.read_text(encoding="utf-8"))["x-market-data-core"]["class"].rpartition(".")[2]
        for p in ROOT.glob("schemas/core/*.json")
    }
    assert names == {
        "BackpressureLevel",
        "FeedbackEvent",
        "HealthComponent",
        "HealthStatus",
        "Probe",
    }
