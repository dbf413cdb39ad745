"""Input schemas: checked once, then read as a graph of nodes whose ``$ref``s resolve locally.

A *side* is one of the two schemas under comparison, together with every resource its ``$ref``s
may reach. Everything a user can get wrong is refused here, with a :class:`ContractsError`
naming the file and the JSON pointer: a document that is not a valid schema of its dialect
(``dialects``: each document is read in the dialect it names and compared in its 2020-12
translation), a keyword of another dialect that would be ignored, an invalid
regular expression, a ``$ref`` that does not resolve (nothing is ever fetched), a ``$ref`` cycle
that never consumes any part of the instance, and nesting deeper than :data:`MAX_DEPTH`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from urllib.parse import quote, unquote, urldefrag, urlsplit

from jsonschema import Draft4Validator, Draft202012Validator, validators
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from referencing import Registry, Resource
from referencing.exceptions import PointerToNowhere, Unresolvable
from referencing.jsonschema import DRAFT202012, specification_with

from .._documents.keywords import check_depth, children, resolve_pointer, walk
from .._documents.messages import schema_error_message
from .._documents.pointers import pointer_join, pointer_token
from ..errors import ContractsError
from ._metaschema import fast_accepts, metaschema_accepts
from ._unevaluated import rewrite_unevaluated
from .dialects import (
    DEFAULT_DIALECT,
    DIALECT_URIS,
    OPENAPI_30_METASCHEMA,
    TITLES,
    VALIDATORS,
    Translation,
    crawlable,
    dialect_of,
    identifier,
    translate,
    translated_place,
)

#: Deepest JSON nesting accepted in a schema document (objects and arrays both count).
MAX_DEPTH = 1000


#: Keywords that apply a subschema to the instance itself (not to a part of it). A cycle made
#: only of these never terminates: the validator would recurse forever.
IN_PLACE_KEYWORDS = ("allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas")

_META_VALIDATORS: dict[str, Any] = {
    name: cls(cls.META_SCHEMA) for name, cls in VALIDATORS.items()
} | {"openapi-3.0": Draft4Validator(OPENAPI_30_METASCHEMA)}


def _pointer_of(path: Any) -> str:
    return pointer_join("", *path)


def read_document(
    document: Any, file: str, dialect: str | None = None, entry: bool = False
) -> Translation:
    """Read one schema document in its dialect: refuse what is not a valid schema of it (its
    own metaschema, valid regexes, no keyword of another dialect that would be ignored) and
    return its 2020-12 translation (``entry``: the document validation starts from)."""
    default = dialect or DEFAULT_DIALECT
    check_depth(document, file, MAX_DEPTH, "schema")
    try:
        translation = translate(document, file=file, default=dialect, entry=entry)
    except ContractsError:
        raise
    except (TypeError, AttributeError, ValueError):  # malformed: the metaschema says where
        _validate_metaschema(document, dialect_of(document, default, file), file, [])
        raise
    _validate_metaschema(document, translation.dialect, file, translation.embedded)
    for pointer, node in walk(translation.translated):
        if not isinstance(node, dict):
            continue
        if isinstance(node.get("pattern"), str):
            where = translation.original_pointer(pointer_join(pointer, "pattern"))
            _check_regex(node["pattern"], file, where)
        if isinstance(node.get("patternProperties"), dict):
            for regex in node["patternProperties"]:
                where = translation.original_pointer(
                    pointer_join(pointer, "patternProperties", regex)
                )
                _check_regex(regex, file, where)
    return translation


def _validate_metaschema(
    document: Any, dialect: str, file: str, embedded: list[tuple[str, str]]
) -> None:
    """Validate against the dialect's metaschema; each embedded resource that names another
    dialect is validated against that one's (and left out of its parent's validation)."""
    parts = [("", dialect), *embedded]
    for pointer, name in parts:
        contents = resolve_pointer(document, pointer)
        inner = [p.removeprefix(pointer) for p, _ in embedded if p.startswith(pointer + "/")]
        instance = _without(contents, inner)
        if fast_accepts(instance, name) or (name == "2020-12" and metaschema_accepts(instance)):
            continue  # the fast paths; the real metaschema is asked only to name an error
        error = best_match(_META_VALIDATORS[name].iter_errors(instance))
        if error is not None:
            message = schema_error_message(error)
            message = message if len(message) <= 200 else message[:197] + "..."
            raise ContractsError(
                file,
                f"is not a valid {TITLES[name]}: {message}",
                pointer + _pointer_of(error.absolute_path),
            )


def _without(document: Any, pointers: list[str]) -> Any:
    """A copy of ``document`` along the paths to ``pointers`` with ``{}`` at each of them."""
    if not pointers:
        return document
    if "" in pointers:
        return {}
    result = copy.copy(document)
    heads: dict[str, list[str]] = {}
    for pointer in pointers:
        head, _, rest = pointer[1:].partition("/")
        heads.setdefault(head, []).append("/" + rest if rest else "")
    for escaped, rests in heads.items():
        token = pointer_token(escaped)
        key: Any = int(token) if isinstance(result, list) else token
        result[key] = _without(result[key], rests)
    return result


def _check_regex(regex: str, file: str, pointer: str) -> None:
    try:
        re.compile(regex)
    except re.error as error:
        raise ContractsError(
            file, f"has an invalid regular expression {regex!r}: {error}", pointer
        ) from None


_OTHER_NAME_KEYWORDS = frozenset(
    {"additionalProperties", "patternProperties", "unevaluatedProperties"}
)
#: In-place keywords through which one object schema is composed of others.
_COMPOSING_KEYWORDS = ("allOf", "anyOf", "oneOf")


def _declares_properties(contents: Any) -> bool:
    return isinstance(contents, dict) and isinstance(contents.get("properties"), dict)


def close_side(side: Side, composition: dict[int, list[Any]]) -> None:
    """Read the side's open objects as closed, the view of what a model actually emits.

    An object schema that declares ``properties`` and says nothing about other names (no
    ``additionalProperties``, ``patternProperties`` or ``unevaluatedProperties``) gets
    ``additionalProperties: false``. Composition is respected the way ``unevaluatedProperties``
    would: names declared by the schemas it is composed of in place (``allOf``/``anyOf``/
    ``oneOf`` members and ``$ref`` targets, transitively) stay allowed (added as ``true``
    properties), and those composed schemas are not closed on their own. So an extension
    ``{"allOf": [{"$ref": core}], "properties": {"reason": ...}}`` closes to "Core's names plus
    reason". A schema that is composed somewhere and also used on its own stays open (a
    documented approximation that only ever allows more).
    """
    composed: set[int] = set()
    stack = [key for key, contents in side.contents_by_id.items() if _declares_properties(contents)]
    while stack:
        for successor in composition.get(stack.pop(), ()):
            if id(successor) not in composed:
                composed.add(id(successor))
                stack.append(id(successor))
    for key, contents in list(side.contents_by_id.items()):
        if (
            key in composed
            or not _declares_properties(contents)
            or _OTHER_NAME_KEYWORDS & contents.keys()
        ):
            continue
        inherited: dict[str, None] = {}
        seen = {key}
        pending = list(composition.get(key, ()))
        while pending:
            member = pending.pop()
            if id(member) in seen:
                continue
            seen.add(id(member))
            if _declares_properties(member):
                inherited.update(dict.fromkeys(member["properties"]))
            pending.extend(composition.get(id(member), ()))
        properties = contents["properties"]
        for name in inherited:
            properties.setdefault(name, True)
        contents["additionalProperties"] = False


@dataclass(frozen=True, eq=False)
class Node:
    """One schema node of a side, with what is needed to follow its ``$ref`` and report it."""

    contents: Any
    resolver: Any  # referencing.Resolver[Any]; Any because referencing's generics are invariant
    #: JSON pointer into the user's document (for nodes of other resources: the ``$ref`` site).
    pointer: str
    #: Whether the node lies in the user's document (then ``pointer`` is its own location).
    internal: bool

    @property
    def key(self) -> int:
        return id(self.contents) if isinstance(self.contents, dict) else int(bool(self.contents))

    def get(self, keyword: str, default: Any = None) -> Any:
        if isinstance(self.contents, dict):
            return self.contents.get(keyword, default)
        return default


@dataclass
class Side:
    """One schema under comparison and the registry its ``$ref``s resolve in."""

    file: str
    label: str
    closed: bool
    document: Any
    registry: Registry[Any]
    root_uri: str
    #: id(dict) of every schema node of every resource -> (resource URI, pointer in it)
    locations: dict[int, tuple[str, str]] = field(default_factory=dict)
    _validators: dict[str, Draft202012Validator] = field(default_factory=dict)
    _refs: dict[int, Node] = field(default_factory=dict)
    root: Node | None = None
    #: every schema object reachable from the root, by id
    contents_by_id: dict[int, Any] = field(default_factory=dict)
    #: resource URI -> how that document was read (the root document under ``root_uri``)
    translations: dict[str, Translation] = field(default_factory=dict)
    #: builds a validator of the user's original document in its own dialect (on first use;
    #: OpenAPI 3.0: its translation read with a lexical ``integer``); ``None`` where witnesses
    #: are verified on the 2020-12 translation (closed views, OpenAPI mixed with JSON Schema)
    original_validator: Callable[[], Any] | None = None
    #: (id of a schema object, ``unevaluated*`` keyword) -> why it stays undecided
    unevaluated_reasons: dict[tuple[int, str], str] = field(default_factory=dict)
    _original: Any = None

    # -- nodes ---------------------------------------------------------------------------------
    def child(self, parent: Node, *path: str | int) -> Node:
        contents: Any = parent.contents
        for part in path:
            contents = contents[part]
        resolver = parent.resolver
        if isinstance(contents, dict) and "$id" in contents:
            resolver = resolver.in_subresource(DRAFT202012.create_resource(contents))
        return Node(contents, resolver, *self._report_pointer(contents, parent, path))

    def _report_pointer(
        self, contents: Any, parent: Node, path: tuple[str | int, ...]
    ) -> tuple[str, bool]:
        if isinstance(contents, dict):
            location = self.locations.get(id(contents))
            if location is not None and location[0] == self.root_uri:
                return location[1], True
        if parent.internal:
            return pointer_join(parent.pointer, *path), True
        return parent.pointer, False

    def synthetic(self, contents: Any, at: Node) -> Node:
        """A node made up by the checker (e.g. ``{"type": "string"}`` for property names)."""
        return Node(contents, at.resolver, at.pointer, at.internal)

    def follow(self, node: Node) -> Node:
        """The node a ``$ref`` points to (checked to resolve when the side was built)."""
        cached = self._refs.get(id(node.contents))
        if cached is not None:
            return cached
        ref = self._as_translated(node, node.contents["$ref"])
        if ref != node.contents["$ref"]:  # validators of the translation follow it too
            node.contents["$ref"] = ref
        resolved = node.resolver.lookup(ref)
        contents = resolved.contents
        location = self.locations.get(id(contents)) if isinstance(contents, dict) else None
        if location is not None and location[0] == self.root_uri:
            target = Node(contents, resolved.resolver, location[1], True)
        else:
            target = Node(contents, resolved.resolver, node.pointer, False)
        self._refs[id(node.contents)] = target
        return target

    def _as_translated(self, node: Node, ref: str) -> str:
        """``ref``, its JSON pointer into another document made a pointer into that document's
        translation (``other.json#/items/0`` of a draft-07 document: ``#/prefixItems/0``)."""
        base, fragment = urldefrag(ref)
        if not base or not fragment.startswith("/"):
            return ref  # "#/..." was translated with its document; anchors keep their names
        document = node.resolver.lookup(base).contents
        for uri, translation in self.translations.items():
            if translation.translated is document:
                known = len(translation.origins)
                file = self.file if uri == self.root_uri else uri
                place = translated_place(translation, unquote(fragment), file)
                if place is None:  # nothing there as written, whatever the translation has
                    resource = DRAFT202012.create_resource(document)
                    raise PointerToNowhere(ref=unquote(fragment), resource=resource)  # type: ignore[call-arg]
                if len(translation.origins) != known:  # a place translated just now
                    for pointer, value in walk(document):
                        if isinstance(value, dict):
                            self.locations.setdefault(id(value), (uri, pointer))
                return f"{base}#{quote(place, safe=_POINTER_SAFE)}"
        return ref

    # -- validation ----------------------------------------------------------------------------
    def is_valid(self, node: Node, instance: Any) -> bool:
        """Whether ``node`` accepts ``instance``; an instance the validator cannot compute with
        (``jsonschema`` raises OverflowError on e.g. 10**400 against ``multipleOf: 0.5``) is not
        accepted."""
        return self.verdict(node, instance) is True

    def verdict(self, node: Node, instance: Any) -> bool | None:
        """``is_valid``, with ``None`` where the validator fails to compute."""
        contents = node.contents
        if isinstance(contents, bool):
            return contents
        location = self.locations.get(id(contents))
        if location is None:  # synthetic: plain keywords, no $ref
            key = f"synthetic:{id(contents)}"
            schema: Any = contents
        else:
            key = f"{location[0]}#{quote(location[1], safe=_POINTER_SAFE)}"
            schema = {"$ref": key}
        validator = self._validators.get(key)
        if validator is None:
            validator = Draft202012Validator(schema, registry=self.registry)
            self._validators[key] = validator
        try:
            return bool(validator.is_valid(instance))
        except OverflowError:
            return None

    def accepts(self, instance: Any) -> bool:
        assert self.root is not None
        return self.is_valid(self.root, instance)

    def rejects(self, instance: Any) -> bool:
        """Whether the validator rejects ``instance`` (not merely fails to compute)."""
        assert self.root is not None
        return self.verdict(self.root, instance) is False

    def accepts_as_written(self, instance: Any) -> bool:
        """Whether the document as the user wrote it, read in its own dialect, accepts
        ``instance`` (on the translation where no such validator is built)."""
        if self.original_validator is None:
            return self.accepts(instance)
        if self._original is None:
            self._original = self.original_validator()
        try:
            return bool(self._original.is_valid(instance))
        except OverflowError:  # e.g. 10**400 % 0.5: jsonschema's arithmetic gives up
            return False
        except TypeError:  # jsonschema 4.26 takes len() of a boolean 2019-09 items there
            return False

    def rejects_as_written(self, instance: Any) -> bool:
        """Whether the document as the user wrote it cleanly rejects ``instance`` (its
        validator does not merely fail to compute)."""
        if self.original_validator is None:
            return self.rejects(instance)
        if self._original is None:
            self._original = self.original_validator()
        try:
            return not self._original.is_valid(instance)
        except (OverflowError, TypeError):
            return False

    @property
    def dialect(self) -> str:
        return self.translations[self.root_uri].dialect

    def original_pointer(self, pointer: str, uri: str | None = None) -> str:
        """The pointer in the user's document (or in resource ``uri``) that a pointer into
        its translation stands for."""
        translation = self.translations.get(uri or self.root_uri)
        return pointer if translation is None else translation.original_pointer(pointer)


_POINTER_SAFE = "/~!$&'()*+,;=:@"


def _resources_of(registry: Registry[Any] | None) -> list[tuple[str, Resource[Any]]]:
    if registry is None:
        return []
    return [(uri, registry[uri]) for uri in registry]


def _declaring(document: Any, dialect: str, throughout: bool = False) -> Any:
    """``document`` with its dialect named by ``$schema``, so that a validator reads it (and
    any ``$ref`` into it) in that dialect; ``throughout``: in each of its subschemas too (a
    resource that ``$ref``s from a document of another dialect may point into)."""
    uri = DIALECT_URIS[dialect]
    document = crawlable(document, uri if throughout else None)
    if not isinstance(document, dict) or "$schema" in document or uri is None:
        return document
    return {"$schema": uri, **document}


def build_side(
    document: Any,
    *,
    file: str,
    label: str,
    closed: bool,
    registry: Registry[Any] | None,
    dialect: str | None = None,
) -> Side:
    """Check one input schema and everything it references; raise ContractsError otherwise.

    Each document (``document`` and each registry resource) is read in its own dialect (its
    ``$schema``, else ``dialect``, else 2020-12) and compared in its 2020-12 translation.
    """
    translation = read_document(document, file, dialect, entry=True)
    translated = translation.translated
    root_uri = f"urn:market-data-store-contracts:compat:{label}"
    if isinstance(translated, dict) and isinstance(translated.get("$id"), str):
        root_uri = urldefrag(translated["$id"]).url or root_uri
    resources: list[tuple[str, Resource[Any]]] = []
    originals: list[tuple[str, Resource[Any]]] = []
    translations = {root_uri: translation}
    for uri, resource in _resources_of(registry):
        if uri == root_uri:
            continue
        read = read_document(resource.contents, uri, dialect)
        translations[uri] = read
        resources.append((uri, DRAFT202012.create_resource(read.translated)))
        if read.dialect != "openapi-3.0":
            original = _declaring(read.original, read.dialect, read.dialect != translation.dialect)
            spec = specification_with(str(DIALECT_URIS[read.dialect]))
            originals.append((uri, spec.create_resource(original)))
    unevaluated_reasons = rewrite_unevaluated(translations, root_uri)
    root_resource = DRAFT202012.create_resource(translated)
    fresh: Registry[Any] = Registry()  # its retrieve refuses: nothing is ever fetched
    fresh = fresh.with_resources(resources).with_resource(root_uri, root_resource).crawl()
    side = Side(
        file=file,
        label=label,
        closed=closed,
        document=translated,
        registry=fresh,
        root_uri=root_uri,
        translations=translations,
        unevaluated_reasons=unevaluated_reasons,
    )
    side.root = Node(translated, fresh.resolver(root_uri).in_subresource(root_resource), "", True)
    _index(side, root_uri, translated)
    for uri, resource in resources:
        _index(side, uri, resource.contents)
    composition = _check_references(side)
    if closed:
        close_side(side, composition)
    elif translation.dialect != "openapi-3.0" and all(
        read.dialect != "openapi-3.0" for read in translations.values()
    ):
        side.original_validator = partial(_original_validator, translation, root_uri, originals)
    elif all(read.dialect == "openapi-3.0" for read in translations.values()):
        side.original_validator = partial(OpenAPI30Validator, {"$ref": root_uri}, registry=fresh)
    return side


#: How OpenAPI 3.0 reads the 2020-12 translation of a Schema Object: with draft-04's lexical
#: ``integer`` (a number written without a fraction or exponent; ``1.0`` is none), which is
#: the one reading no 2020-12 keyword expresses.
OpenAPI30Validator: type[Validator] = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator, type_checker=Draft4Validator.TYPE_CHECKER
)


def _original_validator(
    translation: Translation,
    root_uri: str,
    originals: list[tuple[str, Resource[Any]]],
) -> Any:
    """A validator of the user's own document in its own dialect (``$ref``s into resources of
    other dialects switch to theirs)."""
    document = _declaring(translation.original, translation.dialect)
    spec = specification_with(str(DIALECT_URIS[translation.dialect]))
    root = spec.create_resource(document)
    registry: Registry[Any] = Registry()
    registry = registry.with_resources(originals)
    if identifier(translation.original, translation.dialect) is None:
        registry = registry.with_resource(root_uri, root)
    cls = VALIDATORS[translation.dialect]
    return cls(document, registry=registry.crawl())


def _index(side: Side, uri: str, document: Any) -> None:
    for pointer, node in walk(document):
        if isinstance(node, dict):
            side.locations.setdefault(id(node), (uri, pointer))


def _check_references(side: Side) -> dict[int, list[Any]]:
    """Resolve every ``$ref`` reachable from the root, and refuse cycles that never descend."""
    assert side.root is not None
    # in-place successors of each node, for cycle detection: id -> list of (node, edge pointer)
    edges: dict[int, list[tuple[Node, str]]] = {}
    nodes: dict[int, Node] = {}
    composition: dict[int, list[Any]] = {}
    # a $dynamicRef may land on any schema with the $dynamicAnchor its fragment names (which one
    # depends on the dynamic scope): every such schema counts as an in-place successor
    dynamic_refs: list[tuple[Node, str]] = []
    anchors: dict[str, list[Node]] = {}
    stack = [side.root]
    while stack:
        node = stack.pop()
        if not isinstance(node.contents, dict) or id(node.contents) in nodes:
            continue
        nodes[id(node.contents)] = node
        side.contents_by_id[id(node.contents)] = node.contents
        successors: list[tuple[Node, str]] = []
        members: list[Any] = []
        for path, _value in children(node.contents):
            child = side.child(node, *path)
            stack.append(child)
            if path[0] in IN_PLACE_KEYWORDS:
                successors.append((child, _where(side, node, path)))
            if path[0] in _COMPOSING_KEYWORDS and isinstance(child.contents, dict):
                members.append(child.contents)
        if "$ref" in node.contents:
            target = _resolve(side, node)
            stack.append(target)
            successors.append((target, _where(side, node, ("$ref",))))
            if isinstance(target.contents, dict):
                members.append(target.contents)
        if isinstance(node.contents.get("$dynamicRef"), str):
            dynamic_refs.append((node, urldefrag(node.contents["$dynamicRef"])[1]))
        if isinstance(node.contents.get("$dynamicAnchor"), str):
            anchors.setdefault(node.contents["$dynamicAnchor"], []).append(node)
        edges[id(node.contents)] = successors
        composition[id(node.contents)] = members
    for node, name in dynamic_refs:
        where = _where(side, node, ("$dynamicRef",))
        edges[id(node.contents)].extend((target, where) for target in anchors.get(name, ()))
    _refuse_cycles(side, edges)
    return composition


def _where(side: Side, node: Node, path: tuple[str | int, ...]) -> str:
    """The pointer of a keyword in the user's document or resource, for error messages."""
    location = side.locations.get(id(node.contents))
    if location is None:
        return side.original_pointer(pointer_join(node.pointer, *path))
    return side.original_pointer(pointer_join(location[1], *path), location[0])


def _file_and_pointer(side: Side, node: Node, *path: str | int) -> tuple[str, str]:
    location = side.locations.get(id(node.contents))
    if location is None or location[0] == side.root_uri:
        return side.file, side.original_pointer(pointer_join(node.pointer, *path))
    return location[0], side.original_pointer(pointer_join(location[1], *path), location[0])


_REF_HINT = "add the document to the registry (store-contracts compat --ref FILE)"


def _resolve(side: Side, node: Node) -> Node:
    ref = node.contents["$ref"]
    file, pointer = _file_and_pointer(side, node, "$ref")
    try:
        return side.follow(node)
    except PointerToNowhere:
        base, fragment = urldefrag(ref)
        if not base:
            raise ContractsError(file, f"$ref {ref!r} does not resolve", pointer) from None
        raise ContractsError(
            file, f"$ref {ref!r} does not resolve: no {unquote(fragment)!r} in {base}", pointer
        ) from None
    except Unresolvable:
        if urlsplit(ref).scheme in {"http", "https", "file", "ftp"}:
            raise ContractsError(
                file,
                f"$ref {ref!r} points to a remote document that is not in the registry; "
                "nothing is fetched",
                pointer,
                hint=_REF_HINT,
            ) from None
        if urlsplit(ref).scheme:  # urn:, tag: ... name a document, never fetched either
            raise ContractsError(
                file,
                f"$ref {ref!r} names a document that is not in the registry",
                pointer,
                hint=_REF_HINT,
            ) from None
        raise ContractsError(file, f"$ref {ref!r} does not resolve", pointer) from None
    except (ValueError, LookupError, TypeError) as error:
        raise ContractsError(file, f"$ref {ref!r} does not resolve: {error}", pointer) from None


def _refuse_cycles(side: Side, edges: dict[int, list[tuple[Node, str]]]) -> None:
    """Iterative depth-first search over in-place edges; a back edge is a cycle."""
    state: dict[int, int] = {}  # 1 = on the stack, 2 = done
    for start in list(edges):
        if state.get(start):
            continue
        state[start] = 1
        stack: list[tuple[int, Iterator[tuple[Node, str]]]] = [(start, iter(edges[start]))]
        while stack:
            current, successors = stack[-1]
            advanced = False
            for successor, where in successors:
                key = id(successor.contents)
                if not isinstance(successor.contents, dict) or key not in edges:
                    continue
                if state.get(key) == 1:
                    location = side.locations.get(current)
                    file = (
                        side.file
                        if location is None or location[0] == side.root_uri
                        else location[0]
                    )
                    raise ContractsError(
                        file,
                        "$ref cycle never reaches a keyword that consumes part of the instance "
                        "(no base case), so no validator could terminate",
                        where,
                    )
                if not state.get(key):
                    state[key] = 1
                    stack.append((key, iter(edges[key])))
                    advanced = True
                    break
            if not advanced:
                state[current] = 2
                stack.pop()
