"""What the in-place subschemas of a schema evaluate, for its ``unevaluated*`` keywords: the
names (items) every valid instance has evaluated, those evaluated only where some subschema
holds, and what keeps that from being known statically (see ``_unevaluated``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from referencing import Registry
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012

from .._documents.keywords import children, walk
from .._documents.pointers import pointer_join
from .dialects import TITLES, Translation

PROPERTIES = "unevaluatedProperties"
ITEMS = "unevaluatedItems"

#: dialects whose ``unevaluated*`` keywords see the annotations of subschemas
_ANNOTATING = frozenset({"2019-09", "2020-12"})

#: in-place applicators whose subschemas count only where they hold
_CONDITIONAL_MANY = ("anyOf", "oneOf")
_CONDITIONAL_ONE = ("if", "then", "else")
#: applicator -> where what a subschema of it evaluates counts, for messages
_CONDITIONS = {
    "anyOf": "where that subschema holds",
    "oneOf": "where that subschema holds",
    "if": "where the if holds",
    "then": "where the if holds",
    "else": "where the if fails",
    "dependentSchemas": "where the object has that name",
    "contains": "where they match",
}

#: what a keyword evaluates: ("name", n), ("pattern", p), ("prefix", n), ("all", None) or
#: ("contains", None)
Part = tuple[str, Any]


@dataclass
class Evaluated:
    """What one ``unevaluated*`` keyword leaves to its subschema, as far as it is known."""

    #: what every valid instance has evaluated (the allOf/$ref closure)
    certain: list[Part] = field(default_factory=list)
    #: what only some instances have evaluated, each with the place of the subschema that
    #: makes it conditional and where it counts
    possible: list[tuple[Part, str, str]] = field(default_factory=list)
    #: why nothing is known statically (``None``: it is)
    blocked: str | None = None
    #: (schema object, whether reached unconditionally) already read: a schema reached twice
    #: the same way adds nothing new
    seen: set[tuple[int, bool]] = field(default_factory=set)

    def covers(self, part: Part) -> bool:
        kind, value = part
        if ("all", None) in self.certain:
            return True
        if kind == "name":
            return ("name", value) in self.certain or any(
                other == "pattern" and re.search(pattern, value) is not None
                for other, pattern in self.certain
            )
        if kind == "pattern":
            return ("pattern", value) in self.certain
        if kind == "prefix":
            return any(other == "prefix" and length >= value for other, length in self.certain)
        return False

    @property
    def everything(self) -> bool:
        return ("all", None) in self.certain


@dataclass(frozen=True)
class Place:
    """A schema node of some translated document, with what its ``$ref``s resolve against."""

    contents: Any
    resolver: Any  # referencing.Resolver[Any]
    uri: str | None
    pointer: str | None


class Reader:
    """Finds, for each ``unevaluated*`` keyword of the translated documents, what it leaves."""

    def __init__(self, translations: dict[str, Translation], root_uri: str) -> None:
        self.translations = translations
        self.root_uri = root_uri
        resources = [
            (uri, DRAFT202012.create_resource(t.translated)) for uri, t in translations.items()
        ]
        registry: Registry[Any] = Registry()
        self.registry = registry.with_resources(resources).crawl()
        self.resources = dict(resources)
        self.locations: dict[int, tuple[str, str]] = {}
        for uri, translation in translations.items():
            for pointer, node in walk(translation.translated):
                if isinstance(node, dict):
                    self.locations.setdefault(id(node), (uri, pointer))
        #: whether every node is read in a dialect with annotations (then no location is needed)
        self.uniform = all(
            t.dialect in _ANNOTATING and not t.embedded for t in translations.values()
        )
        refs = [
            str(node.get(keyword))
            for t in translations.values()
            for _, node in walk(t.translated)
            if isinstance(node, dict)
            for keyword in ("$ref", "$dynamicRef")
            if keyword in node
        ]
        #: ``unevaluated*`` keywords some ``$ref`` points into: kept as written
        self.pointed_into = {
            keyword for keyword in (PROPERTIES, ITEMS) if any(keyword in ref for ref in refs)
        }

    # -- places ----------------------------------------------------------------------------------
    def places(self) -> Iterator[Place]:
        """Every schema node of every translated document, with its resolver."""
        for uri, resource in self.resources.items():
            resolver = self.registry.resolver(uri).in_subresource(resource)
            stack = [Place(resource.contents, resolver, uri, "")]
            while stack:
                place = stack.pop()
                yield place
                stack.extend(self._children(place))

    def _children(self, place: Place) -> Iterator[Place]:
        for path, child in children(place.contents):
            yield self._at(place, child, pointer_join(place.pointer or "", *path))

    def _at(self, parent: Place, contents: Any, pointer: str | None) -> Place:
        resolver = parent.resolver
        if isinstance(contents, dict) and "$id" in contents:
            resolver = resolver.in_subresource(DRAFT202012.create_resource(contents))
        location = self.locations.get(id(contents)) if isinstance(contents, dict) else None
        if location is not None:
            return Place(contents, resolver, *location)
        return Place(contents, resolver, parent.uri, pointer)

    def where(self, place: Place, *path: str | int) -> str:
        """The place of a keyword in the file as written, for messages."""
        if place.uri is None or place.pointer is None:
            return "a schema a $ref leads to"
        pointer = self.translations[place.uri].original_pointer(pointer_join(place.pointer, *path))
        return pointer if place.uri == self.root_uri else f"{place.uri}#{pointer}"

    def dialect(self, place: Place) -> str | None:
        """The dialect ``place`` is read in (``None``: not known)."""
        if place.uri is None or place.pointer is None:
            return None
        translation = self.translations[place.uri]
        original = translation.original_pointer(place.pointer)
        dialect, depth = translation.dialect, -1
        for pointer, named in translation.embedded:
            inside = original == pointer or original.startswith(pointer + "/")
            if inside and len(pointer) > depth:
                dialect, depth = named, len(pointer)
        return dialect

    # -- what a keyword leaves -------------------------------------------------------------------
    def evaluated(self, place: Place, keyword: str) -> Evaluated:
        result = Evaluated()
        if keyword in self.pointed_into:
            result.blocked = (
                f"a $ref points into an {keyword}, so it is kept as written and not compared"
            )
            return result
        self._collect(place, keyword, result, None, set(), top=True)
        return result

    def _collect(
        self,
        place: Place,
        keyword: str,
        result: Evaluated,
        condition: tuple[str, str] | None,
        path: set[int],
        *,
        top: bool = False,
    ) -> None:
        contents = place.contents
        if not isinstance(contents, dict) or result.blocked is not None:
            return
        if (id(contents), condition is None) in result.seen:
            return
        result.seen.add((id(contents), condition is None))
        result.blocked = self._blocked(place, keyword)
        if result.blocked is not None:
            return
        for part in self._own(contents, keyword, top):
            if condition is None and part[0] != "contains":
                result.certain.append(part)
            else:
                at, holds = condition or (self.where(place, "contains"), _CONDITIONS["contains"])
                result.possible.append((part, at, holds))
        path = path | {id(contents)}
        for applicator, subschemas in self._in_place(contents):
            for child_path in subschemas:
                child = self._at(
                    place,
                    _get(contents, child_path),
                    None if place.pointer is None else pointer_join(place.pointer, *child_path),
                )
                inner = condition
                if inner is None and applicator != "allOf":
                    inner = (self.where(place, *child_path), _CONDITIONS[applicator])
                self._collect(child, keyword, result, inner, path)
        if "$ref" in contents and isinstance(contents["$ref"], str):
            self._follow(place, keyword, result, condition, path)

    def _blocked(self, place: Place, keyword: str) -> str | None:
        """Why what ``place`` evaluates cannot be known statically, if it cannot."""
        noun = "names" if keyword == PROPERTIES else "items"
        if not self.uniform and (dialect := self.dialect(place)) not in _ANNOTATING:
            shown = "an unknown dialect" if dialect is None else TITLES[dialect]
            return (
                f"a subschema applied in place at {self.where(place)} is read as {shown}, "
                f"which defines no {keyword}, so the evaluated {noun} are not known statically"
            )
        if "$dynamicRef" in place.contents:
            return (
                f"$dynamicRef at {self.where(place, '$dynamicRef')} is resolved in the dynamic "
                f"scope, so the {noun} its target evaluates are not known statically"
            )
        return None

    def _follow(
        self,
        place: Place,
        keyword: str,
        result: Evaluated,
        condition: tuple[str, str] | None,
        path: set[int],
    ) -> None:
        """Collect what the target of the ``$ref`` of ``place`` evaluates."""
        try:
            resolved = place.resolver.lookup(place.contents["$ref"])
        except (Unresolvable, LookupError, ValueError, TypeError):
            return  # refused with a clear message when the side is built
        target = resolved.contents
        if isinstance(target, dict) and id(target) in path:
            noun = "names" if keyword == PROPERTIES else "items"
            result.blocked = (
                f"the $ref at {self.where(place, '$ref')} leads back to the same instance "
                f"location, so the evaluated {noun} are not known statically"
            )
            return
        location = self.locations.get(id(target)) if isinstance(target, dict) else None
        uri, pointer = location if location is not None else (None, None)
        self._collect(
            Place(target, resolved.resolver, uri, pointer), keyword, result, condition, path
        )

    @staticmethod
    def _own(contents: dict[str, Any], keyword: str, top: bool) -> Iterator[Part]:
        """What the keywords of one schema object evaluate themselves."""
        if keyword == PROPERTIES:
            properties = contents.get("properties")
            if isinstance(properties, dict):
                yield from (("name", name) for name in properties)
            patterns = contents.get("patternProperties")
            if isinstance(patterns, dict):
                yield from (("pattern", pattern) for pattern in patterns)
            if "additionalProperties" in contents or (PROPERTIES in contents and not top):
                yield "all", None
            return
        prefix = contents.get("prefixItems")
        if isinstance(prefix, list) and prefix:
            yield "prefix", len(prefix)
        if "items" in contents or (ITEMS in contents and not top):
            yield "all", None
        if "contains" in contents:
            yield "contains", None

    @staticmethod
    def _in_place(contents: dict[str, Any]) -> Iterator[tuple[str, list[tuple[str | int, ...]]]]:
        """The subschemas applied in place, by keyword (``not`` contributes nothing); an
        ``anyOf``/``oneOf`` of one subschema holds wherever the schema does, as an ``allOf``."""
        for applicator in ("allOf", *_CONDITIONAL_MANY):
            value = contents.get(applicator)
            if isinstance(value, list):
                paths: list[tuple[str | int, ...]] = [
                    (applicator, index) for index in range(len(value))
                ]
                yield "allOf" if len(value) == 1 else applicator, paths
        for applicator in _CONDITIONAL_ONE:
            if applicator in contents and (applicator == "if" or "if" in contents):
                yield applicator, [(applicator,)]
        value = contents.get("dependentSchemas")
        if isinstance(value, dict):
            yield "dependentSchemas", [("dependentSchemas", name) for name in value]


def _get(contents: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        contents = contents[part]
    return contents
