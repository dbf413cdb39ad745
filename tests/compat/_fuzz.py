"""Schema pairs and instances for the differential fuzzer (``test_fuzz.py``).

A pair is mostly a base schema and a one-step mutation of it (one keyword changed, added or
dropped, anywhere in the tree), sometimes an equivalent rewrite. The mutations reach every
keyword the checker reads, and the numbers and values lean on the edges where a checker errs:
booleans against numbers at any depth, 1 against 1.0, fractional steps, integers around 2**53,
literals with no exact double (1e23), numbers beyond the largest double (10**309).

Written independently of the checker's internals: only JSON Schema 2020-12 and ``jsonschema``.
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Iterator, Mapping
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

#: the loaded hypothesis profile (``tests/conftest.py``): ``ci``, the same slice every run, or
#: ``deep``, larger budgets, exploring
PROFILE = settings.get_current_profile_name()


def budget(pairs: Mapping[str, int]) -> int:
    """The number of examples ``pairs`` gives the current profile (``ci`` for any other)."""
    return pairs.get(PROFILE, pairs["ci"])


def fuzz_settings(
    pairs: Mapping[str, int],
    suppress: tuple[HealthCheck, ...] = (HealthCheck.too_slow, HealthCheck.filter_too_much),
) -> settings:
    """The settings of a fuzzer: :func:`budget` examples; the rest (derandomized or not, the
    database, no deadline) from the profile. ``too_slow`` and ``filter_too_much`` are suppressed
    by default: a fuzzer ``assume``s away the draws that offer no edit, and generating a nested
    schema is slow on a busy machine; neither is a fault of the checker."""
    return settings(max_examples=budget(pairs), suppress_health_check=list(suppress))


Path = tuple[str | int, ...]

NUMBERS: tuple[Any, ...] = (
    0,
    1,
    -1,
    2,
    3,
    7,
    128,
    256,
    0.5,
    -0.5,
    1.5,
    2.5,
    0.1,
    0.2,
    0.3,
    0.7,
    0.01,
    1.0,
    -0.0,
    2**53 - 1,
    2**53,
    2**53 + 1,
    100000000000000001,
    1e23,
    10**23,
    1e308,
    10**309,
    -(10**309),
    5e-324,
)
STEPS: tuple[Any, ...] = (1, 2, 3, 7, 0.5, 0.25, 0.1, 0.01, 0.3, 0.7, 1.0, 2.0, 3.0, 2**53 + 1)
COUNTS = (0, 1, 2, 3)
VALUES: tuple[Any, ...] = (
    None,
    True,
    False,
    0,
    1,
    1.0,
    -1,
    0.5,
    2**53 + 1,
    "",
    "a",
    "ab",
    [],
    [1],
    [True],
    [1.0],
    [[1]],
    [[True]],
    {},
    {"a": 1},
    {"a": True},
    {"a": [1]},
    {"a": [True]},
)
TYPES = ("null", "boolean", "integer", "number", "string", "array", "object")
PATTERNS = ("^a", "a", "^[ab]*$", "^$", "b$", "^a+$")
NAMES = ("a", "b", "c")

#: Instances tried on every pair besides the generated ones: the edges of the number model,
#: true/1/[1]/[true], empty containers, and small objects over the names the schemas use.
BOUNDARY: tuple[Any, ...] = (
    0,
    -0.0,
    0.0,
    0.5,
    -0.5,
    1,
    1.0,
    -1,
    1.5,
    2,
    3,
    7,
    2**53 - 1,
    2**53,
    2**53 + 1,
    -(2**53) - 1,
    100000000000000001,
    10**23,
    1e23,
    1e308,
    -1e308,
    10**309,
    128.5,
    200.5,
    5e-324,
    True,
    False,
    None,
    "",
    "a",
    "b",
    "ab",
    "aa",
    "x",
    [],
    [1],
    [True],
    [1.0],
    [1, 1],
    [True, True],
    [1, True],
    [[1]],
    [[True]],
    [[True], [True]],
    {},
    {"a": 1},
    {"a": True},
    {"a": [1]},
    {"a": [True]},
    {"a": "a"},
    {"b": 1},
    {"a": 1, "b": 1},
    {"x": 1},
    {"x": True},
    {"xa": 1},
    {"c": None},
)


def leaves() -> st.SearchStrategy[Any]:
    numbers = st.sampled_from(NUMBERS)
    numeric = st.fixed_dictionaries(
        {},
        optional={
            "type": st.sampled_from(["integer", "number"]),
            "minimum": numbers,
            "maximum": numbers,
            "exclusiveMinimum": numbers,
            "exclusiveMaximum": numbers,
            "multipleOf": st.sampled_from(STEPS),
        },
    )
    string = st.fixed_dictionaries(
        {"type": st.just("string")},
        optional={
            "minLength": st.sampled_from(COUNTS),
            "maxLength": st.sampled_from(COUNTS),
            "pattern": st.sampled_from(PATTERNS),
        },
    )
    values = st.sampled_from(VALUES)
    const = st.builds(lambda v: {"const": v}, values)
    enum = st.builds(lambda vs: {"enum": vs}, st.lists(values, min_size=1, max_size=3))
    types = st.one_of(
        st.builds(lambda t: {"type": t}, st.sampled_from(TYPES)),
        st.builds(
            lambda ts: {"type": ts},
            st.lists(st.sampled_from(TYPES), min_size=1, max_size=3, unique=True),
        ),
    )
    return st.one_of(numeric, string, const, enum, types, st.booleans(), st.just({}))


def _composites(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    counts = st.sampled_from(COUNTS)
    names = st.sampled_from(NAMES)
    array = st.fixed_dictionaries(
        {"type": st.just("array")},
        optional={
            "items": inner,
            "prefixItems": st.lists(inner, min_size=1, max_size=2),
            "minItems": counts,
            "maxItems": counts,
            "uniqueItems": st.booleans(),
            "contains": inner,
            "minContains": counts,
            "maxContains": counts,
            "unevaluatedItems": inner,
        },
    )
    obj = st.fixed_dictionaries(
        {"type": st.just("object")},
        optional={
            "properties": st.dictionaries(names, inner, max_size=2),
            "required": st.lists(names, unique=True, max_size=2),
            "additionalProperties": inner,
            "patternProperties": st.dictionaries(st.just("^x"), inner, max_size=1),
            "propertyNames": st.sampled_from(
                [{"pattern": "^[a-c]$"}, {"maxLength": 1}, {"enum": ["a", "b"]}]
            ),
            "minProperties": counts,
            "maxProperties": counts,
            "dependentRequired": st.dictionaries(
                names, st.lists(names, unique=True, max_size=2), max_size=1
            ),
            "dependentSchemas": st.dictionaries(names, inner, max_size=1),
            "unevaluatedProperties": inner,
        },
    )
    pair = st.lists(inner, min_size=1, max_size=3)
    combinator = st.one_of(
        st.builds(lambda xs: {"allOf": xs}, pair),
        st.builds(lambda xs: {"anyOf": xs}, pair),
        st.builds(lambda xs: {"oneOf": xs}, pair),
        st.builds(lambda x: {"not": x}, inner),
        st.builds(lambda i, t: {"if": i, "then": t}, inner, inner),
        st.builds(lambda i, t, e: {"if": i, "then": t, "else": e}, inner, inner, inner),
    )
    return st.one_of(array, obj, combinator)


def _recursive() -> st.SearchStrategy[Any]:
    """Recursive ``$defs``: a tree, a linked list, and two mutually recursive objects."""
    leaf = leaves()
    tree = st.builds(
        lambda value, combinator: {
            "$defs": {
                "Node": {
                    "type": "object",
                    "properties": {"v": value, "next": {"$ref": "#/$defs/Node"}},
                }
            },
            combinator: [{"$ref": "#/$defs/Node"}, {"type": "null"}],
        },
        leaf,
        st.sampled_from(["anyOf", "oneOf"]),
    )
    mutual = st.builds(
        lambda g, combinator: {
            "$defs": {
                "E": {"type": "object", "properties": {"g": g, "f": {"$ref": "#/$defs/F"}}},
                "F": {"type": "object", "properties": {"e": {"$ref": "#/$defs/E"}}},
            },
            combinator: [
                {"properties": {"e": {"$ref": "#/$defs/E"}}},
                {"properties": {"f": {"$ref": "#/$defs/F"}}},
            ],
        },
        leaf,
        st.sampled_from(["allOf", "anyOf", "oneOf"]),
    )
    items = st.builds(
        lambda value: {
            "$defs": {
                "List": {"type": "array", "items": {"anyOf": [value, {"$ref": "#/$defs/List"}]}}
            },
            "$ref": "#/$defs/List",
        },
        leaf,
    )
    return st.one_of(tree, mutual, items)


#: ``if`` tests: the discriminator idiom (a const or enum under a required name), a required
#: name, a type, a bound and a count
IFS: tuple[Any, ...] = (
    {"properties": {"a": {"const": 1}}, "required": ["a"]},
    {"properties": {"a": {"const": "a"}}, "required": ["a"]},
    {"properties": {"a": {"const": True}}},
    {"properties": {"a": {"enum": [1, "a"]}}, "required": ["a"]},
    {"required": ["b"]},
    {"type": "object"},
    {"type": "integer"},
    {"properties": {"b": {"type": "integer"}}},
    {"minimum": 1},
    {"minProperties": 2},
    {"maxLength": 1},
)
#: ``then``/``else`` outcomes and dependent schemas, from loose to unsatisfiable
OUTCOMES: tuple[Any, ...] = (
    True,
    {},
    {"required": ["b"]},
    {"required": ["c"]},
    {"required": ["a", "b"]},
    {"properties": {"b": {"type": "integer"}}},
    {"properties": {"b": {"type": "string"}}},
    {"properties": {"a": {"const": 1}}},
    {"maxProperties": 1},
    {"minimum": 0},
    {"type": "object"},
    {"type": "string"},
    {"not": {"required": ["b"]}},
    {"allOf": [{"required": ["b"]}, {"properties": {"b": False}}]},
    False,
)


def conditionals() -> st.SearchStrategy[Any]:
    """Objects with a discriminating property ``a`` and an if/then/else or dependentSchemas
    over the names the boundary instances use, and the same beside a non-object type."""
    value = st.sampled_from([{"enum": [1, "a"]}, {"const": 1}, {"type": "integer"}, {}])
    outcome = st.sampled_from(OUTCOMES)
    base = st.fixed_dictionaries(
        {
            "type": st.sampled_from(["object", ["object", "integer"]]),
            "properties": st.fixed_dictionaries({"a": value}, optional={"b": leaves()}),
        },
        optional={"required": st.sampled_from([["a"], ["b"], ["a", "b"]])},
    )
    conditional = st.fixed_dictionaries(
        {"if": st.sampled_from(IFS)}, optional={"then": outcome, "else": outcome}
    )
    dependent = st.fixed_dictionaries(
        {"dependentSchemas": st.dictionaries(st.sampled_from(NAMES), outcome, max_size=2)}
    )
    return st.builds(
        lambda b, extra: {**b, **extra}, base, st.one_of(conditional, dependent, st.just({}))
    )


def schemas() -> st.SearchStrategy[Any]:
    plain = st.recursive(leaves(), _composites, max_leaves=5)
    return st.one_of(plain, plain, plain, _recursive())


# -- walking and editing ------------------------------------------------------------------------

#: keyword -> how its value is made of subschemas
_SUB = {"items", "contains", "additionalProperties", "propertyNames", "not", "if", "then", "else"}
_SUB |= {"unevaluatedItems", "unevaluatedProperties"}
_SUB_LISTS = {"allOf", "anyOf", "oneOf", "prefixItems"}
_SUB_MAPS = {"properties", "patternProperties", "dependentSchemas", "$defs"}


def nodes(schema: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every subschema with its path."""
    yield path, schema
    if not isinstance(schema, dict):
        return
    for keyword, value in schema.items():
        if keyword in _SUB:
            yield from nodes(value, (*path, keyword))
        elif keyword in _SUB_LISTS and isinstance(value, list):
            for index, item in enumerate(value):
                yield from nodes(item, (*path, keyword, index))
        elif keyword in _SUB_MAPS and isinstance(value, dict):
            for name, item in value.items():
                yield from nodes(item, (*path, keyword, name))


def replace_at(schema: Any, path: Path, value: Any) -> Any:
    if not path:
        return value
    out = copy.deepcopy(schema)
    target = out
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return out


def _number_variants(value: Any) -> list[Any]:
    found = [v for v in NUMBERS if not _same(v, value)]
    if isinstance(value, int) and not isinstance(value, bool):
        found += [value + 1, value - 1, float(value) if abs(value) < 1e308 else value * 10]
    elif isinstance(value, float) and math.isfinite(value):
        found += [math.nextafter(value, math.inf), math.nextafter(value, -math.inf), value / 2]
    return found


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


#: keywords a mutation may add to an object schema, with a value
_ADDITIONS: tuple[tuple[str, Any], ...] = (
    ("type", "integer"),
    ("type", "number"),
    ("type", "string"),
    ("type", ["integer", "string"]),
    ("minimum", 0),
    ("maximum", 128),
    ("exclusiveMinimum", 0.5),
    ("exclusiveMaximum", 2**53 + 1),
    ("multipleOf", 0.5),
    ("multipleOf", 1),
    ("multipleOf", 0.01),
    ("minLength", 1),
    ("maxLength", 1),
    ("pattern", "^a"),
    ("minItems", 1),
    ("maxItems", 1),
    ("uniqueItems", True),
    ("items", {"type": "integer"}),
    ("contains", {"const": 1}),
    ("required", ["a"]),
    ("properties", {"a": {"type": "integer"}}),
    ("additionalProperties", False),
    ("unevaluatedProperties", False),
    ("unevaluatedItems", False),
    ("propertyNames", {"maxLength": 1}),
    ("minProperties", 1),
    ("maxProperties", 1),
    ("dependentRequired", {"a": ["b"]}),
    ("not", {"const": [True]}),
    ("not", {"type": "number", "maximum": 0}),
    ("const", [1]),
    ("const", True),
    ("const", 1),
    ("enum", [1, True, [1]]),
)


def edits(schema: Any) -> list[tuple[Path, Any]]:  # noqa: PLR0912  one branch per kind of edit
    """Every one-step mutation of ``schema``, as (path, new subschema): apply with
    :func:`replace_at`; every edit keeps the
    schema valid 2020-12 (a counted keyword stays a small non-negative integer, a step positive)."""
    out: list[tuple[Path, Any]] = []
    for path, node in nodes(schema):
        if isinstance(node, bool):
            out.append((path, not node))
            out.append((path, {}))
            continue
        if not isinstance(node, dict):
            continue
        out.append((path, False))
        out.append((path, True))
        out.append((path, _wrap(node, "allOf", [])))
        for keyword, value in node.items():
            if keyword in {"$defs"}:
                continue
            dropped = {k: v for k, v in node.items() if k != keyword}
            out.append((path, dropped))
            if isinstance(value, bool):
                out.append((path, {**node, keyword: not value}))
            elif isinstance(value, int | float):
                out.extend(
                    (path, {**node, keyword: other})
                    for other in _number_variants(value)
                    if keyword not in {"multipleOf"} or (other > 0)
                    if not (
                        keyword
                        in {
                            "minLength",
                            "maxLength",
                            "minItems",
                            "maxItems",
                            "minProperties",
                            "maxProperties",
                            "minContains",
                            "maxContains",
                        }
                        and not (isinstance(other, int) and 0 <= other <= 4)
                    )
                )
            if keyword == "const":
                out.extend((path, {**node, "const": v}) for v in VALUES)
            if keyword in {"enum", "required", "type"} and isinstance(value, list):
                if len(value) > 1:
                    for index in range(len(value)):
                        smaller = value[:index] + value[index + 1 :]
                        out.append((path, {**node, keyword: smaller}))
                if keyword == "enum":
                    out.extend((path, {**node, "enum": [*value, v]}) for v in VALUES[:12])
            if keyword in {"anyOf", "oneOf", "allOf"}:
                for other in ("anyOf", "oneOf", "allOf"):
                    if other != keyword and other not in node:
                        swapped = {k: v for k, v in node.items() if k != keyword}
                        swapped[other] = value
                        out.append((path, swapped))
                out.append((path, {**node, keyword: value[::-1]}))
                if len(value) > 1:
                    out.append((path, {**node, keyword: value[1:]}))
            if keyword == "pattern":
                out.extend((path, {**node, keyword: p}) for p in PATTERNS)
        for keyword, value in _ADDITIONS:
            if keyword not in node:
                out.append((path, {**node, keyword: value}))
        out.extend((path, changed) for changed in _conditional_edits(node))
    return out


def _conditional_edits(node: dict[str, Any]) -> list[Any]:
    """Edits of if/then/else and dependentSchemas: another if test (the if const changed,
    its required dropped), an outcome tightened or loosened, then and else swapped, a
    condition or a dependent entry added or removed."""
    out: list[Any] = []
    if "if" in node:
        out.extend({**node, "if": test} for test in IFS if test != node["if"])
        for keyword in ("then", "else"):
            out.extend({**node, keyword: outcome} for outcome in OUTCOMES)
        if "then" in node or "else" in node:
            swapped = {k: v for k, v in node.items() if k not in {"then", "else"}}
            if "then" in node:
                swapped["else"] = node["then"]
            if "else" in node:
                swapped["then"] = node["else"]
            out.append(swapped)
    elif "properties" in node or node.get("type") == "object":
        out.extend(
            {**node, "if": test, keyword: {"required": ["b"]}}
            for test in IFS[:5]
            for keyword in ("then", "else")
        )
    dependents = node.get("dependentSchemas")
    if isinstance(dependents, dict):
        for name in dependents:
            out.append(
                {**node, "dependentSchemas": {k: v for k, v in dependents.items() if k != name}}
            )
        out.extend(
            {**node, "dependentSchemas": {**dependents, name: outcome}}
            for name in dependents
            for outcome in OUTCOMES
        )
    if "properties" in node or node.get("type") == "object" or dependents:
        out.extend(
            {**node, "dependentSchemas": {**(dependents or {}), "a": outcome}}
            for outcome in _DEPENDENT_ADDITIONS
        )
    return out


#: dependent schemas an edit adds under the name ``a``
_DEPENDENT_ADDITIONS: tuple[Any, ...] = (
    {"required": ["b"]},
    {"properties": {"b": {"type": "integer"}}},
    {"maxProperties": 1},
    False,
)


def rewrites(schema: Any) -> list[Any]:
    """Equivalent forms of ``schema`` (same instance set)."""
    out: list[Any] = [_wrap(schema, "allOf", []), _wrap(schema, "anyOf", [False])]
    for path, node in nodes(schema):
        if not isinstance(node, dict):
            continue
        if isinstance(node.get("type"), list) and len(node) == 1:
            out.append(replace_at(schema, path, {"anyOf": [{"type": t} for t in node["type"]]}))
        if "const" in node:
            rest = {k: v for k, v in node.items() if k != "const"}
            out.append(replace_at(schema, path, {**rest, "enum": [node["const"]]}))
        for keyword in ("anyOf", "oneOf", "allOf"):
            if keyword in node:
                out.append(replace_at(schema, path, {**node, keyword: node[keyword][::-1]}))
        if node.get("type") == "integer" and isinstance(node.get("exclusiveMinimum"), int):
            rest = {k: v for k, v in node.items() if k != "exclusiveMinimum"}
            out.append(replace_at(schema, path, {**rest, "minimum": node["exclusiveMinimum"] + 1}))
        if node.get("type") == "integer" and "multipleOf" not in node:
            out.append(replace_at(schema, path, {**node, "type": "number", "multipleOf": 1}))
        out.extend(replace_at(schema, path, moved) for moved in _unevaluated_forms(node))
        if path and "$defs" not in path and "$ref" not in node:
            moved = replace_at(schema, path, {"$ref": "#/$defs/Moved"})
            if isinstance(moved, dict) and "$defs" not in moved:
                out.append({**moved, "$defs": {"Moved": node}})
        out.append(replace_at(schema, path, {**node, "title": "t", "description": "d"}))
    return out


#: keywords whose annotations an ``unevaluated*`` beside them would see
_IN_PLACE = {"allOf", "anyOf", "oneOf", "if", "then", "else", "dependentSchemas", "$ref"}


def _unevaluated_forms(node: dict[str, Any]) -> list[Any]:
    """``additionalProperties``/``items`` written as ``unevaluated*`` beside an ``allOf`` of
    the keywords that evaluate the rest (the 2019-09 idiom of a closed extension)."""
    if _IN_PLACE & node.keys():
        return []
    out: list[Any] = []
    named = {k: node[k] for k in ("properties", "patternProperties") if k in node}
    if "additionalProperties" in node and "unevaluatedProperties" not in node:
        rest = {k: v for k, v in node.items() if k not in {*named, "additionalProperties"}}
        members = {"allOf": [{k: v} for k, v in named.items()]} if named else {}
        out.append({**rest, **members, "unevaluatedProperties": node["additionalProperties"]})
    if "items" in node and "unevaluatedItems" not in node and "contains" not in node:
        rest = {k: v for k, v in node.items() if k not in {"prefixItems", "items"}}
        prefix = {"allOf": [{"prefixItems": node["prefixItems"]}]} if "prefixItems" in node else {}
        out.append({**rest, **prefix, "unevaluatedItems": node["items"]})
    return out


def _wrap(schema: Any, keyword: str, others: list[Any]) -> Any:
    """``{keyword: [schema, *others]}``, keeping ``$defs`` at the root for its ``$ref``s."""
    if isinstance(schema, dict) and "$defs" in schema:
        rest = {k: v for k, v in schema.items() if k != "$defs"}
        return {"$defs": schema["$defs"], keyword: [rest, *others]}
    return {keyword: [schema, *others]}


def literals(schema: Any) -> list[Any]:
    """Every number and const/enum value in a schema, and the numbers next to each."""
    found: list[Any] = []
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for keyword, value in node.items():
                if keyword == "const":
                    found.append(value)
                elif keyword == "enum" and isinstance(value, list):
                    found.extend(value)
                elif isinstance(value, int | float) and not isinstance(value, bool):
                    found.extend(_around(value))
                stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
    return found


def objects(values: list[Any]) -> list[Any]:
    """Small objects over :data:`NAMES`, each name with a few of ``values`` (and ``1``): where
    a condition or a dependent schema decides, by which names are present and what ``a``
    holds."""
    pool = [1, "a", True, None, *values[:6]]
    found: list[Any] = []
    for first in pool:
        found.append({"a": first})
        for second in pool[:4]:
            found.append({"a": first, "b": second})
            found.append({"a": first, "b": second, "c": second})
        found.append({"b": first})
        found.append({"b": first, "c": first})
    return found


def _around(value: int | float) -> list[Any]:
    if isinstance(value, int):
        return [value, value - 1, value + 1, value + 0.5 if abs(value) < 2**52 else value]
    if not math.isfinite(value):
        return []
    return [
        value,
        math.nextafter(value, math.inf),
        math.nextafter(value, -math.inf),
        value + 0.5,
        value * 2,
        value * 3,
        value * 7,
    ]


def reversed_unions(schema: Any) -> Any:
    """The same schema with every anyOf/oneOf list reversed (the same instance set)."""
    if isinstance(schema, list):
        return [reversed_unions(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {k: reversed_unions(v) for k, v in schema.items()}
    for keyword in ("anyOf", "oneOf"):
        if isinstance(out.get(keyword), list):
            out[keyword] = out[keyword][::-1]
    return out


def key(schema: Any) -> str:
    return json.dumps(schema, sort_keys=True)
