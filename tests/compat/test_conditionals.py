"""The messages of the conditional rules, and the reasons what stays undecided gives: which
``if``, which outcome, which dependent name, and why."""

from __future__ import annotations

from typing import Any

from market_data_store_contracts.compat import Finding, check

ORDER = {
    "type": "object",
    "properties": {"kind": {"enum": ["a", "b"]}, "x": {"type": "integer"}},
    "required": ["kind"],
}
IS_A = {"properties": {"kind": {"const": "a"}}, "required": ["kind"]}


def _only(old: Any, new: Any) -> Finding:
    report = check(old, new)
    assert not report.compatible
    assert len(report.findings) == 1, report.findings
    return report.findings[0]


def test_a_tightened_then_names_the_then_and_an_old_instance_it_rejects() -> None:
    finding = _only(ORDER, {**ORDER, "if": IS_A, "then": {"required": ["x"]}})
    assert finding.rule_id == "CONDITION_TIGHTENED"
    assert finding.new_pointer == "/then"
    assert finding.witness == {"kind": "a"}
    assert finding.message == (
        'The schema now rejects {"kind": "a"} with if/then: the if accepts it and the then '
        "does not."
    )


def test_a_tightened_else_names_the_else_and_an_old_instance_outside_the_if() -> None:
    finding = _only(ORDER, {**ORDER, "if": IS_A, "else": {"required": ["x"]}})
    assert finding.rule_id == "CONDITION_TIGHTENED"
    assert finding.new_pointer == "/else"
    assert finding.witness == {"kind": "b"}
    assert finding.message.endswith("with if/else: the if rejects it and so does the else.")


def test_an_unsatisfiable_dependent_schema_reads_as_a_forbidden_name() -> None:
    old = {"type": "object", "properties": {"a": {"type": "integer"}}}
    finding = _only(old, {**old, "dependentSchemas": {"a": False}})
    assert finding.rule_id == "DEPENDENT_SCHEMA_TIGHTENED"
    assert finding.new_pointer == "/dependentSchemas/a"
    assert finding.witness == {"a": 0}
    assert finding.message == (
        'The schema now forbids the name "a" (its dependent schema accepts no object), which '
        '{"a": 0} has.'
    )


def test_an_else_of_an_if_whose_negation_is_not_read_says_so() -> None:
    old = {"type": "string", "minLength": 1}
    new = {"type": "string", "if": {"pattern": "^a"}, "else": {"pattern": "^[^a]"}}
    finding = _only(old, new)
    assert finding.rule_id == "KEYWORD_UNDECIDED"
    assert finding.witness is None
    assert finding.witness_note == (
        "undecided: where the if at the root rejects an old instance, whether its else does too "
        "could not be decided: no instance it rejects was found among the old instances (the old "
        "side reads the negation of an if only where it is made of type, required, properties, "
        "bounds and counts)"
    )


def test_an_if_behind_a_ref_says_it_is_not_read_on_the_old_side() -> None:
    old = {**ORDER, "allOf": [{"$ref": "#/$defs/IsA"}], "$defs": {"IsA": IS_A}}
    new = {
        **ORDER,
        "$defs": {"IsA": IS_A},
        "if": {"$ref": "#/$defs/IsA"},
        "else": {"properties": {"kind": {"const": "b"}}},
    }
    finding = _only(old, new)
    assert finding.rule_id == "KEYWORD_UNDECIDED"
    assert finding.witness_note == (
        "undecided: where the if at the root rejects an old instance, whether its else does too "
        "could not be decided: the if refers to other schemas ($ref), so it is not read on the "
        "old side, and not every old instance meets its else"
    )


def test_an_undecided_dependent_schema_names_its_name_and_the_reason_beneath() -> None:
    old = {
        "type": "object",
        "properties": {"a": {"type": "integer"}, "c": False},
        "required": ["a", "b"],
    }
    either = {"oneOf": [{"required": ["b"]}, {"required": ["c"]}]}
    finding = _only(old, {"type": "object", "dependentSchemas": {"a": either}})
    assert finding.rule_id == "KEYWORD_UNDECIDED"
    assert finding.message == (
        "The schema uses dependentSchemas, which could not be compared with the old schema."
    )
    assert finding.witness_note == (
        'undecided: whether the old objects with "a" meet the schema the new dependentSchemas '
        "gives it could not be decided: its oneOf branches may overlap, and an instance "
        "matching two of them is rejected"
    )
