"""Dialects: each document is read in its own dialect, keywords of other dialects are never
ignored silently, unknown keywords are listed, and findings point into the documents as
written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, Draft7Validator, Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT7, DRAFT202012

from market_data_store_contracts._documents.keywords import KEYWORDS
from market_data_store_contracts._output import FORMATS, of_compat
from market_data_store_contracts.compat import DIALECTS, check
from market_data_store_contracts.compat.dialects import translate
from market_data_store_contracts.errors import ContractsError

from ._support import run_compat, write_json

D4 = "http://json-schema.org/draft-04/schema#"
D6 = "http://json-schema.org/draft-06/schema#"
D7 = "http://json-schema.org/draft-07/schema#"
D2019 = "https://json-schema.org/draft/2019-09/schema"
D2020 = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_OF = {"draft-04": D4, "draft-06": D6, "draft-07": D7, "2019-09": D2019, "2020-12": D2020}

HINT = "set `$schema` or `--dialect` to the dialect the schema is written in"


def _error(old: Any, new: Any = True, **kwargs: Any) -> ContractsError:
    with pytest.raises(ContractsError) as caught:
        check(old, new, old_name="old.json", new_name="new.json", **kwargs)
    return caught.value


# -- the two answers the issue found wrong --------------------------------------------------


def test_a_dependencies_swap_without_schema_is_refused_naming_the_keyword() -> None:
    error = _error({"dependencies": {"a": ["b"]}}, {"dependencies": {"b": ["a"]}})
    assert str(error) == (
        "old.json#/dependencies: uses 'dependencies', a keyword of draft-04, draft-06, draft-07 "
        f"that JSON Schema 2020-12 does not define; it is not ignored silently: {HINT}"
    )


@pytest.mark.parametrize("how", ["schema", "dialect"])
def test_a_dependencies_swap_read_as_draft_07_is_incompatible_with_witness_b(how: str) -> None:
    old: dict[str, Any] = {"dependencies": {"a": ["b"]}}
    new: dict[str, Any] = {"dependencies": {"b": ["a"]}}
    if how == "schema":
        old, new = {"$schema": D7, **old}, {"$schema": D7, **new}
        report = check(old, new)
    else:
        report = check(old, new, dialect="draft-07")
    assert report.compatible is False
    [finding] = report.findings
    assert (finding.rule_id, finding.new_pointer) == ("DEPENDENT_REQUIRED_ADDED", "/dependencies/b")
    assert isinstance(finding.witness, dict)
    assert "b" in finding.witness
    assert "a" not in finding.witness
    assert Draft7Validator(old).is_valid(finding.witness)
    assert not Draft7Validator(new).is_valid(finding.witness)
    assert Draft7Validator(old).is_valid({"b": 1})
    assert not Draft7Validator(new).is_valid({"b": 1})


def test_removing_nullable_without_schema_is_never_called_compatible() -> None:
    error = _error({"type": "string", "nullable": True}, {"type": "string"})
    assert (error.file, error.pointer) == ("old.json", "/nullable")
    assert HINT in error.message
    report = check({"type": "string", "nullable": True}, {"type": "string"}, dialect="openapi-3.0")
    assert report.compatible is False
    assert [(f.rule_id, f.witness) for f in report.findings] == [("TYPE_NARROWED", None)]


# -- the guard -------------------------------------------------------------------------------

#: A valid value for each keyword that some dialect gives meaning to and others do not.
SAMPLES: dict[str, Any] = {
    "const": 1,
    "contains": {"type": "integer"},
    "propertyNames": {"maxLength": 3},
    "if": {"type": "integer"},
    "then": {"minimum": 0},
    "else": {"type": "string"},
    "dependencies": {"a": ["b"]},
    "dependentRequired": {"a": ["b"]},
    "dependentSchemas": {"a": {"required": ["b"]}},
    "unevaluatedProperties": False,
    "unevaluatedItems": False,
    "minContains": 1,
    "maxContains": 2,
    "$recursiveRef": "#",
    "$dynamicRef": "#",
    "prefixItems": [{"type": "string"}],
    "additionalItems": False,
    "nullable": True,
    "patternProperties": {"^a": {"type": "string"}},
}

#: dialect -> the keywords of other dialects it refuses, read off the specifications
GUARDED: dict[str, set[str]] = {
    "draft-04": {
        "const", "contains", "propertyNames", "if", "then", "else", "dependentRequired",
        "dependentSchemas", "unevaluatedProperties", "unevaluatedItems", "minContains",
        "maxContains", "$recursiveRef", "$dynamicRef", "prefixItems", "nullable",
    },
    "draft-06": {
        "if", "then", "else", "dependentRequired", "dependentSchemas", "unevaluatedProperties",
        "unevaluatedItems", "minContains", "maxContains", "$recursiveRef", "$dynamicRef",
        "prefixItems", "nullable",
    },
    "draft-07": {
        "dependentRequired", "dependentSchemas", "unevaluatedProperties", "unevaluatedItems",
        "minContains", "maxContains", "$recursiveRef", "$dynamicRef", "prefixItems", "nullable",
    },
    "2019-09": {"dependencies", "$dynamicRef", "prefixItems", "nullable"},
    "2020-12": {"dependencies", "additionalItems", "$recursiveRef", "nullable"},
    "openapi-3.0": {
        "const", "contains", "propertyNames", "if", "then", "else", "dependencies",
        "dependentRequired", "dependentSchemas", "unevaluatedProperties", "unevaluatedItems",
        "minContains", "maxContains", "$recursiveRef", "$dynamicRef", "prefixItems",
        "additionalItems", "patternProperties",
    },
}  # fmt: skip

GUARD_CASES = [(dialect, keyword) for dialect in DIALECTS for keyword in sorted(GUARDED[dialect])]


@pytest.mark.parametrize(
    ("dialect", "keyword"), GUARD_CASES, ids=[f"{d}-{k}" for d, k in GUARD_CASES]
)
def test_a_keyword_of_another_dialect_is_refused_where_it_stands(
    dialect: str, keyword: str
) -> None:
    schema = {"properties": {"p": {keyword: SAMPLES[keyword]}}}
    error = _error(schema, True, dialect=dialect)
    assert (error.file, error.pointer) == ("old.json", f"/properties/p/{keyword}")
    assert error.message.startswith(f"uses {keyword!r}, a keyword of ")
    assert error.message.endswith(HINT)


@pytest.mark.parametrize("dialect", [d for d in DIALECTS if d != "openapi-3.0"])
def test_the_guard_follows_schema_and_lets_the_dialects_own_keywords_pass(dialect: str) -> None:
    for keyword in sorted(set(SAMPLES) - GUARDED[dialect] - {"nullable", "patternProperties"}):
        schema = {"$schema": SCHEMA_OF[dialect], "properties": {"p": {keyword: SAMPLES[keyword]}}}
        report = check(schema, schema)  # read, not refused
        if keyword not in {"$dynamicRef", "$recursiveRef", "dependentSchemas"}:
            assert report.compatible is True, keyword
        never = {"not": {}} if dialect == "draft-04" else False  # draft-04 has no false
        closed = {"$schema": SCHEMA_OF[dialect], "properties": {"p": never}}
        assert check(closed, schema).compatible is True, keyword


def test_unknown_keywords_beside_a_ref_are_listed_even_where_the_ref_hides_them() -> None:
    schema = {"$schema": D7, "definitions": {"s": {}}, "$ref": "#/definitions/s", "requried": []}
    assert [n.pointer for n in check(schema, True).notices] == ["/requried"]


@pytest.mark.parametrize("dialect", ["2020-12", "openapi-3.0"])
def test_array_form_items_is_refused_where_it_means_nothing(dialect: str) -> None:
    error = _error({"items": [{"type": "string"}]}, dialect=dialect)
    assert error.pointer == "/items"
    assert error.message.startswith("uses 'items' as an array of schemas, a form of draft-04")
    assert error.message.endswith(HINT)


@pytest.mark.parametrize("dialect", ["draft-06", "draft-07", "2019-09", "2020-12"])
def test_a_boolean_exclusive_bound_is_refused_after_draft_04(dialect: str) -> None:
    error = _error({"minimum": 0, "exclusiveMinimum": True}, dialect=dialect)
    assert error.pointer == "/exclusiveMinimum"
    assert error.message.startswith("uses a boolean 'exclusiveMinimum', a form of draft-04")
    assert error.message.endswith(HINT)


def test_siblings_of_a_ref_mean_nothing_before_2019_09_so_they_are_not_refused() -> None:
    schema = {
        "$schema": D7,
        "definitions": {"s": {"type": "string"}},
        "properties": {"a": {"$ref": "#/definitions/s", "dependentRequired": {"x": ["y"]}}},
    }
    assert check(schema, {"$schema": D7, "properties": {"a": {"type": "string"}}}).compatible


# -- metaschemas -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dialect", "schema", "pointer", "title"),
    [
        ("draft-04", {"properties": {"a": {"type": "strin"}}}, "/properties/a/type", "draft-04"),
        ("draft-04", {"required": []}, "/required", "draft-04"),
        ("draft-04", {"items": True}, "/items", "draft-04"),
        ("draft-06", {"const": 1, "contains": 3}, "/contains", "draft-06"),
        ("draft-07", {"if": "yes"}, "/if", "draft-07"),
        ("2019-09", {"$recursiveAnchor": "yes"}, "/$recursiveAnchor", "2019-09"),
    ],
)
def test_each_document_is_validated_against_its_own_metaschema(
    dialect: str, schema: dict[str, Any], pointer: str, title: str
) -> None:
    error = _error({"$schema": SCHEMA_OF[dialect], **schema})
    assert (error.file, error.pointer) == ("old.json", pointer)
    assert error.message.startswith(f"is not a valid JSON Schema {title}: ")


@pytest.mark.parametrize(
    ("schema", "pointer"),
    [
        ({"type": ["string", "null"]}, "/type"),
        ({"type": "string", "nullable": "yes"}, "/nullable"),
        ({"properties": {"a": {"exclusiveMinimum": 0}}}, "/properties/a/exclusiveMinimum"),
        ({"items": {"$ref": 5}}, "/items/$ref"),
    ],
)
def test_an_openapi_schema_object_is_validated_against_the_openapi_rules(
    schema: dict[str, Any], pointer: str
) -> None:
    error = _error(schema, dialect="openapi-3.0")
    assert (error.file, error.pointer) == ("old.json", pointer)
    assert error.message.startswith("is not a valid OpenAPI 3.0 Schema Object: ")


def test_an_unknown_dialect_argument_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="dialect must be one of draft-04, draft-06, draft-07"):
        check(True, True, dialect="draft-05")


def test_openapi_is_never_named_by_schema_so_a_schema_wins_over_the_dialect_argument() -> None:
    old = {"$schema": D2020, "type": ["string", "null"]}
    report = check(old, {"type": "string", "nullable": True}, dialect="openapi-3.0", mode="full")
    assert report.compatible is True


# -- findings point into the documents as written --------------------------------------------


def test_a_tuple_item_finding_points_at_array_form_items() -> None:
    old = {"$schema": D7, "items": [{"type": "string"}, {"type": "integer"}]}
    new = {"$schema": D7, "items": [{"type": "string"}, {"type": "string"}]}
    [finding] = check(old, new).findings
    assert (finding.old_pointer, finding.new_pointer) == ("/items/1/type", "/items/1/type")
    assert finding.witness == ["", 0]


def test_a_closed_tuple_finding_points_at_additional_items() -> None:
    old = {"$schema": D4, "items": [{"type": "string"}]}
    new = {"$schema": D4, "items": [{"type": "string"}], "additionalItems": {"type": "integer"}}
    [finding] = check(old, new).findings
    assert finding.new_pointer == "/additionalItems/type"
    assert Draft4Validator(old).is_valid(finding.witness)
    assert not Draft4Validator(new).is_valid(finding.witness)


def test_a_draft_04_exclusive_bound_finding_points_at_its_keyword() -> None:
    old = {"$schema": D4, "type": "integer", "minimum": 0}
    new = {"$schema": D4, "type": "integer", "minimum": 0, "exclusiveMinimum": True}
    [finding] = check(old, new).findings
    assert (finding.rule_id, finding.new_pointer) == ("NUMBER_MINIMUM_RAISED", "/exclusiveMinimum")
    assert finding.witness == 0


def test_an_error_in_a_translated_place_points_into_the_document_as_written() -> None:
    error = _error({"$schema": D7, "items": [{"$ref": "#/definitions/missing"}]})
    assert str(error) == ("old.json#/items/0/$ref: $ref '#/definitions/missing' does not resolve")
    error = _error({"$schema": D7, "items": [{}], "additionalItems": {"pattern": "(("}})
    assert error.pointer == "/additionalItems/pattern"


def test_witnesses_are_verified_with_the_validator_of_the_documents_own_dialect() -> None:
    from market_data_store_contracts.compat._sides import build_side

    side = build_side(
        {"$schema": D4, "type": "integer"}, file="x", label="old", closed=False, registry=None
    )
    assert side.accepts(1.0) is True  # the 2020-12 translation: 1.0 is an integer
    assert side.accepts_as_written(1.0) is False  # draft-04: an integer has no fraction part
    assert side.accepts_as_written(1) is True


# -- references across dialects --------------------------------------------------------------


def _registry(*documents: Any) -> Registry[Any]:
    registry: Registry[Any] = Registry()
    for document in documents:
        registry = registry.with_resource(document["$id"], DRAFT202012.create_resource(document))
    return registry


def test_refs_into_documents_of_other_dialects_read_each_in_its_own() -> None:
    old_07 = {"$schema": D7, "$id": "urn:ext:old", "dependencies": {"a": ["b"]}}
    new_2019 = {"$schema": D2019, "$id": "urn:ext:new", "dependentRequired": {"b": ["a"]}}
    registry = _registry(old_07, new_2019)
    report = check({"$ref": "urn:ext:old"}, {"$ref": "urn:ext:new"}, registry=registry)
    assert [f.rule_id for f in report.findings] == ["DEPENDENT_REQUIRED_ADDED"]
    witness = report.findings[0].witness
    old_registry = Registry().with_resource("urn:ext:old", DRAFT7.create_resource(old_07))
    assert Draft202012Validator({"$ref": "urn:ext:old"}, registry=old_registry).is_valid(witness)
    assert not Draft202012Validator({"dependentRequired": {"b": ["a"]}}).is_valid(witness)
    same = _registry(old_07, {**new_2019, "dependentRequired": {"a": ["b"]}})
    assert check({"$ref": "urn:ext:old"}, {"$ref": "urn:ext:new"}, registry=same).compatible


#: a draft-07 document whose places are renamed by the translation (array ``items``,
#: ``additionalItems``, both forms of ``dependencies``, the ignored siblings of a ``$ref``)
_RENAMED = {
    "$schema": D7,
    "$id": "urn:renamed",
    "items": [{"type": "integer", "minimum": 0}, {"type": "string"}],
    "additionalItems": {"type": "string", "maxLength": 2},
    "definitions": {"name": {"type": "string", "maxLength": 3}},
    "dependencies": {"a": {"required": ["b"]}, "c": ["d"]},
    "properties": {"p": {"$ref": "#/definitions/name", "allOf": [{"type": "integer"}]}},
    "components": {"level": {"type": "object", "dependencies": {"x": ["y"]}}},
}


@pytest.mark.parametrize(
    ("fragment", "same", "narrower", "witness"),
    [
        ("/items/0", {"type": "integer", "minimum": 0}, {"type": "integer", "minimum": 1}, 0),
        ("/items/1", {"type": "string"}, {"type": "string", "maxLength": 1}, "aa"),
        ("/additionalItems", {"type": "string", "maxLength": 2}, {"maxLength": 1}, "aa"),
        ("/definitions/name", {"type": "string", "maxLength": 3}, {"maxLength": 2}, "aaa"),
        ("/dependencies/a", {"required": ["b"]}, {"required": ["b", "e"]}, None),
        ("/properties/p/allOf/0", {"type": "integer"}, {"type": "integer", "minimum": 0}, -1),
        (
            "/components/level",
            {"type": "object", "dependentRequired": {"x": ["y"]}},
            {"type": "object", "dependentRequired": {"x": ["y", "z"]}},
            None,
        ),
    ],
)
def test_a_ref_into_another_document_names_the_place_as_written_in_its_dialect(
    fragment: str, same: dict[str, Any], narrower: dict[str, Any], witness: Any
) -> None:
    old = {"$ref": "urn:renamed#" + fragment}
    registry = _registry(_RENAMED)
    assert check(old, same, registry=registry, mode="full").compatible is True
    report = check(old, narrower, registry=registry)
    assert report.compatible is False
    assert not any(f.rule_id.endswith("_UNDECIDED") for f in report.findings)
    if witness is not None:
        assert [f.witness for f in report.findings] == [witness]


@pytest.mark.parametrize("fragment", ["/items/2", "/prefixItems/0", "/dependentSchemas/a"])
def test_a_ref_into_another_document_that_names_nothing_there_as_written_says_so(
    fragment: str,
) -> None:
    registry = _registry(_RENAMED)
    error = _error({"$ref": "urn:renamed#" + fragment}, registry=registry)
    assert str(error) == (
        f"old.json#/$ref: $ref 'urn:renamed#{fragment}' does not resolve: no '{fragment}' in "
        "urn:renamed"
    )


def test_mixed_forms_of_dependencies_are_verified_as_written() -> None:
    old = {"$schema": D7, "type": "object", "dependencies": {"a": {"required": ["b"]}, "c": ["d"]}}
    new = {**old, "dependencies": {"a": {"required": ["b"]}, "c": ["d", "e"]}}
    report = check(old, new)
    assert [(f.rule_id, f.witness) for f in report.findings] == [
        ("DEPENDENT_REQUIRED_ADDED", {"c": None, "d": None})
    ]
    assert Draft7Validator(old).is_valid({"c": None, "d": None})
    assert not Draft7Validator(new).is_valid({"c": None, "d": None})


def test_a_recursive_ref_lands_on_the_root_of_the_document_validation_starts_from() -> None:
    tree = {
        "$schema": D2019,
        "$recursiveAnchor": True,
        "properties": {"children": {"items": {"$recursiveRef": "#"}}},
        "$defs": {
            "leaf": {"$id": "urn:leaf", "$recursiveAnchor": True, "not": {"$recursiveRef": "#"}}
        },
    }
    entry = translate(tree, file="x", default=None, entry=True).translated
    assert entry["properties"]["children"]["items"] == {"$ref": "#"}
    assert entry["$defs"]["leaf"]["not"] == {"$dynamicRef": "#recursiveAnchor"}  # its own resource
    resource = translate(tree, file="x", default=None).translated  # others may extend it
    assert resource["properties"]["children"]["items"] == {"$dynamicRef": "#recursiveAnchor"}
    # a place outside schema keywords that a $ref makes a schema is read the same way
    node = tree["properties"]["children"]
    tree = {**tree, "$ref": "#/components/node", "components": {"node": node}}
    resource = translate(tree, file="x", default=None).translated
    assert resource["components"]["node"]["items"] == {"$dynamicRef": "#recursiveAnchor"}


def test_a_draft_04_document_refers_to_a_2020_12_resource_with_prefix_items() -> None:
    resource = {"$id": "urn:pair", "type": "array", "prefixItems": [{"type": "string"}]}
    registry = _registry(resource)
    old = {"$schema": D4, "type": "array", "items": [{"type": "string"}]}
    new = {"$schema": D4, "$ref": "urn:pair", "items": [{"type": "integer"}]}  # siblings ignored
    assert check(old, new, registry=registry, mode="full").compatible is True


def test_a_registry_resource_without_schema_is_read_in_the_dialect_argument() -> None:
    resource = {"$id": "urn:dep", "dependencies": {"a": ["b"]}}
    registry = _registry(resource)
    report = check(True, {"$ref": "urn:dep"}, registry=registry, dialect="draft-07")
    assert [f.rule_id for f in report.findings] == ["DEPENDENT_REQUIRED_ADDED"]
    with pytest.raises(ContractsError, match="uses 'dependencies'") as caught:
        check(True, {"$ref": "urn:dep"}, registry=registry)
    assert (caught.value.file, caught.value.pointer) == ("urn:dep", "/dependencies")


def test_an_embedded_resource_is_read_and_validated_in_the_dialect_it_names() -> None:
    def document(kind: str) -> dict[str, Any]:
        embedded = {"$schema": D7, "$id": "urn:emb", "items": [{"type": kind}]}
        return {"$defs": {"e": embedded}, "properties": {"a": {"$ref": "urn:emb"}}}

    report = check(document("string"), document("integer"))
    assert [f.rule_id for f in report.findings] == ["TYPE_NARROWED"]
    assert check(document("string"), document("string")).compatible is True
    broken = document("string")
    broken["$defs"]["e"]["if"] = 3
    error = _error(broken)
    assert (error.pointer, error.message[:34]) == (
        "/$defs/e/if",
        "is not a valid JSON Schema draft-0",
    )


def test_openapi_refs_into_components_are_read_as_schema_objects() -> None:
    def document(nullable: bool) -> dict[str, Any]:
        level = {"type": "string", "nullable": nullable}
        return {
            "components": {"schemas": {"Level": level}},
            "properties": {"level": {"$ref": "#/components/schemas/Level"}},
        }

    report = check(document(True), document(False), dialect="openapi-3.0")
    assert [(f.rule_id, f.witness) for f in report.findings] == [("TYPE_NARROWED", {"level": None})]
    assert check(document(False), document(True), dialect="openapi-3.0").compatible


# -- unknown keywords ------------------------------------------------------------------------


def test_unknown_keywords_are_listed_once_per_document_and_never_change_the_verdict() -> None:
    old = {"properties": {"a": {"type": "string"}}, "requried": ["a"], "x-owner": "team"}
    new = {
        "properties": {"a": {"type": "string", "requried": True}, "b": {"requried": 1}},
        "definitions": {},
    }
    report = check(old, new)
    assert report.compatible is True
    assert [(n.file, n.pointer) for n in report.notices] == [
        ("old", "/requried"),
        ("new", "/properties/a/requried"),
    ]
    text = FORMATS["text"](of_compat(report))
    assert text.splitlines()[:2] == [
        "old#/requried: 'requried' is no keyword of any JSON Schema dialect, so it is read as an "
        "annotation (a typo?) (info)",
        "new#/properties/a/requried: 'requried' is no keyword of any JSON Schema dialect, so it "
        "is read as an annotation (a typo?) (info)",
    ]
    data = json.loads(FORMATS["json"](of_compat(report)))
    assert [n["pointer"] for n in data["notices"]] == ["/requried", "/properties/a/requried"]
    github = FORMATS["github"](of_compat(report))
    assert github.startswith("::notice file=old,title=info::/requried: 'requried'")


def test_a_report_without_unknown_keywords_keeps_its_json_shape() -> None:
    data = json.loads(FORMATS["json"](of_compat(check({"type": "string"}, {"type": "string"}))))
    assert set(data) == {"compatible", "findings", "mode", "new", "old", "verdict"}


# -- the command line ------------------------------------------------------------------------


def test_the_dialect_option_reads_schemas_without_schema(tmp_path: Path) -> None:
    old = write_json(tmp_path, "old.json", {"dependencies": {"a": ["b"]}})
    new = write_json(tmp_path, "new.json", {"dependencies": {"b": ["a"]}})
    code, out, err = run_compat(old, new)
    assert (code, out) == (2, "")
    assert err == (
        f"error: {old}#/dependencies: uses 'dependencies', a keyword of draft-04, draft-06, "
        f"draft-07 that JSON Schema 2020-12 does not define; it is not ignored silently: {HINT}\n"
    )
    code, out, err = run_compat(old, new, "--dialect", "draft-07")
    assert (code, err) == (1, "")
    assert out.startswith(f'{new}#/dependencies/b: The schema now requires property "a"')
    assert '(DEPENDENT_REQUIRED_ADDED) witness: {"b":' in out


def test_the_dialect_option_reads_openapi_schema_objects(tmp_path: Path) -> None:
    old = write_json(tmp_path, "old.json", {"type": "integer", "nullable": True, "x-kind": "count"})
    new = write_json(tmp_path, "new.json", {"type": "integer"})
    code, out, _ = run_compat(old, new, "--dialect", "openapi-3.0")
    assert code == 1
    assert out.splitlines()[0] == (
        f"{new}#/type: The schema changed type from null or integer to integer. (TYPE_NARROWED) "
        "witness: null"
    )
    code, _, err = run_compat(
        new,
        write_json(tmp_path, "list.json", {"type": ["integer", "null"]}),
        "--dialect",
        "openapi-3.0",
    )
    assert code == 2
    assert err.startswith(f"error: {tmp_path}/list.json#/type: is not a valid OpenAPI 3.0 Schema")
    assert err.count("\n") == 1


def test_a_ref_file_is_read_in_its_own_dialect_and_named_by_draft_04_id(tmp_path: Path) -> None:
    ref = write_json(tmp_path, "ref.json", {"$schema": D4, "id": "urn:n", "type": "number"})
    old = write_json(tmp_path, "old.json", {"$ref": "urn:n"})
    new = write_json(tmp_path, "new.json", {"type": "integer"})
    code, out, _ = run_compat(old, new, "--ref", ref)
    assert code == 1
    assert "(TYPE_NARROWED) witness: 0.5" in out


def test_an_unknown_dialect_option_is_a_usage_error(tmp_path: Path) -> None:
    old = write_json(tmp_path, "old.json", True)
    code, out, err = run_compat(old, old, "--dialect", "draft-05")
    assert (code, out) == (2, "")
    assert "invalid choice: 'draft-05'" in err
    assert err.count("\n") == 1


def test_an_assertion_beside_a_ref_is_not_guessed_when_no_dialect_is_named() -> None:
    schema = {
        "$defs": {"s": {"type": "string"}},
        "properties": {"a": {"$ref": "#/$defs/s", "maxLength": 1}},
    }
    error = _error(schema)
    assert error.pointer == "/properties/a/maxLength"
    assert error.message.startswith(
        "uses 'maxLength' beside a $ref, which 2019-09 and 2020-12 apply but draft-04 to draft-07 "
        "ignore"
    )
    assert error.message.endswith(HINT)
    plain = {"properties": {"a": {"type": "string"}}}
    assert check(schema, plain, dialect="2020-12", mode="full").compatible is False
    assert check(schema, plain, dialect="draft-07", mode="full").compatible is True
    assert check({"$schema": D2020, **schema}, plain, mode="full").compatible is False
    annotated = {"$defs": {"s": {}}, "$ref": "#/$defs/s", "description": "x", "default": 1}
    assert check(annotated, True).compatible is True


def test_openapi_nullable_without_type_or_beside_a_ref_follows_the_specification_and_says_so() -> (
    None
):
    components = {"definitions": {"Level": {"type": "string"}}}
    old = {
        **components,
        "properties": {
            "a": {"nullable": True, "allOf": [{"$ref": "#/definitions/Level"}]},
            "b": {"$ref": "#/definitions/Level", "nullable": True},
        },
    }
    new = {
        **components,
        "properties": {
            "a": {"allOf": [{"$ref": "#/definitions/Level"}]},
            "b": {"$ref": "#/definitions/Level"},
        },
    }
    report = check(old, new, dialect="openapi-3.0", mode="full")
    assert report.compatible is True
    assert [(n.file, n.pointer, n.message.split(",")[0]) for n in report.notices] == [
        (
            "old",
            "/properties/a/nullable",
            "'nullable: true' without 'type' has no effect in OpenAPI 3.0.3",
        ),
        (
            "old",
            "/properties/b/nullable",
            "'nullable: true' beside a $ref is ignored in OpenAPI 3.0",
        ),
    ]


def test_a_ref_into_the_ignored_siblings_of_a_ref_still_resolves() -> None:
    old = {"$schema": D7, "$ref": "#/items/0", "items": [{"type": "string"}]}
    assert check(old, {"type": "string"}, mode="full").compatible is True
    report = check(old, {"type": "integer"})
    assert [(f.rule_id, f.witness) for f in report.findings] == [("TYPE_NARROWED", "")]
    assert Draft7Validator(old).is_valid("") is True


def test_the_keyword_table_has_one_row_per_dialect_and_the_checker_refuses_by_it() -> None:
    assert sorted(KEYWORDS) == sorted(DIALECTS)
    assert "prefixItems" in KEYWORDS["2020-12"]
    assert "prefixItems" not in KEYWORDS["draft-07"]
    with pytest.raises(ContractsError, match="prefixItems"):
        check({"$schema": D7, "prefixItems": [{"type": "string"}]}, {"$schema": D7})


def test_a_draft_07_ref_to_an_anchor_under_an_unknown_keyword_is_undecided_not_a_crash() -> None:
    # draft-07 knows no $defs, so its own validator finds no "#a" there; the witness of the
    # break the translation sees cannot be verified, and the answer is undecided
    old = {
        "$schema": D7,
        "properties": {"": {"$ref": "#a"}},
        "$defs": {"anchored": {"$id": "#a", "type": "string"}},
    }
    new = {"$schema": D7, "properties": {"": {"type": "integer"}}}
    report = check(old, new)
    assert report.verdict == "undecided"
    assert [finding.witness_note is not None for finding in report.findings] == [True]
