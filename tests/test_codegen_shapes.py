"""Generated Python reads like hand-written Python: each declaration shape gives a plain
annotation, never a ``RootModel`` wrapper that callers would have to build (``Shard(root=3)``)."""

from __future__ import annotations

import ast
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from codegen._plain import inline_root_wrappers, plain_schema

pytestmark = pytest.mark.codegen

DRAFT = "https://json-schema.org/draft/2020-12/schema"
LEVEL = "urn:market-data:core:telemetry:BackpressureLevel"

#: field name -> (its schema, the generated line of the field, other generated statements)
SHAPES: dict[str, tuple[dict[str, Any], str, tuple[str, ...]]] = {
    "shard": (
        {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "null"}]},
        "shard: int | None = Field(None, ge=0)",
        (),
    ),
    "ratio": (
        {"anyOf": [{"type": "null"}, {"type": "number", "maximum": 1}], "default": None},
        "ratio: float | None = Field(None, le=1.0)",
        (),
    ),
    "level": (
        {"anyOf": [{"$ref": LEVEL}, {"type": "null"}]},
        "level: BackpressureLevel | None = None",
        ("from market_data_core.telemetry import BackpressureLevel",),
    ),
    "mode": (
        {"anyOf": [{"$ref": "#/$defs/Mode"}, {"type": "null"}]},
        "mode: Mode | None = None",
        ("class Mode(StrEnum):",),
    ),
    "tags": (
        {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 5},
        "tags: list[str] | None = Field(None, max_length=5, min_length=1)",
        (),
    ),
    "labels": (
        {"type": "array", "items": {"type": "string", "minLength": 1}, "maxItems": 3},
        "labels: list[Label] | None = Field(None, max_length=3)",
        ("Label = Annotated[str, Field(min_length=1)]",),
    ),
    "nested": (
        {"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"]},
        "nested: Nested | None = None",
        ("class Nested(BaseModel):",),
    ),
    "kind": ({"const": "store"}, 'kind: Literal["store"] | None = None', ()),
    "at": ({"type": "string", "format": "date-time"}, "at: AwareDatetime | None = None", ()),
    "closed": (
        {"type": "object", "properties": {"b": {"type": "string"}}, "additionalProperties": False},
        "closed: Closed | None = None",
        ("class Closed(BaseModel):", 'extra="forbid"'),
    ),
    "count": ({"type": "integer", "minimum": 0}, "count: int = Field(..., ge=0)", ()),
    "name": (
        {"type": ["string", "null"], "maxLength": 10},
        "name: str | None = Field(None, max_length=10)",
        (),
    ),
}


@pytest.fixture(scope="module")
def generated(codegen, project, tmp_path_factory) -> tuple[str, ModuleType]:
    folder = tmp_path_factory.mktemp("shapes")
    path = folder / "shapes.json"
    path.write_text(
        json.dumps(
            {
                "$schema": DRAFT,
                "$id": "urn:market-data:store:contracts:Shapes",
                "title": "Shapes",
                "type": "object",
                "properties": {name: schema for name, (schema, _, _) in SHAPES.items()},
                "required": ["count"],
                "$defs": {"Mode": {"enum": ["fast", "safe"], "type": "string"}},
            }
        ),
        encoding="utf-8",
    )
    declaration = codegen.Declaration(project, path, codegen.snapshot(project))
    from codegen._models import generate_models

    files = generate_models(project, [declaration])
    code = files[project.generated_models / "shapes.py"]
    module_path = folder / "shapes_generated.py"
    module_path.write_text(code, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("shapes_generated", module_path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["shapes_generated"] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules["shapes_generated"]
    return code, module


def _field_lines(code: str) -> dict[str, str]:
    tree = ast.parse(code)
    model = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Shapes")
    return {
        node.target.id: " ".join(str(ast.get_source_segment(code, node)).split())
        for node in model.body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
    }


@pytest.mark.parametrize("name", list(SHAPES))
def test_each_declaration_shape_gives_a_plain_annotation(generated, name):
    code, _ = generated
    _, line, others = SHAPES[name]
    assert _field_lines(code)[name] == line
    for statement in others:
        assert statement in code


def test_no_shape_gives_a_root_model_wrapper(generated):
    code, _ = generated
    assert "RootModel" not in code


def test_the_generated_fields_take_plain_values_and_keep_the_constraints(generated):
    _, module = generated
    event = module.Shapes(count=0, shard=3, ratio=0.5, labels=["a"], mode="safe", name="x")
    assert (event.shard, event.labels, event.mode.value) == (3, ["a"], "safe")
    assert module.Shapes(count=0, shard=None).shard is None
    for bad in (
        {"shard": -1},
        {"ratio": 2},
        {"labels": [""]},
        {"labels": ["a", "b", "c", "d"]},
        {"tags": []},
        {"closed": {"b": "x", "c": 1}},
        {"name": "x" * 11},
        {"count": -1},
    ):
        with pytest.raises(ValidationError):
            module.Shapes(**{"count": 0, **bad})


def test_rewriting_a_nullable_type_keeps_its_instances():
    """The rewrite before generation is an equivalence; a keyword that applies to null too
    (``enum``) or one written on both levels keeps the ``anyOf``."""
    rewritten = {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "null"}], "default": None}
    kept = [
        {"anyOf": [{"type": "string", "enum": ["a"]}, {"type": "null"}]},
        {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "null"}], "minimum": 1},
        {"anyOf": [{"type": "object"}, {"type": "null"}]},
    ]
    assert plain_schema(rewritten) == {"type": ["integer", "null"], "minimum": 0, "default": None}
    for schema in kept:
        assert plain_schema(schema) == schema
    before, after = Draft202012Validator(rewritten), Draft202012Validator(plain_schema(rewritten))
    for instance in (None, 0, 5, -1, 1.5, "5", True, [], {}):
        assert before.is_valid(instance) == after.is_valid(instance), instance


def test_the_wrapper_alias_keeps_the_declarations_own_class():
    code = (
        "from __future__ import annotations\n\n"
        "from pydantic import Field, RootModel\n\n\n"
        "class Count(RootModel[int]):\n    root: int = Field(..., ge=0)\n"
    )
    assert inline_root_wrappers(code, frozenset({"Count"})) == code
    assert inline_root_wrappers(code) == (
        "from __future__ import annotations\n\n"
        "from typing import Annotated\n\n"
        "from pydantic import Field\n\n\n"
        "Count = Annotated[int, Field(ge=0)]\n"
    )


def test_the_committed_models_need_no_wrapper(project):
    for path in Path(project.generated_models).glob("*.py"):
        assert "RootModel" not in path.read_text(encoding="utf-8"), path


_CONSTRAINTS: dict[str, dict[str, st.SearchStrategy[Any]]] = {
    "integer": {
        "minimum": st.integers(-5, 5),
        "maximum": st.integers(-5, 5),
        "multipleOf": st.integers(1, 3),
    },
    "number": {"exclusiveMinimum": st.integers(-5, 5), "maximum": st.floats(-5, 5)},
    "string": {
        "minLength": st.integers(0, 3),
        "maxLength": st.integers(0, 3),
        "pattern": st.sampled_from(["^a", "b$"]),
    },
    "array": {
        "minItems": st.integers(0, 2),
        "maxItems": st.integers(0, 2),
        "items": st.just({"type": "integer"}),
    },
}


@st.composite
def _nullable(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(sorted(_CONSTRAINTS)))
    typed = {"type": kind, **draw(st.fixed_dictionaries({}, optional=_CONSTRAINTS[kind]))}
    entries = [typed, {"type": "null"}]
    if draw(st.booleans()):
        entries.reverse()
    return {"anyOf": entries, **draw(st.fixed_dictionaries({}, optional={"default": st.none()}))}


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-6, 6) | st.floats(-6, 6) | st.text("ab", max_size=4),
    lambda inner: st.lists(inner, max_size=3),
    max_leaves=6,
)


@given(schema=_nullable(), instances=st.lists(_JSON, min_size=1, max_size=10))
def test_the_nullable_rewrite_never_changes_which_instances_are_valid(schema, instances):
    rewritten = plain_schema(schema)
    assert "anyOf" not in rewritten
    before, after = Draft202012Validator(schema), Draft202012Validator(rewritten)
    for instance in instances:
        assert before.is_valid(instance) == after.is_valid(instance), (schema, instance)
