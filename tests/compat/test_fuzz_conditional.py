"""Differential fuzzing of if/then/else and dependentSchemas: a base with a discriminating
property (``_fuzz.conditionals``: the discriminator idiom, required, type, bound and count
tests; dependent schemas from loose to unsatisfiable) and a one-step mutation of it (another
``if`` test, the ``if`` const changed, ``then``/``else`` tightened, loosened or swapped, a
condition or a dependent entry added or removed), in both directions.

A "compatible" verdict is attacked with instances drawn by hypothesis-jsonschema from the old
schema, the boundary values, and small objects over the names the conditions test; every
CONDITION_TIGHTENED and DEPENDENT_SCHEMA_TIGHTENED finding must carry a witness that
``jsonschema`` accepts under the old schema and rejects under the new one.

The CI slice runs :data:`PAIRS` ``["ci"]`` pairs, ``HYPOTHESIS_PROFILE=deep`` 20,000.
"""

from __future__ import annotations

import contextlib
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from market_data_store_contracts.compat import check

from . import _fuzz
from ._support import assert_witnesses_hold
from .test_fuzz import _accepts, _instances_of, _pick

PAIRS = {"ci": 300, "deep": 20_000}
FUZZ = _fuzz.fuzz_settings(PAIRS)
BASES = st.one_of(_fuzz.conditionals(), _fuzz.conditionals(), _fuzz.schemas())
DECIDED = {"CONDITION_TIGHTENED", "DEPENDENT_SCHEMA_TIGHTENED"}


@st.composite
def conditional_pairs(draw: st.DrawFn) -> tuple[Any, Any]:
    base = draw(BASES, label="base")
    edits = _fuzz.edits(base)
    aimed: list[tuple[_fuzz.Path, Any]] = [
        (path, node)
        for path, node in edits
        if isinstance(node, dict) and {"if", "dependentSchemas"} & node.keys()
    ]
    aim = bool(aimed) and draw(st.booleans(), label="aimed")
    pool = aimed if aim else edits
    assume(pool)
    path, node = _pick(draw, pool, "edit")
    mutant = _fuzz.replace_at(base, path, node)
    return (mutant, base) if draw(st.booleans(), label="reverse") else (base, mutant)


@FUZZ
@given(pair=conditional_pairs(), data=st.data())
def test_conditional_verdicts_survive_a_counterexample_search(
    pair: tuple[Any, Any], data: st.DataObject
) -> None:
    old, new = pair
    report = check(old, new, dialect="2020-12")
    assert_witnesses_hold(report, old, new)
    for finding in report.findings:
        if finding.rule_id in DECIDED and finding.message.startswith("The schema "):
            # at the root the rule's own witness is the instance; deeper down it is put into
            # an example of the enclosing object or array, which may not verify (see below)
            assert finding.witness is not None, finding
    if not report.compatible:
        assert any(finding.breaking for finding in report.findings)
        return
    literals = [*_fuzz.literals(old), *_fuzz.literals(new)]
    candidates = [*_fuzz.BOUNDARY, *literals, *_fuzz.objects(literals)]
    strategy = _instances_of(_fuzz.key(old))
    with contextlib.suppress(Exception):  # see test_fuzz: hypothesis-jsonschema fails lazily
        if strategy is not None and not strategy.is_empty:
            candidates += data.draw(st.lists(strategy, max_size=4), label="instances")
    old_validator, new_validator = Draft202012Validator(old), Draft202012Validator(new)
    for instance in candidates:
        if _accepts(old_validator, instance) is True:
            assert _accepts(new_validator, instance) is not False, (old, new, instance)


def test_a_break_under_names_no_example_reaches_keeps_its_rule_without_a_witness() -> None:
    """Found by the deep run: the break lies under additionalProperties, and the object
    examples do not find another name that propertyNames allows ("b" or "c"), so no witness
    is reported, yet the verdict and the rule stand."""
    inner = {"type": "object", "properties": {"a": {"if": {}, "then": {}}}}
    inner["propertyNames"] = {"pattern": "^[a-c]$"}
    old = {**inner, "additionalProperties": {"type": "object"}}
    new = {
        **inner,
        "additionalProperties": {
            "type": "object",
            "if": {"properties": {"a": {"const": 1}}, "required": ["a"]},
            "then": {"required": ["b"]},
        },
    }
    report = check(old, new, dialect="2020-12")
    assert not report.compatible
    assert [finding.rule_id for finding in report.findings] == ["CONDITION_TIGHTENED"]
    assert_witnesses_hold(report, old, new)
    assert Draft202012Validator(old).is_valid({"b": {"a": 1}})
    assert not Draft202012Validator(new).is_valid({"b": {"a": 1}})
