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
from dataclasses import dataclass
from fractions import Fraction
from itertools import product
from typing import Any

from .._schema import Node
from ._json import json_equal
from ._numbers import exact
from ._regex import matches_joined

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
        keys = [regex for regex, _ in self.patterns]  # joined, as additionalProperties reads them
        covered = name in self.properties or matches_joined(keys, name)
        if not covered and self.additional is not None:
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


def tighter_lower(a: Bound | None, b: Bound | None) -> Bound | None:
    if a is None or b is None:
        return a or b
    if a.value != b.value:
        return a if a.value > b.value else b
    return a if a.exclusive or not b.exclusive else b


def tighter_upper(a: Bound | None, b: Bound | None) -> Bound | None:
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
        lower=tighter_lower(a.lower, b.lower),
        upper=tighter_upper(a.upper, b.upper),
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


def top(pointer: str, atoms: tuple[Node, ...] = ()) -> Shape:
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


def pairwise_disjoint(options: list[Shape]) -> bool:
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
