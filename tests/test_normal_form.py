"""Form never reads as meaning: what every supported Pydantic writes for Core's contracts gives
the same snapshot, the same published bundle and the same hashes, byte for byte.

``tests/fixtures/core_schemas/pydantic-*.json`` hold the raw ``model_json_schema()`` of Core's
snapshotted contracts, captured once from real installs of those Pydantic versions with
``scripts/capture_core_schemas.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from codegen_support import generated_as_committed
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from codegen._normalise import REWRITES, normal_form
from codegen._snapshot import ORIGIN

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "core_schemas"
CAPTURES = sorted(FIXTURES.glob("pydantic-*.json"))
OLDEST, LATEST = "pydantic-2.7.4.json", "pydantic-2.14.4.json"


def _captured(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return document


def test_the_captures_cover_the_oldest_and_the_latest_pydantic_and_differ_in_form():
    assert {OLDEST, LATEST} <= {path.name for path in CAPTURES}
    oldest, latest = _captured(OLDEST), _captured(LATEST)
    assert oldest["pydantic"].startswith("2.7.")
    assert oldest["schemas"] != latest["schemas"]  # else this file would prove nothing


def test_pydantic_2_7_and_the_latest_pydantic_normalise_to_the_same_bytes():
    oldest, latest = _captured(OLDEST)["schemas"], _captured(LATEST)["schemas"]
    for name in latest:
        assert json.dumps(normal_form(oldest[name]), sort_keys=True) == json.dumps(
            normal_form(latest[name]), sort_keys=True
        ), name


@pytest.mark.codegen
@pytest.mark.parametrize("capture", [path.name for path in CAPTURES])
def test_every_capture_writes_the_committed_snapshot_bundle_and_hashes(codegen, project, capture):
    files = generated_as_committed(codegen, project, _captured(capture)["schemas"])
    for path, text in sorted(files.items()):
        if path.parent == project.generated_models:
            continue  # Python is generated from the declarations, not from Pydantic's output
        assert path.read_text(encoding="utf-8") == text, f"{project.relative(path)} differs"


def test_the_installed_pydantic_writes_the_committed_snapshot(codegen, project):
    """The same check on whatever Pydantic runs the suite (each set of `make test-matrix`)."""
    for name, document in codegen.snapshot(project).items():
        path = project.core_schemas / f"{codegen.snake_case(name)}.json"
        committed = json.loads(path.read_text(encoding="utf-8"))
        live = {key: value for key, value in document.items() if key != ORIGIN}
        assert live == {key: value for key, value in committed.items() if key != ORIGIN}, name


def test_the_ref_in_allof_form_is_unwrapped_beside_its_siblings():
    wrapped = {
        "properties": {
            "level": {
                "allOf": [{"$ref": "#/$defs/Level"}],
                "default": "ok",
                "description": "the level",
            }
        },
        "$defs": {"Level": {"enum": ["ok", "soft"]}},
    }
    assert normal_form(wrapped)["properties"]["level"] == {
        "$ref": "#/$defs/Level",
        "default": "ok",
        "description": "the level",
    }
    assert wrapped["properties"]["level"]["allOf"] == [{"$ref": "#/$defs/Level"}]  # a copy


@pytest.mark.parametrize(
    "schema",
    [
        # more than one entry, or an entry with more than a $ref: not the wrapped form
        {"allOf": [{"$ref": "#/$defs/A"}, {"minimum": 0}], "$defs": {"A": {}}},
        {"allOf": [{"$ref": "#/$defs/A", "minimum": 0}], "$defs": {"A": {}}},
        # a node with its own $ref already: unwrapping would lose one of them
        {"$ref": "#/$defs/A", "allOf": [{"$ref": "#/$defs/B"}], "$defs": {"A": {}, "B": {}}},
        # a pointer into the allOf would lose its target
        {
            "properties": {
                "a": {"allOf": [{"$ref": "#/$defs/A"}]},
                "b": {"$ref": "#/properties/a/allOf/0"},
            },
            "$defs": {"A": {}},
        },
        # instance data that looks like the form is not a schema
        {"default": {"allOf": [{"$ref": "#/$defs/A"}]}, "const": {"allOf": [{"$ref": "x"}]}},
    ],
    ids=["two-entries", "entry-with-siblings", "own-ref", "pointer-into-allof", "instance-data"],
)
def test_what_only_looks_like_the_wrapped_form_is_kept(schema):
    assert normal_form(schema) == schema


_leaf = st.sampled_from(
    [{"type": "integer"}, {"type": "string"}, {"enum": ["ok", "soft", "hard"]}, {"minimum": 3}]
)
_siblings = st.fixed_dictionaries(
    {},
    optional={
        "default": st.sampled_from([0, 5, "ok", "x"]),
        "description": st.just("a field"),
        "minimum": st.integers(-3, 6),
        "type": st.sampled_from(["integer", "string"]),
        "enum": st.lists(st.sampled_from([0, 5, "ok", "soft", "x"]), min_size=1, unique=True),
    },
)
_instances = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10), st.sampled_from(["ok", "soft", "x", ""])
)


@given(target=_leaf, siblings=_siblings, instances=st.lists(_instances, min_size=1, max_size=8))
def test_unwrapping_never_changes_which_instances_are_valid(target, siblings, instances):
    """The rewrite is an equivalence: checked against jsonschema on generated schemas."""
    wrapped = {
        "$defs": {"T": target},
        "properties": {"field": {"allOf": [{"$ref": "#/$defs/T"}], **siblings}},
    }
    normal = normal_form(wrapped)
    assert "allOf" not in normal["properties"]["field"]
    before, after = Draft202012Validator(wrapped), Draft202012Validator(normal)
    for value in instances:
        instance = {"field": value}
        assert before.is_valid(instance) == after.is_valid(instance), (wrapped, instance)


def test_normal_form_is_idempotent_and_every_rewrite_is_documented():
    once = normal_form(_captured(OLDEST)["schemas"]["FeedbackEvent"])
    assert normal_form(once) == once
    for rewrite in REWRITES:
        assert rewrite.name.isupper()
        assert rewrite.purpose.endswith(".")
