"""Names from all of JSON, planted in every position that holds one, in every dialect.

A name is any JSON string: ``""``, ``/``, ``~``, ``~0``, ``~1``, ``%``, ``%25``, ``#``, spaces,
quotes, backslashes, control characters, astral characters and lone surrogates (JSON allows
``"\\ud800"``). The generator plants such names in ``properties``, ``required``, ``$defs`` or
``definitions`` (with a ``$ref`` to each, its pointer escaped by RFC 6901 and percent-encoded by
RFC 3986), ``patternProperties`` (as a pattern matching the name), ``dependentRequired``,
``dependentSchemas``, ``dependencies``, ``$anchor`` and ``$id`` fragments (with names those
allow), in each dialect the checker reads (draft-04 to 2020-12, OpenAPI 3.0). It requires of
every pair: no exception but ``ContractsError``; every witness verified by the document's own
dialect validator; a "compatible" pair holding on every sampled instance.

The CI slice runs :data:`PAIRS` ``["ci"]`` pairs, ``HYPOTHESIS_PROFILE=deep`` many more.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft4Validator, validators

from market_data_store_contracts._documents.keywords import resolve_pointer
from market_data_store_contracts.compat import ContractsError, check

from . import _fuzz
from ._support import assert_witnesses_between

PAIRS = {"ci": 150, "deep": 5_000}
FUZZ = _fuzz.fuzz_settings(PAIRS)

SCHEMA_URIS = {
    "draft-04": "http://json-schema.org/draft-04/schema#",
    "draft-06": "http://json-schema.org/draft-06/schema#",
    "draft-07": "http://json-schema.org/draft-07/schema#",
    "2019-09": "https://json-schema.org/draft/2019-09/schema",
    "2020-12": "https://json-schema.org/draft/2020-12/schema",
}
DIALECTS = (*SCHEMA_URIS, "openapi-3.0")

#: names that break a pointer, a URI fragment, a pattern or an encoding when handled carelessly
AWKWARD = (
    "",
    "/",
    "~",
    "~0",
    "~1",
    "a/b~c",
    "%",
    "%25",
    "#",
    "#/a",
    " ",
    "a b",
    '"',
    "\\",
    "\x00",
    "\x1f\n",
    "\U0001f600",
    "\ud800",
    "x\udfff",
    "é",
)
NAMES = st.one_of(st.sampled_from(AWKWARD), st.text(max_size=3))
#: subschemas at a name: what an instance's value there may be
VALUES = st.sampled_from(
    [{}, {"type": "string"}, {"type": "integer"}, {"minLength": 1}, {"type": "null"}, False]
)
#: what instances hold at a name, to sample a "compatible" verdict with
INSTANCE_VALUES = ("", "x", 0, 1, None, True, [], {})
_ANCHOR = re.compile(r"[^A-Za-z0-9_.-]")


def _fragment(*tokens: str) -> str:
    """A ``#/…`` reference to ``tokens``: escaped (RFC 6901), then percent-encoded (RFC 3986);
    a lone surrogate has no UTF-8 form and stays as it is, as ``referencing`` reads it."""
    pointer = "".join("/" + token.replace("~", "~0").replace("/", "~1") for token in tokens)
    parts = re.split("([\ud800-\udfff]+)", pointer)
    encoded = "".join(
        part if index % 2 else quote(part, safe="/~!$&'()*+,;=:@")
        for index, part in enumerate(parts)
    )
    return "#" + encoded


def _pattern(name: str, raw: bool) -> str:
    """A ``patternProperties`` key of ``name``: the name itself where ``re`` takes it as a
    pattern (``""``, ``"#"``, ``"/"``…), else one matching exactly the name."""
    if raw:
        try:
            re.compile(name)
        except re.error:
            pass
        else:
            return name
    return "^" + re.escape(name) + "$"


def _anchor(name: str) -> str:
    """``name`` as an anchor (``[A-Za-z_][-A-Za-z0-9._]*``), which is all an anchor may be."""
    return "a" + _ANCHOR.sub("_", name)


def _values(dialect: str) -> st.SearchStrategy[Any]:
    """:data:`VALUES` as ``dialect`` writes them (no boolean schemas in draft-04 and OpenAPI
    3.0, no ``null`` type in OpenAPI 3.0)."""
    if dialect == "draft-04":
        return VALUES.map(lambda value: {"not": {}} if value is False else value)
    if dialect == "openapi-3.0":
        return VALUES.map(
            lambda value: {"not": {}} if value is False or value == {"type": "null"} else value
        )
    return VALUES


@st.composite
def named_schema(draw: st.DrawFn, dialect: str, names: list[str]) -> dict[str, Any]:
    """An object schema of ``dialect`` with ``names`` in the positions ``dialect`` has."""
    legacy = dialect in {"draft-04", "draft-06", "draft-07"}
    values = _values(dialect)
    schema: dict[str, Any] = {"type": "object"}
    schema["properties"] = {name: draw(values) for name in names if draw(st.booleans())}
    required = [name for name in names if draw(st.booleans())]
    if required:
        schema["required"] = required
    if dialect == "openapi-3.0":
        return schema
    schema["patternProperties"] = {
        _pattern(name, draw(st.booleans())): draw(values) for name in names if draw(st.booleans())
    }
    holder = "definitions" if legacy else "$defs"
    if draw(st.booleans()):
        name = draw(st.sampled_from(names))
        schema[holder] = {name: draw(values)}
        if dialect in {"draft-04", "draft-06", "draft-07"}:
            schema["properties"][name] = {"$ref": _fragment(holder, name)}
        else:
            schema["$ref"] = _fragment(holder, name)
    if draw(st.booleans()):
        name = draw(st.sampled_from(names))
        anchor = _anchor(name)
        target: dict[str, Any] = {"type": "string"} if draw(st.booleans()) else {}
        if legacy:
            target["id" if dialect == "draft-04" else "$id"] = "#" + anchor
        else:
            target["$anchor"] = anchor
        schema.setdefault(holder, {})["anchored"] = target
        schema["properties"][name] = {"$ref": "#" + anchor}
    schema.update(draw(_dependencies(legacy, names, values)))
    return schema


@st.composite
def _dependencies(
    draw: st.DrawFn, legacy: bool, names: list[str], values: st.SearchStrategy[Any]
) -> dict[str, Any]:
    """``dependencies`` (draft-04 to draft-07) or ``dependentRequired``/``dependentSchemas``
    between two of ``names``."""
    schema: dict[str, Any] = {}
    first, second = draw(st.sampled_from(names)), draw(st.sampled_from(names))
    if legacy:
        if draw(st.booleans()):
            schema["dependencies"] = {first: [second]}
        elif draw(st.booleans()):
            schema["dependencies"] = {first: {"properties": {second: draw(values)}}}
    else:
        if draw(st.booleans()):
            schema["dependentRequired"] = {first: [second]}
        if draw(st.booleans()):
            schema["dependentSchemas"] = {first: {"properties": {second: draw(values)}}}
    return schema


@st.composite
def named_pairs(draw: st.DrawFn) -> tuple[str, str, Any, Any, list[str]]:
    mode = draw(st.sampled_from(["backward", "forward", "full"]))
    dialect = draw(st.sampled_from(DIALECTS))
    names = draw(st.lists(NAMES, min_size=1, max_size=3, unique=True))
    old = draw(named_schema(dialect, names))
    new = old if draw(st.booleans()) else draw(named_schema(dialect, names))
    if dialect != "openapi-3.0":
        uri = SCHEMA_URIS[dialect]
        old, new = {"$schema": uri, **old}, {"$schema": uri, **new}
    return mode, dialect, old, new, names


def _validator(dialect: str, schema: Any) -> Any:
    """The document's own dialect validator (OpenAPI 3.0, with only the keywords planted here,
    reads as draft-04)."""
    if dialect == "openapi-3.0":
        return Draft4Validator(schema)
    return validators.validator_for(schema)(schema)


@FUZZ
@given(pair=named_pairs(), data=st.data())
def test_any_name_in_any_position_gets_a_sound_verdict_and_never_a_crash(
    pair: tuple[str, str, Any, Any, list[str]], data: st.DataObject
) -> None:
    mode, dialect, old, new, names = pair
    try:
        report = check(
            old, new, mode=mode, dialect="openapi-3.0" if dialect == "openapi-3.0" else None
        )
    except ContractsError:
        return  # a document this dialect refuses, named in one line: not a crash
    old_validator, new_validator = _validator(dialect, old), _validator(dialect, new)
    assert_witnesses_between(report, old_validator, new_validator)
    for finding in report.findings:  # pointers escaped (RFC 6901): each names a place
        resolve_pointer(old, finding.old_pointer)
        resolve_pointer(new, finding.new_pointer)
    if report.verdict != "compatible":
        return
    instances = data.draw(
        st.lists(
            st.dictionaries(st.sampled_from(names), st.sampled_from(INSTANCE_VALUES), max_size=3),
            max_size=12,
        ),
        label="instances",
    )
    for instance in instances:
        if mode != "forward" and old_validator.is_valid(instance):
            assert new_validator.is_valid(instance), instance
        if mode != "backward" and new_validator.is_valid(instance):
            assert old_validator.is_valid(instance), instance
