"""Property: a schema written in draft-04, draft-06, draft-07 or 2019-09 syntax gets the same
verdicts as the same schema written in 2020-12.

Random 2020-12 schemas are drawn from constructs whose syntax differs between dialects
(exclusive bounds, ``const``, ``prefixItems``/``items``, ``dependentRequired``/
``dependentSchemas``, ``$defs`` and ``$ref``), rendered by hand into the older syntax, and
both forms are checked. Before the verdicts are compared, the rendering itself is checked
against ``jsonschema`` on a pool of instances (so a wrong rendering cannot pass as a wrong
translation), and so is the checker's own translation of the rendering. A draft-04 rendering
may get findings on top (draft-04's ``integer`` is lexical, ``1.0`` is none there): these are
checked as written and set aside before the verdicts are compared. The rules that found a
break are compared too, but where the older syntax names the same change with another rule
(``_OLDER_NAME``).
``HYPOTHESIS_PROFILE=deep`` runs 20 times as many examples.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft4Validator, Draft202012Validator, validators

from market_data_store_contracts._documents.keywords import resolve_pointer
from market_data_store_contracts.compat import check
from market_data_store_contracts.compat.dialects import translate

from . import _fuzz

_EXAMPLES = _fuzz.budget({"ci": 100, "deep": 2_000})

SCHEMA_OF = {
    "draft-04": "http://json-schema.org/draft-04/schema#",
    "draft-06": "http://json-schema.org/draft-06/schema#",
    "draft-07": "http://json-schema.org/draft-07/schema#",
    "2019-09": "https://json-schema.org/draft/2019-09/schema",
}


# -- 2020-12 schemas -----------------------------------------------------------------------


def _numbers() -> st.SearchStrategy[dict[str, Any]]:
    def build(kind: str, lower: Any, upper: Any, step: Any) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": kind}
        if lower is not None:
            schema[lower[0]] = lower[1]
        if upper is not None:
            schema[upper[0]] = upper[1]
        if step is not None:
            schema["multipleOf"] = step
        return schema

    bound = st.tuples(st.sampled_from(["minimum", "exclusiveMinimum"]), st.integers(-2, 2))
    top = st.tuples(st.sampled_from(["maximum", "exclusiveMaximum"]), st.integers(-1, 3))
    return st.builds(
        build,
        st.sampled_from(["integer", "number"]),
        st.none() | bound,
        st.none() | top,
        st.none() | st.sampled_from([1, 2, 0.5]),
    )


def _scalars() -> st.SearchStrategy[dict[str, Any]]:
    string = st.fixed_dictionaries(
        {"type": st.just("string")},
        optional={"minLength": st.integers(0, 2), "maxLength": st.integers(0, 3)},
    )
    values = st.sampled_from([0, 1, "a", None, True, 2.5])
    const = st.builds(lambda value: {"const": value}, values)
    enum = st.builds(lambda vs: {"enum": vs}, st.lists(values, min_size=1, max_size=3, unique=True))
    ref = st.just({"$ref": "#/$defs/d"})
    return st.one_of(_numbers(), string, const, enum, ref)


def _arrays(item: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    def build(prefix: list[Any], rest: Any, low: int | None) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array"}
        if prefix:
            schema["prefixItems"] = prefix
        if rest is not None:
            schema["items"] = rest
        if low is not None:
            schema["minItems"] = low
        return schema

    rest = st.none() | st.just(False) | item
    return st.builds(build, st.lists(item, max_size=2), rest, st.none() | st.integers(0, 2))


def _objects(value: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    def build(
        props: dict[str, Any],
        required: list[str],
        closed: Any,
        needs: dict[str, list[str]],
        then: Any,
    ) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "object", "properties": props}
        if required:
            schema["required"] = required
        if closed is not None:
            schema["additionalProperties"] = closed
        if needs:
            schema["dependentRequired"] = needs
        if then is not None:
            schema["dependentSchemas"] = {"c": then}
        return schema

    return st.builds(
        build,
        st.dictionaries(st.sampled_from(["a", "b", "c"]), value, max_size=2),
        st.lists(st.sampled_from(["a", "b"]), unique=True, max_size=2),
        st.none() | st.just(False) | value,
        st.dictionaries(
            st.sampled_from(["a", "b"]),
            st.lists(st.sampled_from(["a", "b", "c"]), unique=True, max_size=2),
        ),
        st.none() | st.just({"required": ["a"]}),
    )


def _schemas() -> st.SearchStrategy[dict[str, Any]]:
    scalar = _scalars()
    inner = st.one_of(scalar, st.builds(lambda a, b: {"anyOf": [a, b]}, scalar, scalar))
    body = st.one_of(inner, _arrays(inner), _objects(inner))
    definition = st.one_of(_numbers(), _arrays(_numbers()))
    return st.builds(lambda root, d: {**root, "$defs": {"d": d}}, body, definition)


# -- rendering into the older syntax ---------------------------------------------------------


def render(schema: Any, dialect: str, *, root: bool = True) -> Any:
    """The same schema in ``dialect``'s syntax (written by hand, independently of the code
    under test)."""
    if schema is False and dialect == "draft-04":
        return {"not": {}}  # no boolean schemas in draft-04
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    if root:
        out["$schema"] = SCHEMA_OF[dialect]
    for keyword, value in schema.items():
        if keyword in {"items", "not"}:
            out[keyword] = render(value, dialect, root=False)
        elif keyword == "additionalProperties":
            out[keyword] = value if value is False else render(value, dialect, root=False)
        elif keyword in {"anyOf", "allOf", "oneOf"}:
            out[keyword] = [render(item, dialect, root=False) for item in value]
        elif keyword in {"properties", "dependentSchemas"}:
            out[keyword] = {k: render(v, dialect, root=False) for k, v in value.items()}
        elif keyword == "$defs" and dialect != "2019-09":
            out["definitions"] = {k: render(v, dialect, root=False) for k, v in value.items()}
        elif keyword == "$defs":
            out[keyword] = {k: render(v, dialect, root=False) for k, v in value.items()}
        elif keyword == "$ref" and dialect != "2019-09":
            out[keyword] = value.replace("#/$defs/", "#/definitions/")
        else:
            out[keyword] = value
    return _older_keywords(out, dialect)


def _older_keywords(out: dict[str, Any], dialect: str) -> dict[str, Any]:
    """Rename and reshape the keywords of one rendered node whose syntax changed."""
    if "prefixItems" in out:
        out["items"], rest = out.pop("prefixItems"), out.pop("items", None)
        out["items"] = [render(item, dialect, root=False) for item in out["items"]]
        if rest is not None:
            out["additionalItems"] = rest  # rendered above, as items
    if dialect == "2019-09":
        return out  # dependentRequired, dependentSchemas and $defs are 2019-09 keywords
    needs = out.pop("dependentRequired", {})
    if dialect == "draft-04":  # an empty list is no constraint, and draft-04 refuses it
        needs = {name: names for name, names in needs.items() if names}
    dependencies = {**needs, **out.pop("dependentSchemas", {})}
    if dependencies:
        out["dependencies"] = dependencies
    if dialect == "draft-04":
        if "const" in out:
            out["enum"] = [out.pop("const")]
        for exclusive, inclusive in (
            ("exclusiveMinimum", "minimum"),
            ("exclusiveMaximum", "maximum"),
        ):
            if exclusive in out:
                out[inclusive], out[exclusive] = out[exclusive], True
    return out


def _instances() -> st.SearchStrategy[Any]:
    leaves = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-3, 4),
        st.sampled_from([-1.5, -0.5, 0.5, 1.5, 2.5]),
        st.sampled_from(["", "a", "ab", "abcd"]),
    )
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), inner, max_size=3),
        ),
        max_leaves=6,
    )


def _validator(schema: Any) -> Any:
    return validators.validator_for(schema, default=Draft202012Validator)(schema)


def _rules(report: Any) -> list[tuple[str, bool, str]]:
    return sorted((f.rule_id, f.breaking, f.direction) for f in report.findings)


#: a rule of the 2020-12 form -> the rule an older reading may name the same change with:
#: draft-04 to draft-07 write ``dependentRequired`` and ``dependentSchemas`` as one keyword,
#: ``dependencies``, and read a dependent schema of only ``required`` as the names it requires
_OLDER_NAME = {"DEPENDENT_SCHEMA_TIGHTENED": "DEPENDENT_REQUIRED_ADDED"}


def _same_rules(older: Any, newest: Any) -> bool:
    """Each finding of the older reading is one of the 2020-12 form's, one for one: the same
    direction and breaking, and the same rule or the one the older syntax names it with."""
    left = _rules(newest)
    for rule, breaking, direction in _rules(older):
        match = next(
            (
                other
                for other in left
                if other[1:] == (breaking, direction)
                and rule in (other[0], _OLDER_NAME.get(other[0]))
            ),
            None,
        )
        if match is None:
            return False
        left.remove(match)
    return not left


def _lexical(finding: Any) -> bool:
    """A finding on the lexical ``integer`` of draft-04 and OpenAPI 3.0 (``1.0`` is no integer
    there), which the 2020-12 form cannot have."""
    return 'read "integer" lexically' in finding.message


def _without_lexical(report: Any) -> Any:
    return replace(report, findings=tuple(f for f in report.findings if not _lexical(f)))


_DEPENDENT_OLD = {"type": "object", "properties": {}, "$defs": {"d": {"type": "integer"}}}
_DEPENDENT_NEW = {**_DEPENDENT_OLD, "dependentSchemas": {"c": {"required": ["a"]}}}
_DEPENDENT_INSTANCES = [
    *({"c": c} for c in (0, None, "a", [])),
    *({"a": a, "c": 1} for a in (0, 1.0, "", {})),
    {},
    {"a": 1},
    {"b": 2, "d": 3},
    [],
    1,
    "c",
    None,
]


@settings(
    max_examples=_EXAMPLES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    old=_schemas(),
    new=_schemas(),
    dialect=st.sampled_from(sorted(SCHEMA_OF)),
    instances=st.lists(_instances(), min_size=15, max_size=15),
)
# a dependent schema of only ``required``: DEPENDENT_SCHEMA_TIGHTENED in 2020-12, read as the
# DEPENDENT_REQUIRED_ADDED it is from ``dependencies`` (a draw that failed once)
@example(_DEPENDENT_OLD, _DEPENDENT_NEW, "draft-04", _DEPENDENT_INSTANCES)
@example(_DEPENDENT_OLD, _DEPENDENT_NEW, "draft-07", _DEPENDENT_INSTANCES)
@example(_DEPENDENT_NEW, _DEPENDENT_OLD, "draft-06", _DEPENDENT_INSTANCES)
def test_older_syntax_gets_the_verdicts_of_its_2020_12_form(
    old: dict[str, Any], new: dict[str, Any], dialect: str, instances: list[Any]
) -> None:
    old_d, new_d = render(old, dialect), render(new, dialect)
    expected = check(old, new, mode="full")
    pool = [*instances, *(f.witness for f in expected.findings if f.witness is not None)]
    for schema, rendered in ((old, old_d), (new, new_d)):
        reference = Draft202012Validator(schema)
        as_written = _validator(rendered)
        translated = Draft202012Validator(
            translate(rendered, file="x", default="2020-12").translated
        )
        for instance in pool:
            meant = reference.is_valid(instance)
            assert as_written.is_valid(instance) == meant, ("rendering", rendered, instance)
            assert translated.is_valid(instance) == meant, ("translation", rendered, instance)

    actual = check(old_d, new_d, mode="full")
    assert not actual.compatible or expected.compatible, (old_d, new_d)
    if dialect != "draft-04":
        assert not any(_lexical(finding) for finding in actual.findings), (old_d, new_d)
    for finding in actual.findings:  # a draft-04 integer break: verified as written
        if _lexical(finding) and finding.witness_note is None:
            accepts, rejects = (old_d, new_d) if finding.direction == "backward" else (new_d, old_d)
            assert _validator(accepts).is_valid(finding.witness), finding
            assert not _validator(rejects).is_valid(finding.witness), finding
    actual = _without_lexical(actual)
    assert actual.compatible == expected.compatible, (old_d, new_d)
    assert _same_rules(actual, expected), (old_d, new_d, _rules(actual), _rules(expected))
    mixed = check(old_d, new, mode="full")  # may be less precise (no "identical" shortcut)
    assert not mixed.compatible or expected.compatible, (old_d, new)
    for finding in actual.findings:  # every pointer stands in the document as written
        resolve_pointer(old_d, finding.old_pointer)
        resolve_pointer(new_d, finding.new_pointer)


# -- OpenAPI 3.0 -----------------------------------------------------------------------------


def _openapi_able() -> st.SearchStrategy[dict[str, Any]]:
    """2020-12 schemas that an OpenAPI 3.0 Schema Object can express: one type (or one type and
    null), no const, no tuples, no dependencies."""
    string = st.fixed_dictionaries(
        {"type": st.just("string")},
        optional={"minLength": st.integers(0, 2), "maxLength": st.integers(0, 3)},
    )
    enum = st.builds(
        lambda vs: {"enum": vs},
        st.lists(st.sampled_from([0, 1, "a", 2.5]), min_size=1, max_size=3, unique=True),
    )
    scalar = st.one_of(_numbers(), string, enum, st.just({"$ref": "#/$defs/d"}))
    nullable = st.builds(
        lambda s: {**s, "type": [s["type"], "null"]}, st.one_of(_numbers(), string)
    )
    inner = st.one_of(scalar, nullable)
    array = st.builds(
        lambda item, low: {"type": "array", "items": item, **({"minItems": low} if low else {})},
        inner,
        st.integers(0, 2),
    )
    obj = st.builds(
        lambda props, required, closed: {
            "type": "object",
            "properties": props,
            **({"required": required} if required else {}),
            **({"additionalProperties": closed} if closed is not None else {}),
        },
        st.dictionaries(st.sampled_from(["a", "b"]), inner, max_size=2),
        st.lists(st.sampled_from(["a", "b"]), unique=True, max_size=2),
        st.none() | st.just(False) | inner,
    )
    body = st.one_of(inner, array, obj)
    return st.builds(lambda root, d: {**root, "$defs": {"d": d}}, body, _numbers())


#: the 2020-12 form read with OpenAPI 3.0's lexical ``integer`` ("a JSON number without a
#: fraction or exponent part"): draft-04's type checker
_LEXICAL_2020_12 = validators.extend(
    Draft202012Validator, type_checker=Draft4Validator.TYPE_CHECKER
)


#: integral numbers written with a fraction (``1.0``: a float), where they may stand
_WRITTEN_FRACTIONS = [
    *(x for v in (0.0, 1.0, 2.0, 3.0, -1.0, -2.0) for x in (v, [v], {"a": v}, {"b": v}, [v, v]))
]


def render_openapi(schema: Any) -> Any:
    """The same schema as an OpenAPI 3.0 Schema Object (shared schemas under ``definitions``)."""
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for keyword, value in schema.items():
        if keyword in {"items", "additionalProperties"}:
            out[keyword] = render_openapi(value)
        elif keyword in {"properties", "$defs"}:
            name = "definitions" if keyword == "$defs" else keyword
            out[name] = {k: render_openapi(v) for k, v in value.items()}
        elif keyword == "$ref":
            out[keyword] = value.replace("#/$defs/", "#/definitions/")
        elif keyword == "type" and isinstance(value, list):
            out["type"], out["nullable"] = value[0], True
        else:
            out[keyword] = value
    for exclusive, inclusive in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if exclusive in out:
            out[inclusive], out[exclusive] = out[exclusive], True
    return out


@settings(
    max_examples=_EXAMPLES // 2,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(old=_openapi_able(), new=_openapi_able())
def test_openapi_schema_objects_get_the_verdicts_of_their_2020_12_form(
    old: dict[str, Any], new: dict[str, Any]
) -> None:
    """Equal verdicts, but for breaks on the lexical ``integer`` of OpenAPI 3.0: each is
    verified as written, and "compatible" holds on integral numbers written with a fraction."""
    old_o, new_o = render_openapi(old), render_openapi(new)
    expected = check(old, new, mode="full")
    actual = check(old_o, new_o, mode="full", dialect="openapi-3.0")
    if actual.compatible:
        readers = _LEXICAL_2020_12(old), _LEXICAL_2020_12(new)
        for instance in _WRITTEN_FRACTIONS:
            assert readers[0].is_valid(instance) == readers[1].is_valid(instance), instance
    for finding in actual.findings:  # an OpenAPI integer break: verified as written
        if _lexical(finding) and finding.witness_note is None:
            accepts, rejects = (old, new) if finding.direction == "backward" else (new, old)
            assert _LEXICAL_2020_12(accepts).is_valid(finding.witness), finding
            assert not _LEXICAL_2020_12(rejects).is_valid(finding.witness), finding
    actual = _without_lexical(actual)
    assert actual.compatible == expected.compatible, (old_o, new_o)
    assert _rules(actual) == _rules(expected), (old_o, new_o)
    for finding in actual.findings:
        resolve_pointer(old_o, finding.old_pointer)
        resolve_pointer(new_o, finding.new_pointer)
