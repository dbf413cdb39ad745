"""Normal form of a schema node: a union of branches, one JSON type each, with merged constraints.

The seven kinds are disjoint: ``null``, ``boolean``, ``integer`` (numbers with a zero
fraction, as 2020-12 defines them), ``number`` (numbers with a non-zero fraction), ``string``,
``array``, ``object``. ``{"type": "number"}`` is an ``integer`` branch plus a ``number`` branch.
``allOf`` and ``$ref`` intersect, ``anyOf`` unites, ``oneOf`` unites when its branches are
provably disjoint (otherwise the shape carries a caveat that makes the new side undecided).
``enum``/``const`` make a branch finite: its values are filtered by the real validator, so a
finite branch is exact. Structural subschemas (properties, items...) stay as nodes and are
normalised only when the comparison reaches them, which keeps recursive schemas finite.

Keywords this module does not model (``if``/``then``/``else``, ``unevaluated*``,
``$dynamicRef``, ``dependentSchemas``, ``not`` beyond simple cases) are recorded on the branch:
on the old side ignoring them only makes the old instance set larger (still sound), on the new
side they make the verdict undecided. ``format``, ``content*`` and all annotations are ignored:
in 2020-12 they do not assert.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from fractions import Fraction
from itertools import product
from typing import Any

from .._errors import pointer_join
from ._json import ValueSets, json_equal
from ._numbers import exact, is_exact_step
from ._schema import Node, Side

KINDS = ("null", "boolean", "integer", "number", "string", "array", "object")
TYPE_KINDS: dict[str, tuple[str, ...]] = {
    "null": ("null",),
    "boolean": ("boolean",),
    "integer": ("integer",),
    "number": ("integer", "number"),
    "string": ("string",),
    "array": ("array",),
    "object": ("object",),
}
#: More branches than this in one normal form and the comparison gives up (undecided).
MAX_BRANCHES = 64

NUMERIC = ("integer", "number")

#: Keywords that make a node reject values of a finite branch it is conjoined with.
_VALUE_TESTS = frozenset({"const", "enum", "not"})


def kind_of(value: Any) -> str:  # noqa: PLR0911  one return per JSON type reads best
    """The kind of a JSON value (``True`` is a boolean, ``1.0`` an integer)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def to_fraction(value: Any) -> Fraction:
    """A JSON number as an exact fraction, in the reading validators compute with (integers
    exactly, other literals as their double; see ``_numbers``)."""
    return exact(value)


@dataclass(frozen=True)
class Bound:
    value: Fraction
    exclusive: bool
    pointer: str
    #: the number as the schema wrote it (``None`` for a bound the checker made up)
    literal: Any = None


@dataclass(frozen=True)
class Limit:
    value: int
    pointer: str


@dataclass(frozen=True)
class ObjectPart:
    """The name-dependent keywords of one object schema: they only make sense together."""

    node: Node
    properties: dict[str, Node]
    patterns: tuple[tuple[str, Node], ...]
    #: ``None``: absent (any value); a node otherwise
    additional: Node | None

    def nodes_for(self, name: str) -> tuple[Node, ...]:
        if name in self.properties:
            hits: list[Node] = [self.properties[name]]
        else:
            hits = []
        matched = [node for regex, node in self.patterns if re.search(regex, name)]
        hits.extend(matched)
        if name not in self.properties and not matched and self.additional is not None:
            hits.append(self.additional)
        return tuple(hits)

    def forbids(self, name: str) -> bool:
        """Whether this part provably rejects any value under ``name``."""
        return any(node.contents is False for node in self.nodes_for(name))

    @property
    def closed(self) -> bool:
        return (
            self.additional is not None and self.additional.contents is False and not self.patterns
        )


@dataclass(frozen=True)
class ArrayPart:
    node: Node
    prefix: tuple[Node, ...]
    items: Node | None

    def node_for(self, index: int) -> Node | None:
        if index < len(self.prefix):
            return self.prefix[index]
        return self.items


@dataclass(frozen=True)
class Contains:
    node: Node
    minimum: int
    maximum: int | None
    pointer: str


@dataclass(frozen=True)
class Branch:
    """All instances of one kind that satisfy every constraint recorded here."""

    kind: str
    pointer: str
    atoms: tuple[Node, ...] = ()
    values: tuple[Any, ...] | None = None
    values_pointer: str = ""
    # numbers
    lower: Bound | None = None
    upper: Bound | None = None
    #: exact ``multipleOf`` steps (see ``_numbers.is_exact_step``)
    multiples: tuple[tuple[Fraction, str], ...] = ()
    #: steps tested in floating point, as written: only proven against the very same step
    inexact_multiples: tuple[tuple[Any, str], ...] = ()
    # strings
    min_length: Limit | None = None
    max_length: Limit | None = None
    patterns: tuple[tuple[str, str], ...] = ()
    # arrays
    min_items: Limit | None = None
    max_items: Limit | None = None
    unique: str | None = None
    arrays: tuple[ArrayPart, ...] = ()
    contains: tuple[Contains, ...] = ()
    # objects
    min_properties: Limit | None = None
    max_properties: Limit | None = None
    objects: tuple[ObjectPart, ...] = ()
    required: tuple[tuple[str, str], ...] = ()
    property_names: tuple[Node, ...] = ()
    dependent_required: tuple[tuple[str, tuple[str, ...], str], ...] = ()
    dependent_schemas: tuple[tuple[str, Node, str], ...] = ()
    # anything
    nots: tuple[Node, ...] = ()
    unsupported: tuple[tuple[str, str], ...] = ()

    @property
    def required_names(self) -> dict[str, str]:
        return dict(self.required)

    @property
    def effective_max_items(self) -> int | None:
        """The most items an array may hold: ``maxItems``, or fewer where ``items: false``
        closes the tail after ``prefixItems``."""
        high = self.max_items.value if self.max_items else None
        for part in self.arrays:
            if part.items is not None and part.items.contents is False:
                high = len(part.prefix) if high is None else min(high, len(part.prefix))
        return high


@dataclass(frozen=True)
class Caveat:
    """Something that makes a shape undecidable as the *new* side."""

    rule_id: str
    pointer: str
    reason: str


@dataclass(frozen=True)
class Shape:
    branches: tuple[Branch, ...]
    caveats: tuple[Caveat, ...] = ()

    def of_kind(self, kind: str) -> list[Branch]:
        return [branch for branch in self.branches if branch.kind == kind]

    @property
    def kinds(self) -> list[str]:
        present = {branch.kind for branch in self.branches}
        return [kind for kind in KINDS if kind in present]


def _tighter_lower(a: Bound | None, b: Bound | None) -> Bound | None:
    if a is None or b is None:
        return a or b
    if a.value != b.value:
        return a if a.value > b.value else b
    return a if a.exclusive or not b.exclusive else b


def _tighter_upper(a: Bound | None, b: Bound | None) -> Bound | None:
    if a is None or b is None:
        return a or b
    if a.value != b.value:
        return a if a.value < b.value else b
    return a if a.exclusive or not b.exclusive else b


def _max_limit(a: Limit | None, b: Limit | None) -> Limit | None:
    if a is None or b is None:
        return a or b
    return a if a.value >= b.value else b


def _min_limit(a: Limit | None, b: Limit | None) -> Limit | None:
    if a is None or b is None:
        return a or b
    return a if a.value <= b.value else b


def merge(a: Branch, b: Branch) -> Branch:
    """The intersection of two branches of the same kind."""
    values = a.values
    values_pointer = a.values_pointer
    if values is None or (b.values is not None and len(b.values) < len(values)):
        values, values_pointer = b.values, b.values_pointer
    return Branch(
        kind=a.kind,
        pointer=a.pointer,
        atoms=a.atoms + b.atoms,
        values=values,
        values_pointer=values_pointer,
        lower=_tighter_lower(a.lower, b.lower),
        upper=_tighter_upper(a.upper, b.upper),
        multiples=a.multiples + b.multiples,
        inexact_multiples=a.inexact_multiples + b.inexact_multiples,
        min_length=_max_limit(a.min_length, b.min_length),
        max_length=_min_limit(a.max_length, b.max_length),
        patterns=a.patterns + b.patterns,
        min_items=_max_limit(a.min_items, b.min_items),
        max_items=_min_limit(a.max_items, b.max_items),
        unique=a.unique or b.unique,
        arrays=a.arrays + b.arrays,
        contains=a.contains + b.contains,
        min_properties=_max_limit(a.min_properties, b.min_properties),
        max_properties=_min_limit(a.max_properties, b.max_properties),
        objects=a.objects + b.objects,
        required=a.required + tuple(item for item in b.required if item[0] not in dict(a.required)),
        property_names=a.property_names + b.property_names,
        dependent_required=a.dependent_required + b.dependent_required,
        dependent_schemas=a.dependent_schemas + b.dependent_schemas,
        nots=a.nots + b.nots,
        unsupported=a.unsupported + b.unsupported,
    )


def _top(pointer: str, atoms: tuple[Node, ...] = ()) -> Shape:
    return Shape(tuple(Branch(kind, pointer, atoms) for kind in KINDS))


class TooComplex(Exception):
    """A normal form would exceed :data:`MAX_BRANCHES` branches."""


def intersect(a: Shape, b: Shape) -> Shape:
    branches = [merge(x, y) for x, y in product(a.branches, b.branches) if x.kind == y.kind]
    if len(branches) > MAX_BRANCHES:
        raise TooComplex
    return Shape(tuple(branches), a.caveats + b.caveats)


def unite(shapes: list[Shape]) -> Shape:
    branches = tuple(branch for shape in shapes for branch in shape.branches)
    if len(branches) > MAX_BRANCHES:
        raise TooComplex
    return Shape(branches, tuple(caveat for shape in shapes for caveat in shape.caveats))


@dataclass
class Normaliser:
    """Normal forms of one side's nodes, memoised by node identity."""

    side: Side
    values: ValueSets = field(default_factory=ValueSets)
    _memo: dict[int, Shape] = field(default_factory=dict)
    _conj: dict[tuple[int, ...], Shape] = field(default_factory=dict)

    def shape(self, node: Node) -> Shape:
        key = (
            id(node.contents) if isinstance(node.contents, dict) else -int(bool(node.contents)) - 1
        )
        shape = self._memo.get(key)
        if shape is None:
            try:
                shape = self._build(node)
            except TooComplex:
                shape = Shape(
                    _top(node.pointer).branches,
                    (
                        Caveat(
                            "COMPLEXITY_UNDECIDED",
                            node.pointer,
                            "its normal form has too many branches",
                        ),
                    ),
                )
            self._memo[key] = shape
        return shape

    def conjunction(self, nodes: tuple[Node, ...], at: Node) -> Shape:
        """The normal form of ``allOf`` of ``nodes`` (an empty tuple is ``true``)."""
        key = tuple(
            id(node.contents) if isinstance(node.contents, dict) else -int(bool(node.contents)) - 1
            for node in nodes
        )
        shape = self._conj.get(key)
        if shape is not None:
            return shape
        if not nodes:
            shape = _top(at.pointer)
        elif len(nodes) == 1:
            shape = self.shape(nodes[0])
        else:
            try:
                shape = self.shape(nodes[0])
                for node in nodes[1:]:
                    shape = intersect(shape, self.shape(node))
                shape = self._filter_conjoined(shape)
            except TooComplex:
                shape = Shape(
                    _top(at.pointer).branches,
                    (
                        Caveat(
                            "COMPLEXITY_UNDECIDED",
                            at.pointer,
                            "its normal form has too many branches",
                        ),
                    ),
                )
        self._conj[key] = shape
        return shape

    # -- building ------------------------------------------------------------------------------
    def _build(self, node: Node) -> Shape:
        contents = node.contents
        if contents is True:
            return _top(node.pointer, (node,))
        if contents is False:
            return Shape(())
        shape = self._local(node)
        side = self.side
        if "$ref" in contents:
            shape = intersect(shape, self.shape(side.follow(node)))
        for index, _ in enumerate(contents.get("allOf", ())):
            shape = intersect(shape, self.shape(side.child(node, "allOf", index)))
        if "anyOf" in contents:
            options = [
                self.shape(side.child(node, "anyOf", i)) for i in range(len(contents["anyOf"]))
            ]
            shape = intersect(shape, unite(options))
        if "oneOf" in contents:
            options = [
                self.shape(side.child(node, "oneOf", i)) for i in range(len(contents["oneOf"]))
            ]
            united = unite(options)
            if not _pairwise_disjoint(options):
                caveat = Caveat(
                    "ONE_OF_UNDECIDED",
                    pointer_join(node.pointer, "oneOf") if node.internal else node.pointer,
                    "its oneOf branches may overlap, and an instance matching two of them is "
                    "rejected",
                )
                united = Shape(united.branches, (*united.caveats, caveat))
            shape = intersect(shape, united)
        if any(branch.values is not None for branch in shape.branches):
            shape = self._filter_values(node, shape)
        return shape

    def _filter_values(self, node: Node, shape: Shape) -> Shape:
        branches = []
        for branch in shape.branches:
            if branch.values is not None:
                kept = tuple(
                    value
                    for value in branch.values
                    if kind_of(value) == branch.kind and self.accepts(node, value)
                )
                if not kept:
                    continue
                branches.append(replace(branch, values=kept))
            else:
                branches.append(branch)
        return Shape(tuple(branches), shape.caveats)

    def _filter_conjoined(self, shape: Shape) -> Shape:
        """A finite branch of a conjunction without the values another of its nodes rejects
        by a ``const``, ``enum`` or ``not`` (``merge`` keeps one node's list as it is)."""
        if all(branch.values is None for branch in shape.branches):
            return shape
        branches = []
        for branch in shape.branches:
            judges = [
                atom
                for atom in branch.atoms
                if isinstance(atom.contents, dict) and _VALUE_TESTS & atom.contents.keys()
            ]
            if branch.values is not None and len(judges) > 1:
                kept = tuple(
                    value
                    for value in branch.values
                    if all(self.accepts(atom, value) for atom in judges)
                )
                if kept:
                    branches.append(replace(branch, values=kept))
            else:
                branches.append(branch)
        return Shape(tuple(branches), shape.caveats)

    def accepts(self, node: Node, value: Any) -> bool:
        """``side.is_valid``, answered without the validator for a plain enum/const node."""
        verdict = self.values.verdict(node.contents, value)
        return self.side.is_valid(node, value) if verdict is None else verdict

    def _local(self, node: Node) -> Shape:
        """The branches of the keywords of ``node`` itself (no in-place applicators)."""
        contents: dict[str, Any] = node.contents
        side = self.side

        def at(*path: str | int) -> str:
            return pointer_join(node.pointer, *path) if node.internal else node.pointer

        kinds: list[str] = list(KINDS)
        declared = contents.get("type")
        if declared is not None:
            names = [declared] if isinstance(declared, str) else list(declared)
            allowed = {kind for name in names for kind in TYPE_KINDS[name]}
            kinds = [kind for kind in KINDS if kind in allowed]
        values: list[Any] | None = None
        values_pointer = ""
        if "const" in contents:
            values, values_pointer = [contents["const"]], at("const")
        elif "enum" in contents:
            values, values_pointer = list(contents["enum"]), at("enum")
        if values is not None:
            present = {kind_of(value) for value in values}
            kinds = [kind for kind in kinds if kind in present]

        common: dict[str, Any] = {}
        unsupported = tuple(
            (keyword, at(keyword))
            for keyword in ("if", "$dynamicRef", "unevaluatedProperties", "unevaluatedItems")
            if keyword in contents
        )
        if "not" in contents:
            common["nots"] = (side.child(node, "not"),)
        branches = []
        for kind in kinds:
            fields: dict[str, Any] = dict(common)
            if values is not None:
                fields["values"] = tuple(value for value in values if kind_of(value) == kind)
                fields["values_pointer"] = values_pointer
            if kind in NUMERIC:
                fields.update(self._numeric(contents, at))
            elif kind == "string":
                fields.update(self._string(contents, at))
            elif kind == "array":
                fields.update(self._array(node, at))
            elif kind == "object":
                fields.update(self._object(node, at))
            kind_unsupported: tuple[tuple[str, str], ...] = tuple(
                item
                for item in unsupported
                if not (item[0] == "unevaluatedProperties" and kind != "object")
                and not (item[0] == "unevaluatedItems" and kind != "array")
            )
            if kind == "object" and "dependentSchemas" in contents:
                kind_unsupported += (("dependentSchemas", at("dependentSchemas")),)
            branches.append(
                Branch(
                    kind=kind,
                    pointer=node.pointer,
                    atoms=(node,),
                    unsupported=kind_unsupported,
                    **fields,
                )
            )
        return Shape(tuple(branches))

    @staticmethod
    def _numeric(contents: dict[str, Any], at: Any) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        lower = upper = None

        def bound(keyword: str, exclusive: bool) -> Bound:
            literal = contents[keyword]
            return Bound(to_fraction(literal), exclusive, at(keyword), literal)

        if "minimum" in contents:
            lower = bound("minimum", False)
        if "exclusiveMinimum" in contents:
            lower = _tighter_lower(lower, bound("exclusiveMinimum", True))
        if "maximum" in contents:
            upper = bound("maximum", False)
        if "exclusiveMaximum" in contents:
            upper = _tighter_upper(upper, bound("exclusiveMaximum", True))
        fields["lower"], fields["upper"] = lower, upper
        if "multipleOf" in contents:
            step = contents["multipleOf"]
            if is_exact_step(step):
                fields["multiples"] = ((to_fraction(step), at("multipleOf")),)
            else:
                fields["inexact_multiples"] = ((step, at("multipleOf")),)
        return fields

    @staticmethod
    def _string(contents: dict[str, Any], at: Any) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        if "minLength" in contents:
            fields["min_length"] = Limit(int(contents["minLength"]), at("minLength"))
        if "maxLength" in contents:
            fields["max_length"] = Limit(int(contents["maxLength"]), at("maxLength"))
        if "pattern" in contents:
            fields["patterns"] = ((contents["pattern"], at("pattern")),)
        return fields

    def _array(self, node: Node, at: Any) -> dict[str, Any]:
        contents: dict[str, Any] = node.contents
        side = self.side
        fields: dict[str, Any] = {}
        if "minItems" in contents:
            fields["min_items"] = Limit(int(contents["minItems"]), at("minItems"))
        if "maxItems" in contents:
            fields["max_items"] = Limit(int(contents["maxItems"]), at("maxItems"))
        if contents.get("uniqueItems") is True:
            fields["unique"] = at("uniqueItems")
        if "prefixItems" in contents or "items" in contents:
            prefix = tuple(
                side.child(node, "prefixItems", i)
                for i in range(len(contents.get("prefixItems", ())))
            )
            items = side.child(node, "items") if "items" in contents else None
            fields["arrays"] = (ArrayPart(node, prefix, items),)
        if "contains" in contents:
            minimum = int(contents.get("minContains", 1))
            maximum = contents.get("maxContains")
            fields["contains"] = (
                Contains(
                    side.child(node, "contains"),
                    minimum,
                    None if maximum is None else int(maximum),
                    at("contains"),
                ),
            )
        return fields

    def _object(self, node: Node, at: Any) -> dict[str, Any]:
        contents: dict[str, Any] = node.contents
        side = self.side
        fields: dict[str, Any] = {}
        if "minProperties" in contents:
            fields["min_properties"] = Limit(int(contents["minProperties"]), at("minProperties"))
        if "maxProperties" in contents:
            fields["max_properties"] = Limit(int(contents["maxProperties"]), at("maxProperties"))
        if {"properties", "patternProperties", "additionalProperties"} & contents.keys():
            properties = {
                name: side.child(node, "properties", name)
                for name in contents.get("properties", {})
            }
            patterns = tuple(
                (regex, side.child(node, "patternProperties", regex))
                for regex in contents.get("patternProperties", {})
            )
            additional = (
                side.child(node, "additionalProperties")
                if "additionalProperties" in contents
                else None
            )
            fields["objects"] = (ObjectPart(node, properties, patterns, additional),)
        if contents.get("required"):
            where = at("required")
            fields["required"] = tuple(
                dict.fromkeys((name, where) for name in contents["required"])
            )
        if "propertyNames" in contents:
            fields["property_names"] = (side.child(node, "propertyNames"),)
        if contents.get("dependentRequired"):
            fields["dependent_required"] = tuple(
                (name, tuple(deps), at("dependentRequired", name))
                for name, deps in contents["dependentRequired"].items()
            )
        if contents.get("dependentSchemas"):
            fields["dependent_schemas"] = tuple(
                (name, side.child(node, "dependentSchemas", name), at("dependentSchemas", name))
                for name in contents["dependentSchemas"]
            )
        return fields


def _pairwise_disjoint(options: list[Shape]) -> bool:
    """Whether no instance can match two of the shapes (decided by kinds, finite values and
    a discriminating ``const`` property; anything else counts as overlapping)."""
    for i, first in enumerate(options):
        for second in options[i + 1 :]:
            for a in first.branches:
                for b in second.branches:
                    if a.kind == b.kind and not _branches_disjoint(a, b):
                        return False
    return True


def _branches_disjoint(a: Branch, b: Branch) -> bool:
    if a.values is not None and b.values is not None:
        return not any(json_equal(x, y) for x in a.values for y in b.values)
    if a.kind == "object":
        return _discriminated(a, b)
    return False


def _discriminated(a: Branch, b: Branch) -> bool:
    """Both require a property whose values come from ``const``/``enum`` lists that share no
    value (the tag of a tagged union, one value or several per variant)."""
    required_a, required_b = a.required_names, b.required_names
    for part_a in a.objects:
        for name, node_a in part_a.properties.items():
            if name not in required_a or name not in required_b:
                continue
            values_a = _listed_values(node_a)
            if values_a is None:
                continue
            for part_b in b.objects:
                node_b = part_b.properties.get(name)
                values_b = _listed_values(node_b) if node_b is not None else None
                if values_b is not None and not any(
                    json_equal(x, y) for x in values_a for y in values_b
                ):
                    return True
    return False


def _listed_values(node: Node) -> tuple[Any, ...] | None:
    """The values a property's own ``const`` or ``enum`` allows (other keywords beside them
    only narrow the set further), or None when it lists none."""
    contents = node.contents
    if isinstance(contents, dict):
        if "const" in contents:
            return (contents["const"],)
        enum = contents.get("enum")
        if isinstance(enum, list):
            return tuple(enum)
    return None
