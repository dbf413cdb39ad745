"""Bad inputs become one ContractsError naming the file and the JSON pointer, never a traceback."""

from __future__ import annotations

from typing import Any

import pytest
from referencing import Registry
from referencing.exceptions import Unretrievable

from market_data_store_contracts.compat import check
from market_data_store_contracts.errors import ContractsError


def _error(old: Any, new: Any = True, **kwargs: Any) -> ContractsError:
    with pytest.raises(ContractsError) as caught:
        check(old, new, old_name="old.json", new_name="new.json", **kwargs)
    return caught.value


def test_a_schema_that_breaks_the_metaschema_names_file_and_pointer() -> None:
    error = _error(True, {"properties": {"a": {"type": "strin"}}})
    assert (error.file, error.pointer) == ("new.json", "/properties/a/type")
    assert error.message.startswith("is not a valid JSON Schema 2020-12: ")


def test_an_invalid_regular_expression_is_refused_at_its_pointer() -> None:
    error = _error({"properties": {"a": {"type": "string", "pattern": "(("}}})
    assert str(error) == (
        "old.json#/properties/a/pattern: has an invalid regular expression '((': "
        "missing ), unterminated subpattern at position 1"
    )


def test_an_invalid_pattern_properties_key_is_refused_at_its_pointer() -> None:
    error = _error({"patternProperties": {"[a-": {}}})
    assert (error.file, error.pointer) == ("old.json", "/patternProperties/[a-")


def test_a_dangling_ref_is_refused_at_the_ref() -> None:
    error = _error({"properties": {"a": {"$ref": "#/$defs/Missing"}}})
    assert str(error) == "old.json#/properties/a/$ref: $ref '#/$defs/Missing' does not resolve"


def test_a_ref_to_an_unknown_urn_is_refused() -> None:
    error = _error(True, {"allOf": [{"$ref": "urn:market-data:core:telemetry:Nope"}]})
    assert (error.file, error.pointer) == ("new.json", "/allOf/0/$ref")


def test_a_remote_ref_is_refused_and_nothing_is_fetched() -> None:
    attempts: list[str] = []

    def retrieve(uri: str) -> Any:
        attempts.append(uri)
        raise Unretrievable(ref=uri)

    loud: Registry[Any] = Registry(retrieve=retrieve)  # type: ignore[call-arg]
    error = _error({"$ref": "https://example.com/x.json"}, registry=loud)
    assert attempts == []
    assert (error.file, error.pointer) == ("old.json", "/$ref")
    assert "remote document that is not in the registry; nothing is fetched" in error.message
    assert error.hint is not None


@pytest.mark.parametrize(
    ("schema", "pointer"),
    [
        ({"$ref": "#"}, "/$ref"),
        (
            {
                "$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}},
                "$ref": "#/$defs/a",
            },
            "/$defs/b/$ref",
        ),
        ({"allOf": [{"$ref": "#"}]}, "/allOf/0/$ref"),
    ],
    ids=["self", "two-defs", "through-all-of"],
)
def test_a_ref_cycle_without_a_base_case_is_refused(schema: Any, pointer: str) -> None:
    error = _error(schema)
    assert (error.file, error.pointer) == ("old.json", pointer)
    assert "cycle" in error.message


@pytest.mark.parametrize("side", ["old", "new"])
def test_a_dynamic_ref_cycle_without_a_base_case_is_refused(side: str) -> None:
    loop = {"$dynamicAnchor": "n", "allOf": [{"$dynamicRef": "#n"}]}
    error = _error(loop, True) if side == "old" else _error(True, loop)
    assert (error.file, error.pointer) == (f"{side}.json", "/allOf/0/$dynamicRef")
    assert "cycle" in error.message


def test_a_dynamic_ref_under_items_is_not_a_cycle() -> None:
    tree = {
        "$dynamicAnchor": "node",
        "type": "object",
        "properties": {"kids": {"type": "array", "items": {"$dynamicRef": "#node"}}},
    }
    report = check(tree, {**tree, "required": ["kids"]})  # read, not refused
    assert {f.rule_id for f in report.findings} >= {"PROPERTY_REQUIRED_ADDED"}


def test_a_recursive_ref_under_items_is_not_a_cycle() -> None:
    tree = {"type": "object", "properties": {"kids": {"type": "array", "items": {"$ref": "#"}}}}
    assert check(tree, tree).compatible is True


def test_five_thousand_levels_of_nesting_are_refused_without_a_recursion_error() -> None:
    schema: Any = {"type": "integer"}
    for _ in range(5000):
        schema = {"items": schema}
    error = _error(True, schema)
    assert error.file == "new.json"
    assert error.message == "is nested more than 1000 levels deep; such a schema is refused"
    assert error.pointer.startswith("/items/items/")


def test_a_dialect_the_checker_does_not_read_is_refused_with_a_hint() -> None:
    error = _error({"$schema": "http://json-schema.org/draft-03/schema#"})
    assert str(error) == (
        "old.json#/$schema: declares $schema 'http://json-schema.org/draft-03/schema#', which "
        "is not a dialect this checker reads (draft-04, draft-06, draft-07, 2019-09, 2020-12) "
        '(hint: use one of their $schema URIs, e.g. "https://json-schema.org/draft/2020-12/schema")'
    )


def test_an_unknown_mode_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="mode must be one of backward, forward, full"):
        check(True, True, mode="sideways")
