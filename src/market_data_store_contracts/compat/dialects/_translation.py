"""A document read in its dialect and written as 2020-12 (:func:`translate`), with the way back
from every place of the translation to the document as written."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from ..._documents.keywords import resolve_pointer
from ..._documents.pointers import pointer_fragment, pointer_join, pointer_token
from ._identity import DEFAULT_DIALECT, dialect_of
from ._translator import Translator
from ._vocabularies import subschema_places


@dataclass
class Translation:
    """A document read in its dialect and written as 2020-12, with the way back."""

    dialect: str
    original: Any
    translated: Any
    #: pointer in the translated document -> pointer in the original, for every schema node
    #: and every renamed keyword
    origins: dict[str, str] = field(default_factory=dict)
    #: (pointer in the original, keyword) of keywords no dialect defines
    unknown: list[tuple[str, str]] = field(default_factory=list)
    #: (pointer in the original, message): readings worth telling, e.g. an OpenAPI
    #: ``nullable: true`` that the specification gives no effect
    notes: list[tuple[str, str]] = field(default_factory=list)
    #: (pointer in the original, dialect) of embedded resources that name another dialect
    embedded: list[tuple[str, str]] = field(default_factory=list)
    #: pointer in the original -> its first place in the translation (``origins`` reversed,
    #: built on demand by :func:`translated_place`)
    places: dict[str, str] = field(default_factory=dict)

    def original_pointer(self, pointer: str) -> str:
        """The pointer in the user's document that a pointer into the translation stands for."""
        rest: list[str] = []
        current = pointer
        while True:
            origin = self.origins.get(current)
            if origin is not None:
                return origin + "".join(f"/{token}" for token in reversed(rest))
            if not current:
                return pointer
            head, _, token = current.rpartition("/")
            rest.append(token)
            current = head


def translate(document: Any, *, file: str, default: str | None, entry: bool = False) -> Translation:
    """Read ``document`` in its dialect and write it as 2020-12.

    The dialect is the one its ``$schema`` names, else ``default``, else 2020-12: then it is a
    guess, and a keyword beside a ``$ref`` (applied since 2019-09, ignored before) is refused
    rather than guessed. ``entry``: the document is where validation starts (not a resource
    it refers to). Refuses (``ContractsError``) a ``$schema`` no dialect here names and
    a keyword the reading dialect does not define but another does. ``$ref``s into places that
    are no schema keyword (``#/components/schemas/X``) are translated too.
    """
    dialect = dialect_of(document, default or DEFAULT_DIALECT, file)
    translator = Translator(file, guess=default is None, entry=entry)
    translated = translator.node(document, dialect, "", "", True)
    translator.recursive = _recursive_root(document)  # places outside schema keywords
    _translate_referenced(translator, document, translated, dialect)
    return Translation(
        dialect=dialect,
        original=document,
        translated=translated,
        origins=translator.origins,
        unknown=translator.unknown,
        notes=translator.notes,
        embedded=translator.embedded,
    )


def _translate_referenced(
    translator: Translator, original: Any, translated: Any, dialect: str
) -> None:
    """Point local ``#/...`` ``$ref``s at the translated place of their target (``#/items/0``
    becomes ``#/prefixItems/0``), and translate targets that lie outside every schema keyword
    (``#/components/schemas/X``: the walk above copied them as plain data)."""
    pending = list(translator.refs)
    moved: dict[str, str] | None = None
    while pending:
        here = pending.pop()
        holder = resolve_pointer(translated, here)
        ref = holder.get("$ref")
        if not isinstance(ref, str) or not ref.startswith("#/"):
            continue
        pointer = unquote(ref[1:])
        if pointer in translator.done:
            if moved is None:  # the first translated place of each original one
                moved = {}
                for place, origin in translator.origins.items():
                    moved.setdefault(origin, place)
            target = moved.get(pointer, pointer)
            if target != pointer:
                holder["$ref"] = "#" + pointer_fragment(target)
            continue
        try:
            source = resolve_pointer(original, pointer)
            parent = resolve_pointer(translated, pointer.rpartition("/")[0])
        except LookupError:
            continue  # reported as unresolvable when the side is built
        token = pointer_token(pointer.rpartition("/")[2])
        if not isinstance(parent, dict) or token not in parent:
            continue
        before = len(translator.refs)
        parent[token] = translator.node(source, dialect, pointer, pointer, False)
        pending.extend(translator.refs[before:])
        moved = None


def translated_place(translation: Translation, pointer: str, file: str) -> str | None:
    """The place in ``translation.translated`` of what stands at ``pointer`` in the document as
    written (a ``$ref`` from another document names the place as written: ``#/items/0`` of a
    draft-07 document is ``#/prefixItems/0`` in its translation, ``#/dependencies/a`` is under
    ``dependentSchemas``). A schema there that the translation copied as plain data (it lies
    outside every schema keyword, e.g. ``#/components/schemas/X``) is translated first, in the
    document's dialect. ``None`` where ``pointer`` names nothing in the document."""
    if len(translation.places) != len(translation.origins):
        translation.places = {}
        for place, origin in translation.origins.items():
            translation.places.setdefault(origin, place)
    if pointer in translation.places:
        return translation.places[pointer]
    head, _, token = pointer.rpartition("/")
    parent = translated_place(translation, head, file) if pointer else None
    holder = None if parent is None else resolve_pointer(translation.translated, parent)
    key: Any = pointer_token(token)
    if isinstance(holder, list) and key.isdigit() and int(key) < len(holder):
        key = int(key)
    elif not isinstance(holder, dict) or key not in holder:
        return None
    assert parent is not None
    place = pointer_join(parent, key)
    try:
        source = resolve_pointer(translation.original, pointer)
    except LookupError:  # a place of the translation only (``#/prefixItems``)
        return None
    if isinstance(source, dict | bool):
        # plain data read as a schema for the first time: translate it where it stands
        translator = Translator(file, guess=False)
        translator.recursive = _recursive_root(translation.original)
        translator.origins = translation.origins
        translator.done = set(translation.origins.values())
        holder[key] = translator.node(source, translation.dialect, place, pointer, False)
        _translate_referenced(
            translator, translation.original, translation.translated, translation.dialect
        )
        translation.unknown.extend(translator.unknown)
        translation.notes.extend(translator.notes)
    return place


def _recursive_root(document: Any) -> bool:
    """Whether a document's root has 2019-09's ``$recursiveAnchor: true``."""
    return isinstance(document, dict) and document.get("$recursiveAnchor") is True


def iter_unknown(translation: Translation) -> Iterator[tuple[str, str]]:
    """Each keyword no dialect defines, once, at its first pointer in document order."""
    seen: set[str] = set()
    for pointer, keyword in sorted(translation.unknown, key=lambda item: item[0]):
        if keyword not in seen:
            seen.add(keyword)
            yield pointer, keyword


def crawlable(document: Any, declare: str | None = None) -> Any:
    """``document``, with each array-form ``dependencies`` entry written in the schema form it
    means (``["b"]``: ``{"required": ["b"]}``) wherever a ``dependencies`` mixes both forms:
    ``referencing`` (0.37) takes every entry of a ``dependencies`` whose first entry is a
    schema for a schema, and fails on the arrays, when it looks for identifiers. With
    ``declare`` (a ``$schema`` URI), every subschema that names no ``$schema`` names that one,
    so that ``jsonschema`` reads a ``$ref`` from another document into it in its own dialect
    (it switches dialects only where the target names one)."""
    if not isinstance(document, dict):
        return document
    out = dict(document)
    if declare is not None:
        declare = out.setdefault("$schema", declare)
    for keyword, token, child in subschema_places(document):
        if token is None:
            out[keyword] = crawlable(child, declare)
        else:
            container = out[keyword] = copy.copy(out[keyword])
            container[token] = crawlable(child, declare)
    dependencies = out.get("dependencies")
    if isinstance(dependencies, dict) and any(isinstance(v, dict) for v in dependencies.values()):
        out["dependencies"] = {
            name: {"required": value} if isinstance(value, list) else value
            for name, value in dependencies.items()
        }
    return out
