"""The lexical integer of draft-04 and OpenAPI 3.0.

Draft-04 and OpenAPI 3.0 define "integer" as a JSON number written without a fraction or
exponent part: ``1.0`` and ``1e2`` are numbers there, not integers. From draft-06 on (and in the
translation) an integer is any number with a zero fractional part. The two readings differ
only on integral numbers written with a fraction or exponent (in Python: integral floats).
No 2020-12 schema says that, so the translation reads it as 2020-12 ``integer`` (a superset);
this module tells where the difference could make "compatible" false.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

from ..._documents.keywords import resolve_pointer
from ..._documents.pointers import pointer_join, pointer_token
from ._identity import dialect_of_uri, identifier
from ._translation import Translation
from ._vocabularies import LEGACY_REF, LEXICAL_INTEGER, subschemas

#: how many schema nodes the fraction test visits before it gives up (answers "may")
_FRACTION_BUDGET = 20_000


def _is_lexical_integer_type(value: Any) -> bool:
    types = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return "integer" in types and "number" not in types


def lexical_integers(translation: Translation) -> list[str]:
    """Pointers (in the document as written) of each ``type`` that a draft-04 or OpenAPI 3.0
    reading makes lexical: it names ``integer`` and not ``number``, so it rejects ``1.0``."""
    found: list[str] = []
    for node, readings, pointer in _schema_nodes(translation):
        if readings & LEXICAL_INTEGER and _is_lexical_integer_type(node.get("type")):
            found.append(pointer_join(pointer, "type"))
    return sorted(found)


def negates(translation: Translation) -> bool:
    """Whether the document uses ``not`` or ``oneOf`` (where rejecting an instance in one
    subschema can make the schema accept it)."""
    return any("not" in node or "oneOf" in node for node, _, _ in _schema_nodes(translation))


def _schema_nodes(
    translation: Translation,
) -> Iterator[tuple[dict[str, Any], frozenset[str], str]]:
    """Each schema object of a document as written, with the dialects it may be read in (a
    ``$schema`` below the root without an identifier is read in its dialect here, but some
    validators keep the enclosing one: both count). The target of each local ``$ref`` counts
    too, wherever it lies (e.g. among the ignored siblings of a ``$ref``)."""
    root = translation.original
    pending = [(root, frozenset({translation.dialect}), "", root)]
    seen: set[tuple[int, frozenset[str]]] = set()
    while pending:
        node, readings, pointer, resource = pending.pop()
        if not isinstance(node, dict) or (id(node), readings) in seen:
            continue
        seen.add((id(node), readings))
        named = dialect_of_uri(node.get("$schema"))
        readings = readings if named is None else readings | {named}
        if node is not root and any(isinstance(node.get(key), str) for key in ("id", "$id")):
            resource = node
        yield node, readings, pointer
        ref = node.get("$ref")
        if isinstance(ref, str) and (ref == "#" or ref.startswith("#/")):
            for document in {id(root): root, id(resource): resource}.values():
                try:
                    target = resolve_pointer(document, unquote(ref[1:]))
                except LookupError:
                    continue
                place = unquote(ref[1:]) if document is root else pointer
                pending.append((target, readings | {translation.dialect}, place, resource))
        if "$ref" in node and readings <= LEGACY_REF:  # its siblings are ignored
            node = {key: node[key] for key in ("definitions", "$defs") if key in node}
        pending.extend(
            (child, readings, pointer + suffix, resource) for suffix, child in subschemas(node)
        )


def _integral_number_in(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    if isinstance(value, float):
        return value.is_integer()
    if isinstance(value, list):
        return any(_integral_number_in(item) for item in value)
    if isinstance(value, dict):
        return any(_integral_number_in(item) for item in value.values())
    return False


def may_accept_written_fraction(translation: Translation) -> bool:
    """Whether the document as written may accept an instance holding, anywhere, an integral
    number written with a fraction or exponent (``1.0``, ``1e2``, ``-0.0``). ``False`` only when
    that is proven by its structure: every place an instance can reach admits no ``number``
    type, no ``integer`` type outside draft-04 and OpenAPI 3.0, no untyped schema and no
    ``enum``/``const`` holding an integral number (a ``not`` or a condition is read as
    admitting everything its siblings admit; a ``$ref`` other than a local JSON pointer admits
    everything)."""
    original = translation.original
    return _FractionTest().may(original, translation.dialect, original, frozenset())


#: a place in an instance: member names, and ``ANY_ITEM`` for any item of an array
Location = tuple[str | None, ...]
ANY_ITEM = None
#: pointer steps into a subschema that stays at the same place of the instance
_SAME_PLACE = frozenset({"allOf", "anyOf", "oneOf", "not", "dependencies"})


def lexical_locations(translation: Translation) -> list[Location] | None:
    """The places of an instance where the document evaluates a lexical ``integer``
    (see :func:`lexical_integers`); ``None`` where that is not plain from the document: it
    uses ``$ref``, or such a ``type`` lies below a keyword other than ``properties``,
    ``items``, ``additionalItems`` or an applicator."""
    if any(
        keyword in node
        for node, _, _ in _schema_nodes(translation)
        for keyword in ("$ref", "$dynamicRef", "$recursiveRef")
    ):
        return None
    locations: list[Location] = []
    for pointer in lexical_integers(translation):
        tokens = [pointer_token(token) for token in pointer.split("/")[1:-1]]
        location: list[str | None] = []
        while tokens:
            keyword = tokens.pop(0)
            if keyword == "properties" and tokens:
                location.append(tokens.pop(0))
            elif keyword in {"items", "additionalItems", "prefixItems"}:
                location.append(ANY_ITEM)
                if tokens and tokens[0].isdigit():
                    tokens.pop(0)
            elif keyword in _SAME_PLACE and (keyword == "not" or tokens):
                if keyword != "not":
                    tokens.pop(0)
            else:
                return None
        locations.append(tuple(location))
    return sorted(set(locations), key=repr)


def may_accept_written_fraction_at(translation: Translation, location: Location) -> bool:
    """Whether the document as written may accept an instance holding, at ``location`` or
    below, an integral number written with a fraction or exponent (as
    :func:`may_accept_written_fraction`, which asks it of every place)."""
    original = translation.original
    return _FractionTest().may_at(original, translation.dialect, original, location, frozenset())


class _FractionTest:
    """The structural test of :func:`may_accept_written_fraction` (``True``: may accept)."""

    def __init__(self) -> None:
        self.budget = _FRACTION_BUDGET

    def may(  # noqa: PLR0911  one answer per way a schema admits or excludes
        self, node: Any, dialect: str, document: Any, path: frozenset[int]
    ) -> bool:
        self.budget -= 1
        if self.budget < 0:
            return True  # too large to look through: it may
        if isinstance(node, bool):
            return node
        if not isinstance(node, dict) or "$dynamicRef" in node or "$recursiveRef" in node:
            return True
        if id(node) in path:
            return False  # a finite instance never needs to pass the same schema twice
        path = path | {id(node)}
        dialect, document = _enter(node, dialect, document)
        if "$ref" in node:  # its siblings can only narrow (or are ignored): left out
            return self._ref(node["$ref"], dialect, document, path)
        if self._values_exclude(node):
            return False
        for keyword, combine in (("allOf", all), ("anyOf", any), ("oneOf", any)):
            branches = node.get(keyword)
            if isinstance(branches, list) and not combine(
                self.may(item, dialect, document, path) for item in branches
            ):
                return False
        kinds = node.get("type")
        if not isinstance(kinds, str | list):
            return True
        types = {kinds} if isinstance(kinds, str) else set(kinds)
        if "number" in types or ("integer" in types and dialect not in LEXICAL_INTEGER):
            return True
        return any(self.may(child, dialect, document, path) for child in _children(node, types))

    def may_at(  # noqa: PLR0911, PLR0912  one answer per way a schema admits or excludes
        self,
        node: Any,
        dialect: str,
        document: Any,
        location: Location,
        path: frozenset[tuple[int, int]],
    ) -> bool:
        """:meth:`may`, for the part of an instance at ``location`` (and below it)."""
        if not location:
            return self.may(node, dialect, document, frozenset())
        self.budget -= 1
        if self.budget < 0 or not isinstance(node, dict | bool):
            return True
        if isinstance(node, bool):
            return node
        if any(key in node for key in ("$dynamicRef", "$recursiveRef", "patternProperties")):
            return True
        if (id(node), len(location)) in path:
            return False  # a finite instance never needs to pass the same schema twice
        path = path | {(id(node), len(location))}
        dialect, document = _enter(node, dialect, document)
        if "$ref" in node:
            target = self._target(node["$ref"], document)
            return target is None or self.may_at(target, dialect, document, location, path)
        if self._values_exclude(node):
            return False
        for keyword, combine in (("allOf", all), ("anyOf", any), ("oneOf", any)):
            branches = node.get(keyword)
            if isinstance(branches, list) and not combine(
                self.may_at(item, dialect, document, location, path) for item in branches
            ):
                return False
        step, rest = location[0], location[1:]
        kinds = node.get("type")
        if isinstance(kinds, str | list):
            types = {kinds} if isinstance(kinds, str) else set(kinds)
            if ("array" if step is ANY_ITEM else "object") not in types:
                return False
        if step is ANY_ITEM:
            children = _children(node, {"array"})
        elif isinstance(node.get("properties"), dict) and step in node["properties"]:
            children = [node["properties"][step]]
        else:
            children = [node.get("additionalProperties", True)]
        return any(self.may_at(child, dialect, document, rest, path) for child in children)

    def _ref(self, ref: Any, dialect: str, document: Any, path: frozenset[int]) -> bool:
        target = self._target(ref, document)
        return target is None or self.may(target, dialect, document, path)

    @staticmethod
    def _target(ref: Any, document: Any) -> Any:
        """The schema a local JSON-pointer ``$ref`` names (``None``: another kind of ``$ref``,
        one that does not resolve here, or no ``document`` to resolve it in)."""
        if document is None or not isinstance(ref, str) or not (ref == "#" or ref.startswith("#/")):
            return None
        try:
            return resolve_pointer(document, unquote(ref[1:]))
        except LookupError:
            return None

    @staticmethod
    def _values_exclude(node: dict[str, Any]) -> bool:
        """Whether an ``enum`` or ``const`` holds no integral number, at any depth."""
        return any(
            keyword in node
            and not _integral_number_in(node[keyword] if keyword == "enum" else [node[keyword]])
            for keyword in ("enum", "const")
        )


def _enter(node: dict[str, Any], dialect: str, document: Any) -> tuple[str, Any]:
    """The dialect ``node`` is read in (``"mixed"`` where it names another one than its
    parent: then none of draft-04's readings is relied on) and the document its ``"#/..."``
    refs resolve in (``None`` where that depends on the reading)."""
    named = dialect_of_uri(node.get("$schema"))
    if named is not None and named != dialect:
        dialect = "mixed"
    if node is not document and any(isinstance(node.get(key), str) for key in ("id", "$id")):
        own = dialect != "mixed" and identifier(node, dialect) is not None
        document = node if own else None  # "#/..." in here is relative to this resource
    return dialect, document


def _children(node: dict[str, Any], types: set[Any]) -> list[Any]:
    """The subschemas the members or items of an instance of ``types`` reach (``True`` where
    nothing closes them)."""
    children: list[Any] = []
    if "object" in types:
        for keyword in ("properties", "patternProperties"):
            if isinstance(node.get(keyword), dict):
                children.extend(node[keyword].values())
        children.append(node.get("additionalProperties", True))
    if "array" in types:
        items = node.get("items", True)
        children.extend(items if isinstance(items, list) else [items])
        prefix = node.get("prefixItems")
        children.extend(prefix if isinstance(prefix, list) else [])
        if isinstance(items, list):
            children.append(node.get("additionalItems", True))
    return children
