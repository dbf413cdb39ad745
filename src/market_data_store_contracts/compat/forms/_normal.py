"""Building normal forms (``_shape``) from one side's nodes, memoised by node identity: the
branches of a node's own keywords, intersected through ``$ref`` and ``allOf``, united through
``anyOf`` and through a ``oneOf`` whose branches are provably disjoint."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from ..._documents.pointers import pointer_join
from .._schema import Node, Side
from ._json import ValueSets
from ._numbers import is_exact_step, reads_differently
from ._shape import (
    KINDS,
    NUMERIC,
    TYPE_KINDS,
    ArrayPart,
    Bound,
    Branch,
    Caveat,
    Contains,
    Limit,
    ObjectPart,
    Shape,
    TooComplex,
    intersect,
    kind_of,
    pairwise_disjoint,
    tighter_lower,
    tighter_upper,
    to_fraction,
    top,
    unite,
)

#: Keywords that make a node reject values of a finite branch it is conjoined with.
_VALUE_TESTS = frozenset({"const", "enum", "not"})


@dataclass
class Normaliser:
    """Normal forms of one side's nodes, memoised by node identity."""

    side: Side
    #: spends steps of the comparison's work budget (one per pair of branches intersected);
    #: raises once it is spent
    charge: Callable[[int], None] = lambda steps: None
    values: ValueSets = field(default_factory=ValueSets)
    _memo: dict[int, Shape] = field(default_factory=dict)
    _conj: dict[tuple[int, ...], Shape] = field(default_factory=dict)

    def shape(self, node: Node) -> Shape:
        key = _memo_key(node)
        shape = self._memo.get(key)
        if shape is None:
            try:
                shape = self._build(node)
            except TooComplex:
                shape = _too_complex(node.pointer)
            self._memo[key] = shape
        return shape

    def conjunction(self, nodes: tuple[Node, ...], at: Node) -> Shape:
        """The normal form of ``allOf`` of ``nodes`` (an empty tuple is ``true``)."""
        key = tuple(_memo_key(node) for node in nodes)
        shape = self._conj.get(key)
        if shape is not None:
            return shape
        if not nodes:
            shape = top(at.pointer)
        elif len(nodes) == 1:
            shape = self.shape(nodes[0])
        else:
            try:
                shape = self.shape(nodes[0])
                for node in nodes[1:]:
                    shape = self._intersect(shape, self.shape(node))
                shape = self._filter_conjoined(shape)
            except TooComplex:
                shape = _too_complex(at.pointer)
        self._conj[key] = shape
        return shape

    def _intersect(self, a: Shape, b: Shape) -> Shape:
        """``intersect``, charged to the work budget: one step per pair of branches."""
        self.charge(len(a.branches) * len(b.branches))
        return intersect(a, b)

    # -- building ------------------------------------------------------------------------------
    def _build(self, node: Node) -> Shape:
        contents = node.contents
        if contents is True:
            return top(node.pointer, (node,))
        if contents is False:
            return Shape(())
        shape = self._local(node)
        side = self.side
        if "$ref" in contents:
            shape = self._intersect(shape, self.shape(side.follow(node)))
        for index, _ in enumerate(contents.get("allOf", ())):
            shape = self._intersect(shape, self.shape(side.child(node, "allOf", index)))
        if "anyOf" in contents:
            options = [
                self.shape(side.child(node, "anyOf", i)) for i in range(len(contents["anyOf"]))
            ]
            shape = self._intersect(shape, unite(options))
        if "oneOf" in contents:
            options = [
                self.shape(side.child(node, "oneOf", i)) for i in range(len(contents["oneOf"]))
            ]
            united = unite(options)
            if not pairwise_disjoint(options):
                caveat = Caveat(
                    "ONE_OF_UNDECIDED",
                    pointer_join(node.pointer, "oneOf") if node.internal else node.pointer,
                    "its oneOf branches may overlap, and an instance matching two of them is "
                    "rejected",
                )
                united = Shape(united.branches, (*united.caveats, caveat))
            shape = self._intersect(shape, united)
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
                    if kind_of(value) == branch.kind
                    and (self.accepts(node, value) or reads_differently(value))
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
                    if all(self.accepts(atom, value) for atom in judges) or reads_differently(value)
                )
                if kept:
                    branches.append(replace(branch, values=kept))
            else:
                branches.append(branch)
        return Shape(tuple(branches), shape.caveats)

    # A listed number that a validator computing in doubles may judge otherwise (beyond 2**53,
    # or no double at all) is kept even when the node rejects it: a larger old side stays
    # sound, and a new side is asked with its validator value by value anyway.

    def accepts(self, node: Node, value: Any) -> bool:
        """``side.is_valid``, answered without the validator for a plain enum/const node."""
        verdict = self.values.verdict(node.contents, value)
        return self.side.is_valid(node, value) if verdict is None else verdict

    def _local(self, node: Node) -> Shape:
        """The branches of the keywords of ``node`` itself (no in-place applicators)."""
        contents: dict[str, Any] = node.contents

        def at(*path: str | int) -> str:
            return pointer_join(node.pointer, *path) if node.internal else node.pointer

        kinds, values, values_pointer = _kinds_and_values(contents, at)
        common: dict[str, Any] = {}
        if "not" in contents:
            common["nots"] = (self.side.child(node, "not"),)
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
            branches.append(
                Branch(
                    kind=kind,
                    pointer=node.pointer,
                    atoms=(node,),
                    unsupported=_unsupported(contents, kind, at),
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
            lower = tighter_lower(lower, bound("exclusiveMinimum", True))
        if "maximum" in contents:
            upper = bound("maximum", False)
        if "exclusiveMaximum" in contents:
            upper = tighter_upper(upper, bound("exclusiveMaximum", True))
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


def _kinds_and_values(
    contents: dict[str, Any], at: Callable[..., str]
) -> tuple[list[str], list[Any] | None, str]:
    """The kinds ``type`` allows, narrowed to those of the ``const``/``enum`` values (with the
    values and their pointer; ``None`` when neither is written)."""
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
    return kinds, values, values_pointer


def _unsupported(
    contents: dict[str, Any], kind: str, at: Callable[..., str]
) -> tuple[tuple[str, str], ...]:
    """The keywords of a ``kind`` branch that the normal form does not model."""
    unsupported: tuple[tuple[str, str], ...] = tuple(
        (keyword, at(keyword))
        for keyword in ("if", "$dynamicRef", "unevaluatedProperties", "unevaluatedItems")
        if keyword in contents
        and not (keyword == "unevaluatedProperties" and kind != "object")
        and not (keyword == "unevaluatedItems" and kind != "array")
    )
    if kind == "object" and "dependentSchemas" in contents:
        unsupported += (("dependentSchemas", at("dependentSchemas")),)
    return unsupported


def _memo_key(node: Node) -> int:
    """A node's key in the normal forms' memo: the identity of an object schema's contents,
    -2 for ``true`` and -1 for ``false``."""
    contents = node.contents
    return id(contents) if isinstance(contents, dict) else -int(bool(contents)) - 1


def _too_complex(pointer: str) -> Shape:
    """What a normal form with too many branches reads as: anything, with a caveat that makes
    the comparison undecided."""
    caveat = Caveat("COMPLEXITY_UNDECIDED", pointer, "its normal form has too many branches")
    return Shape(top(pointer).branches, (caveat,))
