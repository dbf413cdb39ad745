"""The joined 2020-12 metaschema (a fast path) accepts exactly what the real one accepts."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from market_data_store_contracts.compat._metaschema import metaschema_accepts

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
