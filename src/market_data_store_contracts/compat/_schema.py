r"""A side: one of the two schemas under comparison, with every resource its ``$ref``s may
reach, read as a graph of :class:`Node`\ s whose ``$ref``\ s resolve locally (``_sides`` builds
it from what ``_reading`` read)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urldefrag

from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.exceptions import PointerToNowhere, Unresolvable
from referencing.jsonschema import DRAFT202012

from .._documents.keywords import walk
from .._documents.pointers import pointer_fragment, pointer_join
from .dialects import (
    Translation,
    translated_place,
)


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
    #: instances validated so far (a comparison's work budget counts them)
    validations: int = 0

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
                return f"{base}#{pointer_fragment(place)}"
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
            key = f"{location[0]}#{pointer_fragment(location[1])}"
            schema = {"$ref": key}
        self.validations += 1
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
        except re.error:  # patternProperties keys that join into a pattern re refuses
            return False
        except Unresolvable:  # a $ref the dialect's own reading cannot resolve (an anchor
            return False  # under a keyword the dialect does not know): no verdict there

    def rejects_as_written(self, instance: Any) -> bool:
        """Whether the document as the user wrote it cleanly rejects ``instance`` (its
        validator does not merely fail to compute)."""
        if self.original_validator is None:
            return self.rejects(instance)
        if self._original is None:
            self._original = self.original_validator()
        try:
            return not self._original.is_valid(instance)
        except (OverflowError, TypeError, re.error, Unresolvable):
            return False

    @property
    def dialect(self) -> str:
        return self.translations[self.root_uri].dialect

    def original_pointer(self, pointer: str, uri: str | None = None) -> str:
        """The pointer in the user's document (or in resource ``uri``) that a pointer into
        its translation stands for."""
        translation = self.translations.get(uri or self.root_uri)
        return pointer if translation is None else translation.original_pointer(pointer)
