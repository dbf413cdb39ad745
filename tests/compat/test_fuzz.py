"""Differential fuzzing: a "compatible" verdict survives a search for a counterexample, every
witness of an "incompatible" one verifies, and reversing every anyOf/oneOf list (on both
sides) leaves the verdict as it was.

Pairs are mostly one-step mutations of a generated base schema, across every keyword the
checker reads, plus equivalent rewrites (``_fuzz``). For each pair called compatible, every
instance the old schema accepts must be accepted by the new one, checked with ``jsonschema``
over instances drawn by hypothesis-jsonschema from the old schema, the boundary values of
``_fuzz.BOUNDARY`` and the numbers and values written in the two schemas; a failure is shrunk
by hypothesis to a small pair and instance. Each failure found is kept as a regression case in
``cases/``.

Budgets: ``HYPOTHESIS_PROFILE`` unset or ``ci`` runs :data:`PAIRS` ``["ci"]`` pairs (the CI
slice), ``deep`` runs 100,000.
"""

from __future__ import annotations

import contextlib
import functools
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.errors import HypothesisException
from jsonschema import Draft202012Validator

from market_data_store_contracts.compat import check

from . import _fuzz
from ._support import assert_witnesses_hold

PAIRS = {"ci": 2_000, "deep": 100_000}
#: The generated schemas are 2020-12 (named, so keywords beside a $ref are not ambiguous).
DIALECT = "2020-12"
FUZZ = _fuzz.fuzz_settings(PAIRS)


SCHEMAS = _fuzz.schemas()  # built once: strategies are immutable descriptions


def _pick(draw: st.DrawFn, options: list[Any], label: str) -> Any:
    return options[draw(st.integers(0, len(options) - 1), label=label)]


@st.composite
def pairs(draw: st.DrawFn) -> tuple[Any, Any]:
    base = draw(SCHEMAS, label="base")
    how = draw(st.sampled_from(["mutant", "mutant", "mutant", "reverse", "rewrite", "both"]))
    if how in {"rewrite", "both"}:
        options = _fuzz.rewrites(base)
        assume(options)
        rewritten = _pick(draw, options, "rewrite")
        if how == "rewrite":
            return (base, rewritten) if draw(st.booleans()) else (rewritten, base)
        base = rewritten
    edits = _fuzz.edits(base)
    assume(edits)
    path, node = _pick(draw, edits, "edit")
    mutant = _fuzz.replace_at(base, path, node)
    return (mutant, base) if how == "reverse" else (base, mutant)


@functools.lru_cache(maxsize=4096)
def _instances_of(schema_key: str) -> st.SearchStrategy[Any] | None:
    import json

    from hypothesis_jsonschema import from_schema

    if '"$ref"' in schema_key:
        return None  # hypothesis-jsonschema resolves no recursive reference
    try:
        return from_schema(json.loads(schema_key))
    except (HypothesisException, ValueError, TypeError, NotImplementedError, RecursionError):
        return None  # a schema hypothesis-jsonschema cannot draw from


def _accepts(validator: Draft202012Validator, instance: Any) -> bool | None:
    try:
        return bool(validator.is_valid(instance))
    except (OverflowError, ValueError, RecursionError):  # jsonschema's own arithmetic gave up
        return None


@FUZZ
@given(pair=pairs(), data=st.data())
def test_compatible_verdicts_survive_a_counterexample_search(
    pair: tuple[Any, Any], data: st.DataObject
) -> None:
    old, new = pair
    report = check(old, new, dialect=DIALECT)
    assert_witnesses_hold(report, old, new)
    if '"anyOf"' in _fuzz.key([old, new]) or '"oneOf"' in _fuzz.key([old, new]):
        reordered = check(_fuzz.reversed_unions(old), _fuzz.reversed_unions(new), dialect=DIALECT)
        assert reordered.compatible is report.compatible, "the order of union options matters"
    if not report.compatible:
        assert any(finding.breaking for finding in report.findings)
        return
    old_validator, new_validator = Draft202012Validator(old), Draft202012Validator(new)
    candidates = [*_fuzz.BOUNDARY, *_fuzz.literals(old), *_fuzz.literals(new)]
    strategy = _instances_of(_fuzz.key(old))
    # hypothesis-jsonschema fails lazily on some schemas (unsupported keywords, its own
    # asserts, min > max): then there are no drawn instances, only the fixed ones
    with contextlib.suppress(Exception):
        if strategy is not None and not strategy.is_empty:
            candidates += data.draw(st.lists(strategy, max_size=3), label="instances")
    for instance in candidates:
        if _accepts(old_validator, instance) is True:
            assert _accepts(new_validator, instance) is not False, (old, new, instance)
