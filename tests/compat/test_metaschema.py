"""The joined 2020-12 metaschema (a fast path) accepts exactly what the real one accepts."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator, Draft202012Validator

from market_data_store_contracts.compat._metaschema import fast_accepts, metaschema_accepts

from . import _fuzz

REAL = Draft202012Validator(Draft202012Validator.META_SCHEMA)

KEYWORDS = (
    "type", "enum", "const", "minimum", "multipleOf", "minLength", "pattern", "items",
    "prefixItems", "contains", "minContains", "properties", "required", "additionalProperties",
    "patternProperties", "propertyNames", "dependentRequired", "dependentSchemas", "allOf",
    "anyOf", "oneOf", "not", "if", "then", "$ref", "$defs", "$id", "$anchor", "$dynamicRef",
    "$vocabulary", "$comment", "unevaluatedItems", "unevaluatedProperties", "format",
    "contentEncoding", "contentSchema", "deprecated", "examples", "definitions", "dependencies",
    "$recursiveRef", "x-extra",
)  # fmt: skip
JSON = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(-2, 3), st.sampled_from([0.5, -1.5, 1e308]),
        st.sampled_from(["", "a", "string", "#", "#/$defs/a", "^a"]),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["a", "type", "minimum", "$ref"]), inner, max_size=2),
    ),
    max_leaves=6,
)  # fmt: skip


@pytest.mark.parametrize(
    "document",
    [
        {"type": "strin"},
        {"minLength": -1},
        {"minLength": 1.0},
        {"properties": {"a": {"type": 3}}},
        {"items": [1]},
        {"$defs": {"a": {"enum": 3}}},
        {"anyOf": []},
        {"dependencies": {"a": 3}},
        {"definitions": {"a": {"type": 1}}},
        {"prefixItems": [{"type": "x"}]},
        {"$vocabulary": {"x": 1}},
        {"properties": {"$ref": 1}},
        True,
        3,
    ],
)
def test_the_fast_path_agrees_on_edge_documents(document: Any) -> None:
    assert metaschema_accepts(document) is REAL.is_valid(document)


@settings(max_examples=300, deadline=None)
@given(schema=_fuzz.schemas(), data=st.data())
def test_the_fast_path_agrees_on_schemas_with_any_value_in_any_keyword(
    schema: Any, data: st.DataObject
) -> None:
    nodes = [(path, node) for path, node in _fuzz.nodes(schema) if isinstance(node, dict)]
    if nodes and data.draw(st.booleans()):
        path, node = data.draw(st.sampled_from(nodes))
        keyword = data.draw(st.sampled_from(KEYWORDS))
        schema = _fuzz.replace_at(schema, path, {**node, keyword: data.draw(JSON)})
    assert metaschema_accepts(schema) is REAL.is_valid(schema)


DRAFT7 = Draft7Validator(Draft7Validator.META_SCHEMA)
STRUCTURAL_KEYWORDS = (
    *KEYWORDS, "maxLength", "maxItems", "minItems", "minProperties", "uniqueItems", "readOnly",
    "exclusiveMinimum", "additionalItems", "$schema", "title", "description", "default",
    "contentMediaType", "$defs", "else", "maxContains",
)  # fmt: skip


@pytest.mark.parametrize("dialect", ["draft-07", "2020-12"])
@pytest.mark.parametrize(
    "document",
    [
        {"type": ["string", "string"]},
        {"type": []},
        {"required": ["a", "a"]},
        {"required": [1]},
        {"minLength": True},
        {"multipleOf": 0},
        {"items": []},
        {"items": [{"type": "x"}]},
        {"allOf": []},
        {"$id": "a#b"},
        {"properties": {"a": 3}},
        {"dependencies": {"a": ["b", "b"]}},
        {"dependencies": {"a": {"type": "x"}}},
        {"dependentRequired": {"a": [1]}},
        {"$anchor": "1bad"},
        {"$recursiveRef": 1},
        {"enum": {}},
        3,
    ],
)
def test_the_structural_fast_path_never_accepts_an_edge_document_the_metaschema_refuses(
    document: Any, dialect: str
) -> None:
    real = DRAFT7 if dialect == "draft-07" else REAL
    assert not fast_accepts(document, dialect) or real.is_valid(document)


def test_the_structural_fast_path_accepts_the_common_keywords() -> None:
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "$defs": {"Level": {"enum": ["ok", "soft"]}},
        "properties": {
            "a": {"type": ["integer", "null"], "minimum": 0, "multipleOf": 2},
            "b": {"$ref": "#/$defs/Level", "description": "x", "default": "ok"},
            "c": {"type": "array", "prefixItems": [{"type": "string"}], "items": False},
        },
        "required": ["a"],
        "additionalProperties": {"type": "string", "maxLength": 3, "format": "email"},
        "anyOf": [{"required": ["b"]}, True],
    }
    assert fast_accepts(document, "2020-12")


@settings(max_examples=200, deadline=None)
@given(
    schema=_fuzz.schemas(),
    data=st.data(),
    dialect=st.sampled_from(["draft-07", "2020-12"]),
)
def test_the_structural_fast_path_only_accepts_what_the_metaschema_accepts(
    schema: Any, data: st.DataObject, dialect: str
) -> None:
    for _ in range(data.draw(st.integers(0, 3))):
        nodes = [(path, node) for path, node in _fuzz.nodes(schema) if isinstance(node, dict)]
        if not nodes:
            break
        path, node = data.draw(st.sampled_from(nodes))
        keyword = data.draw(st.sampled_from(STRUCTURAL_KEYWORDS))
        schema = _fuzz.replace_at(schema, path, {**node, keyword: data.draw(JSON)})
    real = DRAFT7 if dialect == "draft-07" else REAL
    if fast_accepts(schema, dialect):
        assert real.is_valid(schema)
