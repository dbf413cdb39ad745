"""Building a side: its documents read (``_reading``), its graph indexed, its ``$ref``s
checked (``_references``), and either its open objects closed or a validator of the documents
as written made ready for witnesses."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from jsonschema import Draft4Validator, Draft202012Validator, validators
from jsonschema.protocols import Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012, specification_with

from .._documents.keywords import walk
from ._reading import Reading, Resources, read_side
from ._references import check_references
from ._schema import Node, Side
from .dialects import (
    DIALECT_URIS,
    VALIDATORS,
    Translation,
    crawlable,
    identifier,
)


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
    resources: Resources | None = None,
) -> Side:
    """Check one input schema and everything it references; raise ContractsError otherwise.

    Each document (``document`` and each registry resource) is read in its own dialect (its
    ``$schema``, else ``dialect``, else 2020-12) and compared in its 2020-12 translation.
    ``resources``: the registry's resources as another side already read them (by default
    they are read here).
    """
    if resources is None:
        resources = Resources(registry, dialect)
    reading = read_side(document, file=file, label=label, resources=resources, dialect=dialect)
    root_uri, translations = reading.root_uri, reading.translations
    translated = reading.root.translated
    loaded = [
        (uri, DRAFT202012.create_resource(read.translated))
        for uri, read in translations.items()
        if uri != root_uri
    ]
    root_resource = DRAFT202012.create_resource(translated)
    fresh: Registry[Any] = Registry()  # its retrieve refuses: nothing is ever fetched
    fresh = fresh.with_resources(loaded).with_resource(root_uri, root_resource).crawl()
    side = Side(
        file=file,
        label=label,
        closed=closed,
        document=translated,
        registry=fresh,
        root_uri=root_uri,
        translations=translations,
        unevaluated_reasons=reading.unevaluated_reasons,
    )
    side.root = Node(translated, fresh.resolver(root_uri).in_subresource(root_resource), "", True)
    _index(side, root_uri, translated)
    for uri, resource in loaded:
        _index(side, uri, resource.contents)
    composition = check_references(side)
    if closed:
        close_side(side, composition)
    else:
        side.original_validator = _validator_as_written(reading, fresh)
    return side


def _validator_as_written(reading: Reading, fresh: Registry[Any]) -> Callable[[], Any] | None:
    """What builds a validator of the documents as written (``None`` where witnesses are
    verified on the translation: OpenAPI 3.0 mixed with JSON Schema)."""
    translations = reading.translations
    if all(read.dialect != "openapi-3.0" for read in translations.values()):
        root = reading.root
        originals = [
            (uri, _as_written(read, read.dialect != root.dialect))
            for uri, read in translations.items()
            if uri != reading.root_uri
        ]
        return partial(_original_validator, root, reading.root_uri, originals)
    if all(read.dialect == "openapi-3.0" for read in translations.values()):
        return partial(OpenAPI30Validator, {"$ref": reading.root_uri}, registry=fresh)
    return None


def _as_written(read: Translation, throughout: bool) -> Resource[Any]:
    """A resource of the registry as written, read in its own dialect."""
    original = _declaring(read.original, read.dialect, throughout)
    return specification_with(str(DIALECT_URIS[read.dialect])).create_resource(original)


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


_OTHER_NAME_KEYWORDS = frozenset(
    {"additionalProperties", "patternProperties", "unevaluatedProperties"}
)


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
