"""The published bundle: self-contained, valid 2020-12 schemas, an honest index, and a
deterministic build that flattens, inlines or refuses exactly as documented."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from market_data_store_contracts import schemas
from market_data_store_contracts._documents.canonical import canonical_json, sha256, sha256_semantic
from market_data_store_contracts.errors import ContractsError

CORE_CONTRACTS = ["BackpressureLevel", "FeedbackEvent", "HealthComponent", "HealthStatus", "Probe"]
EVENT = {
    "coordinator_id": "bars",
    "queue_size": 850,
    "capacity": 1000,
    "level": "soft",
    "ts": 1700000000.5,
}


def _refs(node: Any) -> list[str]:
    """Every ``$ref`` value anywhere in a document (instance data included: stricter)."""
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []


def _published(bundle_dir: Path) -> dict[str, Any]:
    return {
        entry["name"]: json.loads((bundle_dir / entry["file"]).read_text(encoding="utf-8"))
        for entry in schemas.index()
    }


def test_the_bundle_publishes_every_core_contract_and_every_store_declaration(project: Any) -> None:
    declared = sorted(f"store.{path.stem}" for path in project.store_schemas.glob("*.json"))
    assert declared == ["store.feedback_event"]
    assert [entry["name"] for entry in schemas.index()] == [
        *(f"core.{name}" for name in CORE_CONTRACTS),
        "store.FeedbackEvent",
    ]


def test_entries_name_their_files_ids_and_versions(project: Any) -> None:
    import tomllib

    package_version = tomllib.loads(project.pyproject.read_text("utf-8"))["project"]["version"]
    snapshot = json.loads((project.core_schemas / "probe.json").read_text("utf-8"))
    store = {entry["name"]: entry for entry in schemas.index()}["store.FeedbackEvent"]
    assert store["$id"] == "urn:market-data:store:contracts:FeedbackEvent"
    assert store["file"] == "store/feedback_event.json"
    assert store["extends"] == "core.FeedbackEvent"
    for entry in schemas.index():
        assert entry["version"] == package_version
        assert entry["core_version"] == snapshot["x-market-data-core"]["version"]
        assert schemas.load(entry["name"])["$id"] == entry["$id"]
    assert {entry["$id"] for entry in schemas.index() if entry["name"].startswith("core.")} == {
        f"urn:market-data:core:telemetry:{name}" for name in CORE_CONTRACTS
    }


def test_every_ref_in_the_bundle_is_internal(bundle_dir: Path) -> None:
    found = {name: _refs(schema) for name, schema in _published(bundle_dir).items()}
    assert found["store.FeedbackEvent"] == ["#/$defs/BackpressureLevel"]  # the walk sees refs
    assert {
        name: [ref for ref in refs if not ref.startswith("#")] for name, refs in found.items()
    } == {name: [] for name in found}


def test_every_bundled_schema_is_valid_against_the_2020_12_metaschema(bundle_dir: Path) -> None:
    for name, schema in _published(bundle_dir).items():
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", name
        Draft202012Validator.check_schema(schema)


def test_generator_metadata_is_not_published(bundle_dir: Path) -> None:
    text = "".join(path.read_text(encoding="utf-8") for path in bundle_dir.rglob("*.json"))
    assert "x-market-data-core" not in text
    assert "customBasePath" not in text
    assert "market_data_core.telemetry" not in text


def test_index_hashes_are_the_rfc_8785_hashes_of_the_files(bundle_dir: Path) -> None:
    import hashlib

    for entry in schemas.index():
        schema = json.loads((bundle_dir / entry["file"]).read_text(encoding="utf-8"))
        assert entry["sha256"] == hashlib.sha256(canonical_json(schema)).hexdigest()
        assert entry["sha256_semantic"] == sha256_semantic(schema)
        assert entry["sha256_semantic"] != entry["sha256"]


def test_the_semantic_hash_ignores_docs_and_sees_constraints_and_defaults() -> None:
    schema = schemas.load("store.FeedbackEvent")
    reworded = copy.deepcopy(schema)
    reworded["properties"]["reason"]["description"] = "Why, in other words."
    reworded["properties"]["reason"]["examples"] = ["high_watermark"]
    reworded["title"] = "StoreFeedbackEvent"
    reworded["$comment"] = "another comment"
    reworded["$defs"]["BackpressureLevel"]["x-note"] = "vendor extension"
    assert sha256(reworded) != sha256(schema)
    assert sha256_semantic(reworded) == sha256_semantic(schema)

    tightened = copy.deepcopy(schema)
    tightened["properties"]["queue_size"]["minimum"] = 1
    assert sha256_semantic(tightened) != sha256_semantic(schema)

    fewer_levels = copy.deepcopy(schema)
    fewer_levels["$defs"]["BackpressureLevel"]["enum"] = ["ok", "hard"]
    assert sha256_semantic(fewer_levels) != sha256_semantic(schema)

    new_default = copy.deepcopy(schema)
    new_default["properties"]["source"]["default"] = "pipeline"
    assert sha256_semantic(new_default) != sha256_semantic(schema)


def test_the_semantic_hash_keeps_properties_and_values_that_are_named_like_annotations() -> None:
    bare = {"type": "object", "properties": {}}
    named = {"type": "object", "properties": {"title": {"type": "string"}}}
    assert sha256_semantic(named) != sha256_semantic(bare)
    assert sha256_semantic({"enum": ["description"]}) != sha256_semantic({"enum": ["title"]})
    assert sha256_semantic({"const": {"title": 1}}) != sha256_semantic({"const": {"title": 2}})


def test_building_the_bundle_twice_gives_identical_bytes(codegen: ModuleType, project: Any) -> None:
    core = codegen.snapshot(project)
    found = codegen.declarations(project, core)
    first = codegen.build_bundle(project, core, found)
    second = codegen.build_bundle(project, copy.deepcopy(core), codegen.declarations(project, core))
    assert first == second
    assert sorted(path.relative_to(project.bundle_dir).as_posix() for path in first) == [
        "core/backpressure_level.json",
        "core/feedback_event.json",
        "core/health_component.json",
        "core/health_status.json",
        "core/probe.json",
        "index.json",
        "store/feedback_event.json",
    ]


@pytest.mark.codegen
def test_the_packaged_bundle_is_what_generate_computes(
    codegen: ModuleType, project: Any, committed_tree: dict[Path, str]
) -> None:
    files = committed_tree
    bundle = {path: text for path, text in files.items() if project.bundle_dir in path.parents}
    assert len(bundle) == 7
    stale = [
        project.relative(path)
        for path, text in bundle.items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]
    assert stale == [], "run `make generate`"
    assert set(project.bundle_dir.rglob("*.json")) <= codegen.owned_files(project)


def test_the_flattened_store_schema_judges_like_the_declaration_it_came_from(
    codegen: ModuleType, project: Any, bundle_dir: Path
) -> None:
    declaration = json.loads((project.store_schemas / "feedback_event.json").read_text("utf-8"))
    assert "allOf" not in schemas.load("store.FeedbackEvent")  # it was flattened
    registry: Registry[Any] = Registry().with_resources(
        (document["$id"], DRAFT202012.create_resource(document))
        for document in codegen.snapshot(project).values()
    )
    original = Draft202012Validator(declaration, registry=registry)
    bundled = Draft202012Validator(schemas.load("store.FeedbackEvent"))
    golden = [
        case["instance"]
        for name in ("core", "store")
        for case in json.loads(
            (Path(__file__).parents[1] / "golden" / name / "feedback_event.json").read_text("utf-8")
        )["cases"]
    ]
    verdicts = [(original.is_valid(instance), bundled.is_valid(instance)) for instance in golden]
    assert {one for one, _ in verdicts} == {True, False}
    assert [pair for pair in verdicts if pair[0] != pair[1]] == []


# --- declarations the real checkout does not have: a throw-away checkout in tmp_path ---------


@pytest.fixture
def scratch(project: Any, tmp_path: Path) -> Path:
    shutil.copy(project.pyproject, tmp_path / "pyproject.toml")
    shutil.copytree(project.root / "schemas", tmp_path / "schemas")
    (tmp_path / "schemas" / "store" / "feedback_event.json").unlink()
    return tmp_path


def _declare(root: Path, name: str, **extra: Any) -> None:
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:market-data:store:contracts:{name}",
        "title": name,
        "allOf": [{"$ref": "urn:market-data:core:telemetry:FeedbackEvent"}],
        "properties": {"reason": {"anyOf": [{"type": "string"}, {"type": "null"}]}},
        "customBasePath": ["market_data_store_contracts._bases.CoreFeedbackEvent"],
        **extra,
    }
    path = root / "schemas" / "store" / f"{name.lower()}.json"
    path.write_text(json.dumps(document), encoding="utf-8")


def _bundle(codegen: ModuleType, root: Path) -> dict[str, Any]:
    project = codegen.Project.load(root)
    core = codegen.snapshot(project)
    files = codegen.build_bundle(project, core, codegen.declarations(project, core))
    return {
        path.relative_to(project.bundle_dir).as_posix(): json.loads(text)
        for path, text in files.items()
    }


def test_an_extension_with_unevaluated_properties_inlines_core_instead_of_flattening(
    codegen: ModuleType, scratch: Path
) -> None:
    _declare(scratch, "Closed", unevaluatedProperties=False)
    schema = _bundle(codegen, scratch)["store/closed.json"]
    assert schema["allOf"] == [{"$ref": "#/$defs/FeedbackEvent"}]
    assert sorted(schema["$defs"]) == ["BackpressureLevel", "FeedbackEvent"]
    assert "x-market-data-core" not in schema["$defs"]["FeedbackEvent"]
    validator = Draft202012Validator(schema)
    assert validator.is_valid({**EVENT, "reason": "high_watermark"})
    assert not validator.is_valid({**EVENT, "shard": 3})  # Core's keys are evaluated, no others
    assert not validator.is_valid({**EVENT, "level": "critical"})


def test_a_reference_to_another_core_contract_is_inlined_and_shares_its_definition(
    codegen: ModuleType, scratch: Path
) -> None:
    _declare(
        scratch,
        "Tagged",
        properties={"previous": {"$ref": "urn:market-data:core:telemetry:BackpressureLevel"}},
    )
    schema = _bundle(codegen, scratch)["store/tagged.json"]
    assert "allOf" not in schema
    assert schema["properties"]["previous"] == {"$ref": "#/$defs/BackpressureLevel"}
    assert sorted(schema["$defs"]) == ["BackpressureLevel"]
    validator = Draft202012Validator(schema)
    assert validator.is_valid({**EVENT, "previous": "hard"})
    assert not validator.is_valid({**EVENT, "previous": "critical"})


def test_two_different_schemas_under_one_defs_name_are_refused(
    codegen: ModuleType, scratch: Path
) -> None:
    _declare(scratch, "Clash", **{"$defs": {"BackpressureLevel": {"type": "integer"}}})
    with pytest.raises(ContractsError) as raised:
        _bundle(codegen, scratch)
    assert str(raised.value) == (
        "schemas/store/clash.json#: cannot be bundled: "
        "$defs/BackpressureLevel would hold two different schemas"
    )


def test_an_embedded_anchor_is_refused_with_its_pointer(codegen: ModuleType, scratch: Path) -> None:
    _declare(scratch, "Anchored", properties={"reason": {"$anchor": "why", "type": "string"}})
    with pytest.raises(ContractsError) as raised:
        _bundle(codegen, scratch)
    assert str(raised.value) == (
        "schemas/store/anchored.json#/properties/reason/$anchor: "
        "cannot be bundled: $anchor inside a schema makes a resource of its own"
    )


def _with_core(core: dict[str, Any], version: str, capacity_minimum: int | None = None) -> Any:
    changed = copy.deepcopy(core)
    for document in changed.values():
        document["x-market-data-core"]["version"] = version
    if capacity_minimum is not None:
        changed["FeedbackEvent"]["properties"]["capacity"]["exclusiveMinimum"] = capacity_minimum
    return changed


def _judged(
    codegen: ModuleType, project: Any, core: dict[str, Any]
) -> dict[str, tuple[bool, bool]]:
    """For each bundle file: (byte-equal to disk, still current for the gate)."""
    files = codegen.build_bundle(project, core, codegen.declarations(project, core))
    judged = {}
    for path, fresh in files.items():
        current = path.read_text(encoding="utf-8")
        judged[path.relative_to(project.bundle_dir).as_posix()] = (
            current == fresh,
            codegen._bundle.same_bundle_file(project, path, current, fresh),
        )
    return judged


def test_a_core_release_that_changes_no_schema_leaves_the_bundle_current_for_the_gate(
    codegen: ModuleType, project: Any
) -> None:
    judged = _judged(codegen, project, _with_core(codegen.snapshot(project), "9.9.9"))
    assert judged.pop("index.json") == (False, True)  # only its core_version differs
    assert set(judged.values()) == {(True, True)}


def test_a_core_schema_change_makes_the_bundle_stale_for_the_gate(
    codegen: ModuleType, project: Any
) -> None:
    judged = _judged(codegen, project, _with_core(codegen.snapshot(project), "9.9.9", 10))
    stale = sorted(name for name, (_, current) in judged.items() if not current)
    assert stale == ["core/feedback_event.json", "index.json", "store/feedback_event.json"]
    missing = project.bundle_dir / "core" / "probe.json"
    assert not codegen._bundle.same_bundle_file(project, missing, None, "{}\n")
