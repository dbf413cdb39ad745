"""Differential fuzzing of ``not`` against ``not``: ``not A ⊆ not B`` holds exactly when
``B ⊆ A``, so a counterexample to a "compatible" verdict is an instance of ``B`` outside ``A``.
Instances are drawn from ``B`` itself (hypothesis-jsonschema) besides the fixed boundary values
and the literals of both schemas, which aims the search where a wrong "compatible" would show.
Every witness of an "incompatible" verdict is verified as everywhere else.

``B`` is ``A`` after one edit (or an unrelated schema), on leaves and composites alike; the
CI slice runs :data:`PAIRS` ``["ci"]`` pairs, ``HYPOTHESIS_PROFILE=deep`` 20,000.
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
INNER = st.one_of(_fuzz.leaves(), _fuzz.schemas())


@st.composite
def negated_pairs(draw: st.DrawFn) -> tuple[Any, Any]:
    a = draw(INNER, label="excluded before")
    if draw(st.booleans(), label="unrelated"):
        b = draw(INNER, label="excluded after")
    else:
        edits = _fuzz.edits(a)
        assume(edits)
        path, node = _pick(draw, edits, "edit")
        b = _fuzz.replace_at(a, path, node)
    return _negated(a), _negated(b)


def _negated(schema: Any) -> Any:
    """``{"not": schema}``, with the ``$defs`` of a recursive schema kept at the root, where
    its ``$ref``s point."""
    if isinstance(schema, dict) and "$defs" in schema:
        inner = {k: v for k, v in schema.items() if k != "$defs"}
        return {"$defs": schema["$defs"], "not": inner}
    return {"not": schema}


@FUZZ
@given(pair=negated_pairs(), data=st.data())
def test_compatible_nots_survive_a_search_inside_the_newly_excluded_schema(
    pair: tuple[Any, Any], data: st.DataObject
) -> None:
    old, new = pair
    report = check(old, new, dialect="2020-12")
    assert_witnesses_hold(report, old, new)
    if not report.compatible:
        assert any(finding.breaking for finding in report.findings)
        return
    candidates = [*_fuzz.BOUNDARY, *_fuzz.literals(old), *_fuzz.literals(new)]
    excluded = {**new["not"], "$defs": new["$defs"]} if "$defs" in new else new["not"]
    strategy = _instances_of(_fuzz.key(excluded))
    with contextlib.suppress(Exception):  # see test_fuzz: hypothesis-jsonschema fails lazily
        if strategy is not None and not strategy.is_empty:
            candidates += data.draw(st.lists(strategy, max_size=4), label="instances")
    old_validator, new_validator = Draft202012Validator(old), Draft202012Validator(new)
    for instance in candidates:
        if _accepts(old_validator, instance) is True:
            assert _accepts(new_validator, instance) is not False, (old, new, instance)
