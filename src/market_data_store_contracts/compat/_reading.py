"""Reading a side's documents: each one checked once, then translated into 2020-12.

Everything a user can get wrong in a document is refused here, with a :class:`ContractsError`
naming the file and the JSON pointer: a document that is not a valid schema of its dialect
(``dialects``: each document is read in the dialect it names and compared in its 2020-12
translation), a keyword of another dialect that would be ignored, an invalid regular
expression, and nesting deeper than :data:`MAX_DEPTH`. :func:`read_side` reads the document a
comparison starts from and the resources of its registry, and rewrites their
``unevaluated*`` keywords where what they leave is known statically (``_unevaluated``).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urldefrag

from jsonschema import Draft4Validator
from jsonschema.exceptions import best_match
from referencing import Registry, Resource

from .._documents.keywords import check_depth, resolve_pointer, walk
from .._documents.messages import schema_error_message
from .._documents.pointers import pointer_join, pointer_token
from ..errors import ContractsError
from ._metaschema import fast_accepts, metaschema_accepts
from ._unevaluated import rewrite_unevaluated
from .dialects import (
    DEFAULT_DIALECT,
    OPENAPI_30_METASCHEMA,
    TITLES,
    VALIDATORS,
    Translation,
    dialect_of,
    translate,
)

#: Deepest JSON nesting accepted in a schema document (objects and arrays both count).
MAX_DEPTH = 1000

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
        head, deeper, rest = pointer[1:].partition("/")
        heads.setdefault(head, []).append("/" + rest if deeper else "")
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


@dataclass
class Reading:
    """The documents of one side as read: each translation by URI (the document a comparison
    starts from under ``root_uri``, first), and why each ``unevaluated*`` keyword left
    undecided was (by ``id`` of its schema object and keyword)."""

    root_uri: str
    translations: dict[str, Translation]
    unevaluated_reasons: dict[tuple[int, str], str]

    @property
    def root(self) -> Translation:
        return self.translations[self.root_uri]


class Resources:
    """The resources of a registry, each read once (when a side first refers to it) however
    many sides are built on them; each side gets its own copy of a translation, since building
    a side writes into it."""

    def __init__(self, registry: Registry[Any] | None, dialect: str | None) -> None:
        self.registry = registry
        self.dialect = dialect
        self._read: dict[str, Translation] = {}

    def items(self) -> list[tuple[str, Resource[Any]]]:
        """Each resource of the registry with its URI, in the registry's order."""
        if self.registry is None:
            return []
        return [(uri, self.registry[uri]) for uri in self.registry]

    def seed(self, uri: str, translation: Translation) -> None:
        """Take the resource ``uri`` as a caller already read it (the command line reads each
        ``--ref`` file once, to name the file in its errors), so it is not read again."""
        self._read[uri] = translation

    def read(self, uri: str, contents: Any) -> Translation:
        """A copy of the translation of the resource ``uri`` (read now if it is not yet)."""
        read = self._read.get(uri)
        if read is None:
            read = self._read[uri] = read_document(contents, uri, self.dialect)
        return copy.deepcopy(read, {id(read.original): read.original})


def read_side(
    document: Any,
    *,
    file: str,
    label: str,
    resources: Resources,
    dialect: str | None = None,
) -> Reading:
    """Read ``document`` (where validation starts) and each of ``resources``, each in its own
    dialect (its ``$schema``, else ``dialect``, else 2020-12), and rewrite their
    ``unevaluated*`` keywords where that is decided statically."""
    translation = read_document(document, file, dialect, entry=True)
    translated = translation.translated
    root_uri = f"urn:market-data-store-contracts:compat:{label}"
    if isinstance(translated, dict) and isinstance(translated.get("$id"), str):
        root_uri = urldefrag(translated["$id"]).url or root_uri
    translations = {root_uri: translation}
    for uri, resource in resources.items():
        if uri != root_uri:
            translations[uri] = resources.read(uri, resource.contents)
    reasons = rewrite_unevaluated(translations, root_uri)
    return Reading(root_uri, translations, reasons)
