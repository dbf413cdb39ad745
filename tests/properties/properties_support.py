"""What the differential tests share: the contracts, a walker over schema and instance together,
the comparison of a model's output with its input, mutations, and the documented lax coercions.

Everything is derived from the published schemas (``market_data_store_contracts.schemas``); the
only hand-written knowledge is which Python model reads which schema and the list of lax
coercions Pydantic applies (each one pinned by ``test_known_disagreements.py``).
"""

from __future__ import annotations

import collections
import copy
import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import market_data_core.telemetry as core_telemetry
from hypothesis import settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from pydantic import BaseModel, TypeAdapter, ValidationError

import market_data_store_contracts
from market_data_store_contracts import schemas

# -- hypothesis -----------------------------------------------------------------------------------


#: examples per differential property and hypothesis profile (``tests/conftest.py``)
BUDGET = {"ci": 200, "deep": 20_000}


def max_examples() -> int:
    """The differential budget of the loaded profile (``ci`` for any other)."""
    return BUDGET.get(settings.get_current_profile_name(), BUDGET["ci"])


def differential_settings() -> settings:
    """The settings of a differential property: :func:`max_examples`, the rest from the
    profile."""
    return settings(max_examples=max_examples())


def _cache_hypothesis_jsonschema() -> None:
    """hypothesis-jsonschema rebuilds (and re-canonicalises) the strategy of every property
    schema inside each draw of an object; the same schemas come back thousands of times. A
    strategy is an immutable description, so building it once per (schema, alphabet, formats)
    changes nothing but the cost (about half the run time of the ``ci`` profile)."""
    import hypothesis_jsonschema._from_schema as from_schema_module

    build = vars(from_schema_module)["__from_schema"]
    if getattr(build, "cached", False):
        return
    built: dict[tuple[str, int, int], Any] = {}

    def cached(schema: Any, *, alphabet: Any, custom_formats: Any) -> Any:
        key = (json.dumps(schema, sort_keys=True), id(alphabet), id(custom_formats))
        if key not in built:
            built[key] = build(schema, alphabet=alphabet, custom_formats=custom_formats)
        return built[key]

    cached.cached = True  # type: ignore[attr-defined]
    setattr(from_schema_module, "__from_schema", cached)


_cache_hypothesis_jsonschema()


# -- the contracts --------------------------------------------------------------------------------


class Rejected(Exception):
    """The model refused an input (a Pydantic ``ValidationError``)."""


@dataclass(frozen=True, eq=False)
class Contract:
    """One published schema and the Python type that reads and writes its instances."""

    name: str
    schema: dict[str, Any]
    target: Any
    validator: Draft202012Validator = field(compare=False)

    @property
    def is_model(self) -> bool:
        return isinstance(self.target, type) and issubclass(self.target, BaseModel)

    @property
    def adapter(self) -> TypeAdapter[Any]:
        return _adapter(self.target)

    @property
    def allows_non_finite(self) -> bool:
        """Whether the model takes NaN/±inf for a ``number`` field (Core's do, the Store's not)."""
        if not self.is_model:
            return True
        return self.target.model_config.get("allow_inf_nan", True) is not False

    def parse_json(self, text: str) -> Any:
        try:
            if self.is_model:
                return self.target.model_validate_json(text)
            return self.adapter.validate_json(text)
        except ValidationError as error:
            raise Rejected(str(error)) from None

    def parse_python(self, value: Any) -> Any:
        try:
            if self.is_model:
                return self.target.model_validate(value)
            return self.adapter.validate_python(value)
        except ValidationError as error:
            raise Rejected(str(error)) from None

    def dump_json(self, value: Any) -> str:
        if self.is_model:
            return str(value.model_dump_json())
        return self.adapter.dump_json(value).decode("utf-8")


_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


def _adapter(target: Any) -> TypeAdapter[Any]:
    if target not in _ADAPTERS:
        _ADAPTERS[target] = TypeAdapter(target)
    return _ADAPTERS[target]


def _target(name: str) -> Any:
    """``core.X`` is read by Core's own class, ``store.X`` by the Store's."""
    side, _, title = name.partition(".")
    home = {"core": core_telemetry, "store": market_data_store_contracts}[side]
    return getattr(home, title)


def contracts() -> dict[str, Contract]:
    """Every contract of the published bundle, by its index name."""
    found = {}
    for entry in schemas.index():
        schema = schemas.load(entry["name"])
        found[entry["name"]] = Contract(
            entry["name"], schema, _target(entry["name"]), Draft202012Validator(schema)
        )
    return found


CONTRACTS = contracts()


def closed(schema: Any) -> Any:
    """``schema`` with ``additionalProperties: false`` on every object schema that declares
    ``properties`` and says nothing about other names: what a Pydantic model writes."""
    result = copy.deepcopy(schema)
    stack = [result]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "properties" in node and not {
                "additionalProperties",
                "patternProperties",
                "unevaluatedProperties",
            } & set(node):
                node["additionalProperties"] = False
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return result


# -- JSON text ------------------------------------------------------------------------------------


def to_json(instance: Any) -> str:
    """The wire form of a generated instance. ``allow_nan=False``: JSON has no NaN or infinity,
    so a generator that produced one fails here instead of sneaking a non-JSON token through."""
    return json.dumps(instance, allow_nan=False, ensure_ascii=False)


# -- schema and instance, walked together ---------------------------------------------------------

Path = tuple[str | int, ...]


def resolve(node: Any, root: dict[str, Any]) -> Any:
    """``node`` with a local ``$ref`` replaced by its target (sibling keywords kept)."""
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/"), ref
        target: Any = root
        for token in ref[2:].split("/"):
            target = target[token.replace("~1", "/").replace("~0", "~")]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


JSON_TYPES = ("null", "boolean", "integer", "number", "string", "array", "object")


def json_type(value: Any) -> str:  # noqa: PLR0911 - one return per JSON type reads best
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def allowed_types(node: Any, root: dict[str, Any]) -> set[str]:
    """The JSON types a subschema lets through, judged by ``type``, ``anyOf`` and ``enum``."""
    node = resolve(node, root)
    if node is True or node == {}:
        return set(JSON_TYPES)
    if "anyOf" in node:
        return set().union(*(allowed_types(branch, root) for branch in node["anyOf"]))
    declared = node.get("type")
    if isinstance(declared, str):
        types = {declared}
    elif isinstance(declared, list):
        types = set(declared)
    elif "enum" in node:
        types = {json_type(value) for value in node["enum"]}
    else:
        types = set(JSON_TYPES)
    if "number" in types:
        types.add("integer")
    return types


@dataclass(frozen=True)
class Site:
    """A place in an instance that the schema constrains: its path and (resolved) subschema."""

    path: Path
    schema: Any


def sites(schema: Any, instance: Any, root: dict[str, Any], path: Path = ()) -> Iterator[Site]:
    """Every site of ``instance``: the root, each declared property present, each array item and
    each value under ``additionalProperties``. Extra keys of open objects are not sites."""
    node = resolve(schema, root)
    yield Site(path, node)
    if not isinstance(node, dict):
        return
    if isinstance(instance, dict):
        properties = node.get("properties", {})
        extra = node.get("additionalProperties")
        for key, value in instance.items():
            if key in properties:
                yield from sites(properties[key], value, root, (*path, key))
            elif isinstance(extra, dict):
                yield from sites(extra, value, root, (*path, key))
    elif isinstance(instance, list) and isinstance(node.get("items"), dict):
        for index, item in enumerate(instance):
            yield from sites(node["items"], item, root, (*path, index))


def get_at(value: Any, path: Path) -> Any:
    for part in path:
        value = value[part]
    return value


def set_at(value: Any, path: Path, new: Any) -> Any:
    """A copy of ``value`` with the node at ``path`` replaced by ``new``."""
    if not path:
        return new
    result = copy.deepcopy(value)
    get_at(result, path[:-1])[path[-1]] = new
    return result


def delete_at(value: Any, path: Path) -> Any:
    result = copy.deepcopy(value)
    del get_at(result, path[:-1])[path[-1]]
    return result


# -- does the output say what the input said? -----------------------------------------------------


class Disagreement(AssertionError):
    pass


def _factory_default(node: dict[str, Any]) -> Any:
    """What a model writes for a field the input left out. A declared ``default`` wins; fields
    built by ``default_factory`` show no default in the schema (a known difference) and are
    written empty: ``[]`` for an array, ``{}`` for an object."""
    if "default" in node:
        return node["default"]
    types = allowed_types(node, {})
    if types == {"array"}:
        return []
    if types == {"object"}:
        return {}
    raise Disagreement(f"an optional field without default or known factory: {node}")


# One branch per JSON type, each with its own message: splitting it would scatter the rules.
def compare(  # noqa: PLR0912
    schema: Any, given: Any, written: Any, root: dict[str, Any], path: Path = ()
) -> None:
    """Raise :class:`Disagreement` unless ``written`` (a model's JSON output, parsed) says what
    ``given`` said on every field the schema declares.

    - ``number``: ``written`` is the IEEE 754 double nearest to ``given``: a JSON ``5`` comes back
      as ``5.0`` and an integer beyond 2**53 comes back rounded to a double.
    - ``integer``: the same integer, written as an integer.
    - objects: every declared property comes back (a missing one with its default, see
      :func:`_factory_default`); keys the schema does not declare are dropped.
    """
    node = resolve(schema, root)
    where = "/" + "/".join(map(str, path))
    if isinstance(given, bool) or given is None or isinstance(given, str):
        if given != written or type(given) is not type(written):
            raise Disagreement(f"{where}: wrote {written!r} for {given!r}")
    elif isinstance(given, int | float):
        if isinstance(written, bool) or not isinstance(written, int | float):
            raise Disagreement(f"{where}: wrote {written!r} for the number {given!r}")
        if node.get("type") == "integer":
            if type(written) is not int or written != given:
                raise Disagreement(f"{where}: wrote {written!r} for the integer {given!r}")
        elif type(written) is not float or written != float(given):
            raise Disagreement(f"{where}: wrote {written!r}, not the double nearest to {given!r}")
    elif isinstance(given, list):
        if not isinstance(written, list) or len(written) != len(given):
            raise Disagreement(f"{where}: wrote {written!r} for {given!r}")
        for index, (item, out) in enumerate(zip(given, written, strict=True)):
            compare(node.get("items", {}), item, out, root, (*path, index))
    elif isinstance(given, dict):
        if not isinstance(written, dict):
            raise Disagreement(f"{where}: wrote {written!r} for {given!r}")
        properties = node.get("properties")
        if properties is not None:
            if set(written) != set(properties):
                raise Disagreement(
                    f"{where}: wrote keys {sorted(written)}, not {sorted(properties)}"
                )
            for key, sub in properties.items():
                if key in given:
                    compare(sub, given[key], written[key], root, (*path, key))
                elif written[key] != _factory_default(resolve(sub, root)):
                    raise Disagreement(f"{where}/{key}: wrote {written[key]!r} for a missing field")
        else:
            extra = node.get("additionalProperties", {})
            if set(written) != set(given):
                raise Disagreement(f"{where}: wrote keys {sorted(written)}, not {sorted(given)}")
            for key in given:
                compare(extra, given[key], written[key], root, (*path, key))


# -- mutations ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mutation:
    kind: str
    path: Path
    value: Any = None

    def describe(self) -> str:
        where = "/" + "/".join(map(str, self.path))
        if self.kind == "drop_required":
            return f"dropped required {where}"
        return f"{self.kind} at {where}: {self.value!r}"


_SMALL_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=5,
)

_BOOL_WORDS = ("true", "false", "yes", "no", "on", "off", "t", "f", "y", "n", "1", "0")


@st.composite
def _case_variants(draw: st.DrawFn, word: str) -> str:
    return "".join(draw(st.sampled_from([c.lower(), c.upper()])) for c in word)


#: Strings that look like numbers or booleans: the bait for Pydantic's lax mode.
LAX_BAIT = st.one_of(
    st.integers().map(str),
    st.floats(allow_nan=False).map(repr),
    st.floats().map(lambda x: f"{x:e}"),
    st.tuples(st.sampled_from(["", " ", "\t", "\n", "\xa0"]), st.integers(-5, 10**6).map(str)).map(
        lambda pair: f"{pair[0]}{pair[1]}{pair[0]}"
    ),
    st.sampled_from(
        [
            "1_000",
            "1_0.5",
            "+_1",
            "inf",
            "-Infinity",
            "NaN",
            "nan",
            "5.",
            ".5",
            "0x10",
            "1e400",
            "-0",
            "00012",
            "5.0",
            "1.5",
            " ",
            "",
        ]
    ),
    st.sampled_from(_BOOL_WORDS).flatmap(_case_variants),
)

_BY_TYPE: dict[str, st.SearchStrategy[Any]] = {
    "null": st.none(),
    "boolean": st.booleans(),
    "integer": st.integers() | st.sampled_from([0, 1]),
    "number": st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from([0.0, 1.0, 0.5, -1.5]),
    "string": st.text() | LAX_BAIT,
    "array": st.lists(_SMALL_JSON, max_size=3),
    "object": st.dictionaries(st.text(max_size=5), _SMALL_JSON, max_size=3),
}


def _other_type(site: Site, root: dict[str, Any]) -> st.SearchStrategy[Any] | None:
    allowed = allowed_types(site.schema, root)
    others = [name for name in JSON_TYPES if name not in allowed]
    if allowed == {"integer"}:
        others.append("number")  # a non-integral float; integral ones are filtered out later
    if not others:
        return None
    return st.one_of([_BY_TYPE[name] for name in others])


def _out_of_range(node: Any) -> st.SearchStrategy[Any] | None:
    if not isinstance(node, dict):
        return None
    integral = node.get("type") == "integer"
    below = (
        st.integers(max_value=-1)
        if integral
        else st.floats(max_value=-1e-9, allow_nan=False, allow_infinity=False)
    )
    if "minimum" in node:
        return below.map(lambda d: node["minimum"] + d)
    if "exclusiveMinimum" in node:
        at_or_below = (
            st.integers(max_value=0)
            if integral
            else st.floats(max_value=0, allow_nan=False, allow_infinity=False)
        )
        return at_or_below.map(lambda d: node["exclusiveMinimum"] + d)
    return None


@st.composite
def mutations(draw: st.DrawFn, contract: Contract, instance: Any) -> tuple[Mutation, Any]:
    """One mutation of a valid ``instance``: a required key dropped, or a value replaced by one
    of another JSON type, out of range, or outside the enum. The caller keeps only mutants the
    schema rejects."""
    root = contract.schema
    found = list(sites(root, instance, root))
    # The root is one site among many, but replacing a whole instance by a small value gives
    # few distinct mutants: pick it one time in ten when there are others.
    inner = found[1:]
    site = draw(st.sampled_from(inner)) if inner and draw(st.integers(0, 9)) else found[0]
    value = get_at(instance, site.path)
    node = site.schema
    options: list[tuple[str, st.SearchStrategy[Any]]] = []
    other = _other_type(site, root)
    if other is not None:
        options.append(("wrong_type", other))
    ranged = _out_of_range(node)
    if ranged is not None:
        options.append(("out_of_range", ranged))
    if isinstance(node, dict) and "enum" in node:
        options.append(("unknown_enum", st.text().filter(lambda s: s not in node["enum"])))
    if isinstance(value, dict) and isinstance(node, dict):
        present = [key for key in node.get("required", []) if key in value]
        if present:
            options.append(("drop_required", st.sampled_from(present)))
    kind, strategy = draw(st.sampled_from(options))
    new = draw(strategy)
    if kind == "drop_required":
        return Mutation(kind, (*site.path, new)), delete_at(instance, (*site.path, new))
    return Mutation(kind, site.path, new), set_at(instance, site.path, new)


# -- the documented lax coercions -----------------------------------------------------------------

#: Strings Pydantic reads as a boolean, case-insensitively.
BOOL_STRINGS = {
    "true": True,
    "yes": True,
    "on": True,
    "t": True,
    "y": True,
    "1": True,
    "false": False,
    "no": False,
    "off": False,
    "f": False,
    "n": False,
    "0": False,
}


def spelled_number(text: str) -> Decimal | None:
    """The number a string spells: surrounding whitespace and ``_`` separators ignored,
    ``inf``/``infinity``/``nan`` in any case allowed. ``None`` if it spells none."""
    try:
        return Decimal(text.strip().replace("_", ""))
    except InvalidOperation:
        return None


NO_COERCION = object()


def lax_coercion(site_types: set[str], value: Any) -> Any:  # noqa: PLR0911 - one per coercion
    """What Pydantic's lax mode may turn ``value`` into where the schema allows only
    ``site_types`` (``NO_COERCION`` where no documented coercion applies: the model must refuse).

    The documented coercions (docs/known-differences.md, "Known differences between the schemas
    and the models"):

    1. ``number`` field: a JSON string spelling a number -> that number as a double; ``true``
       / ``false`` -> ``1.0`` / ``0.0``.
    2. ``integer`` field: a JSON string spelling an integer -> that integer; ``true`` /
       ``false`` -> ``1`` / ``0``.
    3. ``boolean`` field: the numbers ``0``/``1`` (also ``0.0``/``1.0``) and the strings of
       :data:`BOOL_STRINGS` (any case) -> ``false``/``true``.

    A coercion is a permission, not a promise: Pydantic refuses some spellings (``"1e3"`` for an
    integer, ``"0x10"``); the test only requires that whatever it accepts means the value here.
    """
    if site_types == {"integer", "number"}:
        if isinstance(value, bool):
            return float(value)
        if isinstance(value, str):
            spelled = spelled_number(value)
            return NO_COERCION if spelled is None else float(spelled)
    if site_types == {"integer"}:
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, str):
            spelled = spelled_number(value)
            if spelled is None or not spelled.is_finite() or spelled != spelled.to_integral_value():
                return NO_COERCION
            return int(spelled)
    if site_types == {"boolean"}:
        if isinstance(value, int | float) and not isinstance(value, bool) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.lower() in BOOL_STRINGS:
            return BOOL_STRINGS[value.lower()]
    return NO_COERCION


def finite(value: Any) -> bool:
    return not isinstance(value, float) or math.isfinite(value)


# -- counting examples ----------------------------------------------------------------------------


@dataclass
class Counter:
    """Examples one property test ran, so a silently tiny run fails and the summary shows it."""

    label: str
    calls: int = 0
    distinct: set[str] = field(default_factory=set)
    #: how often each kind of case came up (e.g. mutation kinds, coercions taken)
    kinds: collections.Counter[str] = field(default_factory=collections.Counter)

    def add(self, instance: Any, *kinds: str) -> None:
        self.calls += 1
        self.kinds.update(kinds)
        self.distinct.add(json.dumps(instance, sort_keys=True, ensure_ascii=False))

    def assert_reached(self, finite_space: int | None = None) -> None:
        """At least the profile's ``max_examples`` ran; for a schema with fewer instances
        than that (an enum), every one of them did."""
        floor = max_examples() if finite_space is None else min(max_examples(), finite_space)
        assert self.calls >= floor, f"{self.label}: only {self.calls} examples ran, need {floor}"
        if finite_space is not None and finite_space <= max_examples():
            assert len(self.distinct) == finite_space, (self.label, sorted(self.distinct))


COUNTS: list[Counter] = []


def counter(label: str) -> Counter:
    made = Counter(label)
    COUNTS.append(made)
    return made


def rejects(parse: Callable[[str], Any], text: str) -> bool:
    try:
        parse(text)
    except Rejected:
        return True
    return False
