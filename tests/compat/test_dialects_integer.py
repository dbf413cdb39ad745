"""Property: draft-04's lexical ``integer`` never makes the checker answer "compatible" falsely.

Draft-04 counts only numbers written without a fraction or exponent as integers (``1.0`` is a
number there, not an integer); draft-06 and later count ``1.0`` as one. Random pairs are drawn
where the containing side is draft-04 and uses ``integer`` in a ``type``, and the contained side
is a small number schema in a random dialect (``enum``s holding ``1.0``, ``multipleOf``,
``not``, ``oneOf``, open and closed objects). Whenever the checker answers "compatible", no
instance of a pool full of integral numbers written with a fraction (``1.0``, ``-0.0``,
``1e2``) is accepted by the contained side and rejected by the containing one, each read by the
``jsonschema`` validator of its own dialect; every witness reported is verified the same way.
``HYPOTHESIS_PROFILE=deep`` runs 20 times as many examples.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import validators

from market_data_store_contracts.compat import check
from market_data_store_contracts.compat.dialects import (
    ANY_ITEM,
    lexical_locations,
    may_accept_written_fraction,
    may_accept_written_fraction_at,
    translate,
)

from . import _fuzz

_EXAMPLES = _fuzz.budget({"ci": 200, "deep": 4_000})

SCHEMA_OF = {
    "draft-04": "http://json-schema.org/draft-04/schema#",
    "draft-06": "http://json-schema.org/draft-06/schema#",
    "draft-07": "http://json-schema.org/draft-07/schema#",
    "2019-09": "https://json-schema.org/draft/2019-09/schema",
    "2020-12": "https://json-schema.org/draft/2020-12/schema",
}

#: scalars, each integral number also written with a fraction or exponent (as Python's json
#: reads ``1.0`` and ``1e2``: floats)
_SCALARS: list[Any] = [
    *(json.loads(text) for text in ("1.0", "2.0", "-0.0", "1e2", "0.0", "-1.0", "3.0")),
    0, 1, 2, 3, -1, 100, 0.5, 2.5, "a", None, True,
]  # fmt: skip
POOL: list[Any] = [
    *_SCALARS,
    *({"a": value} for value in _SCALARS),
    *({"b": value} for value in _SCALARS),
    *({"a": 1, "b": value} for value in _SCALARS),
    *([value] for value in _SCALARS),
    [1, 2.0],
    {},
]


def _integer_types() -> st.SearchStrategy[Any]:
    return st.sampled_from(["integer", ["integer"], ["integer", "string"], ["null", "integer"]])


def _bounds(schema: dict[str, Any], low: int | None, high: int | None) -> dict[str, Any]:
    if low is not None:
        schema["minimum"] = low
    if high is not None:
        schema["maximum"] = high
    return schema


def _lexical() -> st.SearchStrategy[dict[str, Any]]:
    """A draft-04 schema body (no ``$schema``) with ``integer`` in a ``type``."""
    scalar = st.builds(
        lambda kind, low, high, step: _bounds(
            {"type": kind, **({"multipleOf": step} if step else {})}, low, high
        ),
        _integer_types(),
        st.none() | st.integers(-1, 2),
        st.none() | st.integers(1, 100),
        st.none() | st.sampled_from([1, 2]),
    )
    either = st.builds(lambda s: {"anyOf": [s, {"type": "string"}]}, scalar)
    return st.one_of(scalar, either, _objects(scalar), _arrays(scalar))


def _objects(
    value: st.SearchStrategy[Any], names: tuple[str, ...] = ("a",)
) -> st.SearchStrategy[dict[str, Any]]:
    return st.builds(
        lambda name, item, rest, required: {
            "type": "object",
            "properties": {name: item},
            **({"additionalProperties": rest} if rest is not None else {}),
            **({"required": [name]} if required else {}),
        },
        st.sampled_from(names),
        value,
        st.none() | st.just(False) | value,
        st.booleans(),
    )


def _arrays(value: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.builds(lambda item: {"type": "array", "items": item}, value)


def _numbers(dialect: str) -> st.SearchStrategy[dict[str, Any]]:
    """A small number schema body written in ``dialect``."""
    numbers = st.sampled_from([1, 1.0, 2, 2.0, 0.5, 100, json.loads("1e2"), -0.0, "a"])
    enum = st.builds(
        lambda values: {"enum": values},
        st.lists(
            numbers,
            min_size=1,
            max_size=3,
            unique_by=lambda v: str(v) if isinstance(v, str) else float(v),
        ),
    )
    typed = st.builds(
        lambda kind, low, high, step: _bounds(
            {"type": kind, **({"multipleOf": step} if step else {})}, low, high
        ),
        st.sampled_from(["integer", "number", ["integer", "string"], ["number", "null"]]),
        st.none() | st.integers(-1, 2),
        st.none() | st.integers(1, 100),
        st.none() | st.sampled_from([1, 2, 0.5]),
    )
    negated = st.sampled_from(
        [
            {"type": "number", "not": {"type": "integer"}},
            {"not": {"type": ["string", "object", "array", "boolean", "null"]}},
            {"oneOf": [{"type": "number"}, {"type": "integer"}]},
            {"type": "number", "not": {"multipleOf": 1}},
        ]
    )
    scalar = st.one_of(typed, enum, negated, st.just({"minimum": 1, "maximum": 1}))
    if dialect != "draft-04":
        scalar = scalar | st.builds(lambda value: {"const": value}, numbers)
    return st.one_of(scalar, _objects(scalar, ("a", "b")), _arrays(scalar))


@st.composite
def _pairs(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    dialect = draw(st.sampled_from(sorted(SCHEMA_OF)))
    sub = {"$schema": SCHEMA_OF[dialect], **draw(_numbers(dialect))}
    sup = {"$schema": SCHEMA_OF["draft-04"], **draw(_lexical())}
    return sub, sup


def _validator(schema: dict[str, Any]) -> Any:
    return validators.validator_for(schema)(schema)


@settings(
    max_examples=_EXAMPLES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(pair=_pairs())
def test_a_draft_04_integer_on_the_containing_side_never_yields_a_false_compatible(
    pair: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    sub, sup = pair
    report = check(sub, sup, mode="backward")
    accepts, rejects = _validator(sub), _validator(sup)
    for finding in report.findings:
        if finding.breaking and finding.witness_note is None:
            assert accepts.is_valid(finding.witness), finding
            assert not rejects.is_valid(finding.witness), finding
    if report.compatible:
        escaped = [x for x in POOL if accepts.is_valid(x) and not rejects.is_valid(x)]
        assert escaped == [], (sub, sup)


def test_the_pool_holds_the_numbers_draft_04_tells_apart() -> None:
    draft_04 = _validator({"$schema": SCHEMA_OF["draft-04"], "type": "integer"})
    later = _validator({"$schema": SCHEMA_OF["draft-06"], "type": "integer"})
    told_apart = [x for x in _SCALARS if later.is_valid(x) and not draft_04.is_valid(x)]
    assert len(told_apart) == 7  # 1.0, 2.0, -0.0, 1e2, 0.0, -1.0, 3.0


D4 = SCHEMA_OF["draft-04"]


def _read(document: dict[str, Any]) -> Any:
    return translate(document, file="x", default=None)


def test_lexical_locations_follow_members_items_and_applicators_only() -> None:
    document = {
        "$schema": D4,
        "properties": {"a": {"anyOf": [{"type": "integer"}]}, "b": {"items": {"type": "integer"}}},
    }
    assert lexical_locations(_read(document)) == [("a",), ("b", ANY_ITEM)]
    for other in (
        {"$schema": D4, "additionalProperties": {"type": "integer"}},
        {"$schema": D4, "properties": {"a": {"$ref": "#/definitions/i"}}, "definitions": {}},
    ):
        assert lexical_locations(_read(other)) is None, other


@pytest.mark.parametrize(
    ("document", "location", "may"),
    [
        ({"type": "integer"}, (), False),
        ({"type": "number", "multipleOf": 1}, (), True),
        ({"enum": [1, "a"]}, (), True),
        ({"enum": ["a", 0.5]}, (), False),
        ({"type": "object", "properties": {"a": {"type": "integer"}}}, ("a",), False),
        ({"type": "object", "properties": {"a": {"type": "integer"}}}, ("b",), True),
        ({"type": "object", "properties": {"a": {"type": "integer"}}}, (), True),
        ({"type": "array", "items": [{"type": "integer"}]}, (ANY_ITEM,), True),
        ({"type": "array", "items": {"type": "integer"}}, (ANY_ITEM,), False),
        ({"type": "string"}, ("a",), False),
        ({"allOf": [{"type": "string"}, {}]}, (), False),
        ({"not": {"type": "string"}}, (), True),
        ({"$ref": "#/definitions/i", "definitions": {"i": {"type": "integer"}}}, (), False),
        ({"$ref": "other.json"}, (), True),
    ],
)
def test_the_fraction_test_answers_may_wherever_such_a_number_can_pass(
    document: dict[str, Any], location: tuple[Any, ...], may: bool
) -> None:
    read = _read({"$schema": D4, **document})
    assert may_accept_written_fraction_at(read, location) is may
    if not location:
        assert may_accept_written_fraction(read) is may
