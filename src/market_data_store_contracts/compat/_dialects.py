"""Dialects: every schema is read in its own dialect and translated into JSON Schema 2020-12.

The checker decides containment on 2020-12 meanings only. This module reads a document in the
dialect its ``$schema`` names (or the caller's default when it names none) and writes the
2020-12 schema that accepts exactly the same instances:

- draft-04: boolean ``exclusiveMinimum``/``exclusiveMaximum`` become numeric bounds, ``id``
  becomes ``$id`` (a fragment becomes ``$anchor``);
- up to draft-07 (and OpenAPI 3.0): a ``$ref`` ignores its siblings, so they are dropped
  (``definitions``/``$defs`` stay: ``$ref``s may point into them);
- up to 2019-09: array-form ``items`` + ``additionalItems`` become ``prefixItems`` + ``items``;
- up to draft-07: ``dependencies`` becomes ``dependentRequired`` (array form, and a schema
  form that says only ``required``) and ``dependentSchemas`` (other schema forms);
- 2019-09: ``$recursiveRef``/``$recursiveAnchor`` become ``$dynamicRef``/``$dynamicAnchor``
  (in the document a comparison starts from, whose root has ``$recursiveAnchor: true``, a
  ``$recursiveRef`` outside embedded resources always lands on that root: a plain ``$ref``);
- OpenAPI 3.0 Schema Objects (``openapi-3.0``, never named by ``$schema``): ``nullable: true``
  adds ``"null"`` to ``type`` (OpenAPI 3.0.3: only where ``type`` is given), exclusive bounds as
  in draft-04.

Draft-04's ``integer`` is lexical (``1.0`` is a number there, not an integer), and so is
OpenAPI 3.0's ("a JSON number without a fraction or exponent part", its Data Types section,
as in the JSON Schema Wright draft-00 it is based on): no 2020-12 schema says that, so it is
translated as 2020-12 ``integer`` (a superset), and :func:`lexical_integers` and
:func:`may_accept_written_fraction` let the checker tell where this could make "compatible"
false.

``definitions`` and ``$defs`` are kept where they stand in every dialect: they are locations,
not assertions. A :class:`Translation` remembers, for every node and renamed keyword of the
translated document, where it stands in the user's document, so findings point there.

A keyword that the reading dialect does not define but another dialect gives meaning to is
never ignored silently: it is refused with a message that names it and says to set
``$schema`` or ``--dialect``. Keywords no dialect defines (and not ``x-*``) are collected, so the
report can list them once.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote, urldefrag

from jsonschema import (
    Draft4Validator,
    Draft6Validator,
    Draft7Validator,
    Draft201909Validator,
    Draft202012Validator,
)
from jsonschema.protocols import Validator

from .._documents.keywords import resolve_pointer
from .._errors import pointer_join, pointer_token
from ..errors import ContractsError

#: dialect name -> the URI its ``$schema`` carries (``openapi-3.0`` has none)
DIALECT_URIS: dict[str, str | None] = {
    "draft-04": "http://json-schema.org/draft-04/schema#",
    "draft-06": "http://json-schema.org/draft-06/schema#",
    "draft-07": "http://json-schema.org/draft-07/schema#",
    "2019-09": "https://json-schema.org/draft/2019-09/schema",
    "2020-12": "https://json-schema.org/draft/2020-12/schema",
    "openapi-3.0": None,
}
DIALECTS = tuple(DIALECT_URIS)
DEFAULT_DIALECT = "2020-12"

#: dialect name -> the validator class of its own meaning (``openapi-3.0``: see ``_openapi``)
VALIDATORS: dict[str, type[Validator]] = {
    "draft-04": Draft4Validator,
    "draft-06": Draft6Validator,
    "draft-07": Draft7Validator,
    "2019-09": Draft201909Validator,
    "2020-12": Draft202012Validator,
}

TITLES = {
    "draft-04": "JSON Schema draft-04",
    "draft-06": "JSON Schema draft-06",
    "draft-07": "JSON Schema draft-07",
    "2019-09": "JSON Schema 2019-09",
    "2020-12": "JSON Schema 2020-12",
    "openapi-3.0": "OpenAPI 3.0 Schema Object",
}


def _normal_uri(uri: str) -> str:
    return uri.rstrip("#").replace(
        "https://json-schema.org/draft-0", "http://json-schema.org/draft-0"
    )


_BY_URI = {_normal_uri(uri): name for name, uri in DIALECT_URIS.items() if uri is not None}


def dialect_of_uri(uri: Any) -> str | None:
    """The dialect a ``$schema`` value names, or ``None`` when it names none this module reads."""
    if not isinstance(uri, str):
        return None
    return _BY_URI.get(_normal_uri(uri))


# -- vocabularies ----------------------------------------------------------------------------
# Keywords that change which instances a schema accepts, per dialect.
_DRAFT4 = frozenset(
    {
        "type", "enum", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
        "exclusiveMinimum", "maxLength", "minLength", "pattern", "items", "additionalItems",
        "maxItems", "minItems", "uniqueItems", "maxProperties", "minProperties", "required",
        "properties", "patternProperties", "additionalProperties", "dependencies", "allOf",
        "anyOf", "oneOf", "not", "$ref",
    }
)  # fmt: skip
_DRAFT6 = _DRAFT4 | {"const", "contains", "propertyNames"}
_DRAFT7 = _DRAFT6 | {"if", "then", "else"}
_DRAFT2019 = (_DRAFT7 - {"dependencies"}) | {
    "dependentRequired", "dependentSchemas", "unevaluatedProperties", "unevaluatedItems",
    "minContains", "maxContains", "$recursiveRef",
}  # fmt: skip
_DRAFT2020 = (_DRAFT2019 - {"additionalItems", "$recursiveRef"}) | {"prefixItems", "$dynamicRef"}
_OPENAPI30 = frozenset(
    {
        "type", "enum", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
        "exclusiveMinimum", "maxLength", "minLength", "pattern", "items", "maxItems",
        "minItems", "uniqueItems", "maxProperties", "minProperties", "required", "properties",
        "additionalProperties", "allOf", "anyOf", "oneOf", "not", "$ref", "nullable",
    }
)  # fmt: skip

#: dialect -> keywords with an effect on validation in it
ASSERTING: dict[str, frozenset[str]] = {
    "draft-04": _DRAFT4,
    "draft-06": _DRAFT6,
    "draft-07": _DRAFT7,
    "2019-09": _DRAFT2019,
    "2020-12": _DRAFT2020,
    "openapi-3.0": _OPENAPI30,
}
#: keywords some dialect gives an effect on validation
ANY_ASSERTING = frozenset().union(*ASSERTING.values())
#: keywords that never change what a schema accepts, in any dialect: identifiers, locations,
#: annotations
NEUTRAL = frozenset(
    {
        "$schema", "$id", "id", "$anchor", "$dynamicAnchor", "$recursiveAnchor", "$vocabulary",
        "$comment", "$defs", "definitions", "title", "description", "default", "examples",
        "example", "readOnly", "writeOnly", "deprecated", "format", "contentMediaType",
        "contentEncoding", "contentSchema", "discriminator", "xml", "externalDocs",
    }
)  # fmt: skip
KNOWN = ANY_ASSERTING | NEUTRAL

#: keywords whose value is one subschema in every dialect
_ONE = (
    "additionalProperties", "contains", "contentSchema", "else", "if", "not", "propertyNames",
    "then", "unevaluatedItems", "unevaluatedProperties",
)  # fmt: skip
#: keywords translated by a rule of their own (their meaning depends on the dialect), and
#: ``$schema`` (the translation is 2020-12 throughout)
_BY_DIALECT = frozenset({"$schema", "items", "additionalItems", "dependencies"})
#: keywords whose value is an array of subschemas
_MANY = ("allOf", "anyOf", "oneOf", "prefixItems")
#: keywords whose value maps names to subschemas
_NAMED = ("$defs", "definitions", "dependentSchemas", "patternProperties", "properties")

#: which dialects define a keyword, for messages
_DEFINED_BY = {
    keyword: [name for name in DIALECTS if keyword in ASSERTING[name]] for keyword in ANY_ASSERTING
}


def _where_defined(keyword: str) -> str:
    names = _DEFINED_BY.get(keyword, [])
    return ", ".join(names) if names else "no dialect"


#: dialects whose ``integer`` is lexical: a number written without a fraction or exponent
#: (``1.0`` is no integer there)
LEXICAL_INTEGER = frozenset({"draft-04", "openapi-3.0"})

#: dialects in which a ``$ref`` makes its schema ignore every sibling keyword
_LEGACY_REF = frozenset({"draft-04", "draft-06", "draft-07", "openapi-3.0"})

# -- translation -----------------------------------------------------------------------------


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


def _guard(keyword: str, dialect: str, file: str, pointer: str) -> ContractsError:
    reading = "OpenAPI 3.0" if dialect == "openapi-3.0" else TITLES[dialect]
    message = (
        f"uses {keyword!r}, a keyword of {_where_defined(keyword)} that {reading} "
        "does not define; it is not ignored silently: set `$schema` or `--dialect` to the "
        "dialect the schema is written in"
    )
    return ContractsError(file, message, pointer_join(pointer, keyword))


class _Translator:
    def __init__(self, file: str, guess: bool, entry: bool = False) -> None:
        self.file = file
        #: whether the document is where validation starts (the outermost dynamic scope)
        self.entry = entry
        #: whether the dialect was only assumed (no ``$schema``, no dialect argument)
        self.guess = guess
        self.origins: dict[str, str] = {}
        self.unknown: list[tuple[str, str]] = []
        self.notes: list[tuple[str, str]] = []
        self.embedded: list[tuple[str, str]] = []
        self.refs: list[str] = []
        #: whether the innermost enclosing resource has ``$recursiveAnchor: true`` (2019-09)
        self.recursive = False
        #: whether the node lies in an embedded resource (its own ``$id``)
        self.scoped = False
        #: whether the next node is the ignored siblings of a ``$ref`` (not guarded)
        self.unguarded = False
        #: original pointers of the schema nodes translated so far
        self.done: set[str] = set()

    # one schema node ----------------------------------------------------------------------
    def node(self, schema: Any, dialect: str, here: str, there: str, root: bool) -> Any:
        """Translate ``schema`` (at ``there`` in the original, ``here`` in the translation)."""
        self.origins[here] = there
        self.done.add(there)
        if not isinstance(schema, dict):
            return schema
        named = dialect_of_uri(schema.get("$schema")) if "$schema" in schema else None
        if "$schema" in schema and named is None:
            raise unknown_schema_error(schema["$schema"], self.file, pointer_join(there, "$schema"))
        if named is not None and named != dialect and not root:
            self.embedded.append((there, named))
        holder, self.unguarded = self.unguarded, False
        if not holder:  # the ignored siblings of a $ref: nothing there is ignored silently
            self._guards(schema, named or dialect, there)
        outer = (self.recursive, self.guess, self.scoped)
        if root or "$id" in schema:
            self.recursive = schema.get("$recursiveAnchor") is True
        reading = named or dialect
        if not root and isinstance(schema.get("id" if reading == "draft-04" else "$id"), str):
            self.scoped = True  # "#/..." in here is relative to this resource, not the root
        if named is not None:
            self.guess = False
        try:
            return self._translate(schema, named or dialect, here, there, holder)
        finally:
            self.recursive, self.guess, self.scoped = outer

    def _translate(
        self, schema: dict[str, Any], dialect: str, here: str, there: str, holder: bool
    ) -> Any:
        if "$ref" in schema and dialect == "openapi-3.0" and schema.get("nullable") is True:
            self.notes.append((pointer_join(there, "nullable"), _NULLABLE_BESIDE_REF))
        self.unknown.extend(
            (there, keyword)
            for keyword in schema
            if keyword not in KNOWN and not keyword.startswith("x-")
        )
        ignored: dict[str, Any] = {}
        if "$ref" in schema and dialect in _LEGACY_REF:
            kept = {"$schema", "$ref", "definitions", "$defs"}
            ignored = {key: value for key, value in schema.items() if key not in kept}
            schema = {key: value for key, value in schema.items() if key in kept}
        out: dict[str, Any] = {}
        for keyword, value in schema.items():
            if keyword not in _BY_DIALECT:  # ``$schema``: the translation is 2020-12 throughout
                out[keyword] = self._keyword(keyword, value, dialect, here, there)
        if ignored:
            # kept where no validator looks, so that a "#/..." $ref into them still resolves
            self.unguarded = True
            out[IGNORED_SIBLINGS] = self.node(
                ignored, dialect, pointer_join(here, IGNORED_SIBLINGS), there, False
            )
        self._items(schema, dialect, here, there, out)
        self._dependencies(schema, dialect, here, there, out)
        self._identifiers(schema, dialect, here, there, out)
        if dialect in {"draft-04", "openapi-3.0"}:
            self._boolean_bounds(out)
        if dialect == "draft-04" and out == {"not": {}}:
            return False  # draft-04 has no boolean schemas; this is how it writes false
        if dialect == "openapi-3.0":
            if schema.get("nullable") is True and isinstance(out.get("type"), str):
                out["type"] = [out["type"], "null"]
            elif schema.get("nullable") is True and not holder:
                self.notes.append((pointer_join(there, "nullable"), _NULLABLE_WITHOUT_TYPE))
            out.pop("nullable", None)
        return out

    def _keyword(self, keyword: str, value: Any, dialect: str, here: str, there: str) -> Any:
        """The translated value of one keyword that means the same in every dialect."""
        if keyword in _ONE:
            return self.node(
                value, dialect, pointer_join(here, keyword), pointer_join(there, keyword), False
            )
        if keyword in _MANY and isinstance(value, list):
            return [
                self.node(
                    item,
                    dialect,
                    pointer_join(here, keyword, index),
                    pointer_join(there, keyword, index),
                    False,
                )
                for index, item in enumerate(value)
            ]
        if keyword in _NAMED and isinstance(value, dict):
            return {
                name: self.node(
                    item,
                    dialect,
                    pointer_join(here, keyword, name),
                    pointer_join(there, keyword, name),
                    False,
                )
                for name, item in value.items()
            }
        if keyword == "$ref" and isinstance(value, str):
            if not self.scoped:
                self.refs.append(here)
            return value
        return copy.deepcopy(value)

    def _guards(self, schema: dict[str, Any], dialect: str, there: str) -> None:
        if "$ref" in schema and dialect in _LEGACY_REF:
            return  # a $ref's siblings mean nothing in this dialect: nothing is lost
        if "$ref" in schema and self.guess and "$schema" not in schema:
            for keyword in schema:
                if keyword in _DRAFT2020 and keyword != "$ref":
                    raise ContractsError(
                        self.file,
                        f"uses {keyword!r} beside a $ref, which 2019-09 and 2020-12 apply but "
                        "draft-04 to draft-07 ignore, and no dialect is named; it is not "
                        "guessed: set `$schema` or `--dialect` to the dialect the schema is "
                        "written in",
                        pointer_join(there, keyword),
                    )
        own = ASSERTING[dialect]
        for keyword in schema:
            if keyword in ANY_ASSERTING and keyword not in own:
                raise _guard(keyword, dialect, self.file, there)
        items = schema.get("items")
        if isinstance(items, list) and dialect in {"2020-12", "openapi-3.0"}:
            reading = "OpenAPI 3.0" if dialect == "openapi-3.0" else TITLES[dialect]
            raise ContractsError(
                self.file,
                f"uses 'items' as an array of schemas, a form of draft-04 to 2019-09 that "
                f"{reading} does not define; it is not ignored silently: set `$schema` "
                "or `--dialect` to the dialect the schema is written in",
                pointer_join(there, "items"),
            )
        if dialect not in {"draft-04", "openapi-3.0"}:
            for keyword in ("exclusiveMinimum", "exclusiveMaximum"):
                if isinstance(schema.get(keyword), bool):
                    raise ContractsError(
                        self.file,
                        f"uses a boolean {keyword!r}, a form of draft-04 and openapi-3.0 that "
                        f"{TITLES[dialect]} does not define; it is not ignored silently: set "
                        "`$schema` or `--dialect` to the dialect the schema is written in",
                        pointer_join(there, keyword),
                    )

    def _items(
        self, schema: dict[str, Any], dialect: str, here: str, there: str, out: dict[str, Any]
    ) -> None:
        if "items" not in schema:
            return
        items = schema["items"]
        if not isinstance(items, list) or dialect in {"2020-12", "openapi-3.0"}:
            out["items"] = self.node(
                items, dialect, pointer_join(here, "items"), pointer_join(there, "items"), False
            )
            return
        self.origins[pointer_join(here, "prefixItems")] = pointer_join(there, "items")
        out["prefixItems"] = [
            self.node(
                item,
                dialect,
                pointer_join(here, "prefixItems", index),
                pointer_join(there, "items", index),
                False,
            )
            for index, item in enumerate(items)
        ]
        if "additionalItems" in schema:
            out["items"] = self.node(
                schema["additionalItems"],
                dialect,
                pointer_join(here, "items"),
                pointer_join(there, "additionalItems"),
                False,
            )

    def _dependencies(
        self, schema: dict[str, Any], dialect: str, here: str, there: str, out: dict[str, Any]
    ) -> None:
        value = schema.get("dependencies")
        if not isinstance(value, dict) or "dependencies" not in ASSERTING[dialect]:
            return
        required: dict[str, Any] = {}
        schemas: dict[str, Any] = {}
        kept: dict[str, Any] = {}
        for name, dependency in value.items():
            if isinstance(dependency, list):
                self.origins[pointer_join(here, "dependentRequired", name)] = pointer_join(
                    there, "dependencies", name
                )
                required[name] = list(dependency)
            elif _only_required(dependency):
                # the same constraint as dependentRequired, which the checker decides; the
                # schema is kept where no validator looks, for a $ref into it
                required[name] = list(dependency["required"])
                kept[name] = self.node(
                    dependency,
                    dialect,
                    pointer_join(here, REQUIRED_DEPENDENCIES, name),
                    pointer_join(there, "dependencies", name),
                    False,
                )
            else:
                schemas[name] = self.node(
                    dependency,
                    dialect,
                    pointer_join(here, "dependentSchemas", name),
                    pointer_join(there, "dependencies", name),
                    False,
                )
        if kept:
            out[REQUIRED_DEPENDENCIES] = kept
        if required:
            self.origins[pointer_join(here, "dependentRequired")] = pointer_join(
                there, "dependencies"
            )
            out["dependentRequired"] = required
        if schemas:
            self.origins[pointer_join(here, "dependentSchemas")] = pointer_join(
                there, "dependencies"
            )
            out["dependentSchemas"] = schemas

    def _identifiers(
        self, schema: dict[str, Any], dialect: str, here: str, there: str, out: dict[str, Any]
    ) -> None:
        if dialect not in {"2019-09", "2020-12"}:
            for keyword in ("$dynamicAnchor", "$recursiveAnchor", "$anchor"):
                out.pop(keyword, None)  # no meaning before 2019-09: never an anchor
        if dialect == "draft-04":
            out.pop("$id", None)  # not an identifier in draft-04
            ident = schema.get("id")
            out.pop("id", None)
            if isinstance(ident, str):
                self._split_id(ident, here, there, "id", out)
        elif dialect in {"draft-06", "draft-07"} and isinstance(schema.get("$id"), str):
            self._split_id(schema["$id"], here, there, "$id", out)
        elif dialect == "openapi-3.0":
            out.pop("$id", None)  # a Schema Object has no identifier
        elif dialect == "2019-09":
            if schema.get("$recursiveAnchor") is True:
                out["$dynamicAnchor"] = RECURSIVE_ANCHOR
            out.pop("$recursiveAnchor", None)
            if "$recursiveRef" in schema:
                # without $recursiveAnchor in its resource, $recursiveRef is a plain $ref
                out.pop("$recursiveRef", None)
                # the outermost resource with $recursiveAnchor: true in the dynamic scope is
                # the root, where validation starts in the entry document
                dynamic = self.recursive and not (self.entry and not self.scoped)
                target = "$dynamicRef" if dynamic else "$ref"
                out[target] = f"#{RECURSIVE_ANCHOR}" if dynamic else "#"
                self.origins[pointer_join(here, target)] = pointer_join(there, "$recursiveRef")

    def _split_id(
        self, ident: str, here: str, there: str, keyword: str, out: dict[str, Any]
    ) -> None:
        out.pop("$id", None)
        base, fragment = urldefrag(ident)
        if base:
            out["$id"] = base
            self.origins[pointer_join(here, "$id")] = pointer_join(there, keyword)
        if fragment:
            out["$anchor"] = fragment
            self.origins[pointer_join(here, "$anchor")] = pointer_join(there, keyword)

    @staticmethod
    def _boolean_bounds(out: dict[str, Any]) -> None:
        for exclusive, inclusive in (
            ("exclusiveMinimum", "minimum"),
            ("exclusiveMaximum", "maximum"),
        ):
            flag = out.get(exclusive)
            if not isinstance(flag, bool):
                continue
            del out[exclusive]
            if flag and inclusive in out:
                out[exclusive] = out.pop(inclusive)


def _only_required(dependency: Any) -> bool:
    """Whether a schema-form dependency says only ``required`` (then it is read as the
    ``dependentRequired`` it equals)."""
    return (
        isinstance(dependency, dict)
        and dependency.keys() == {"required"}
        and isinstance(dependency["required"], list)
        and all(isinstance(name, str) for name in dependency["required"])
    )


_NULLABLE_WITHOUT_TYPE = (
    "'nullable: true' without 'type' has no effect in OpenAPI 3.0.3, so null is not allowed "
    "here (some tools allow it)"
)
_NULLABLE_BESIDE_REF = (
    "'nullable: true' beside a $ref is ignored in OpenAPI 3.0, so null is not allowed here "
    "(some tools allow it)"
)

#: Where the translation keeps the siblings of a ``$ref`` that draft-04 to draft-07 and
#: OpenAPI 3.0 ignore (an ``x-`` annotation: no validator and no walker looks there).
IGNORED_SIBLINGS = "x-ignored-beside-ref"

#: Where the translation keeps a schema-form ``dependencies`` entry that says only
#: ``required`` (read as ``dependentRequired``), for ``$ref``s into it.
REQUIRED_DEPENDENCIES = "x-dependencies-read-as-required"

#: The ``$dynamicAnchor`` a 2019-09 ``$recursiveAnchor: true`` becomes.
RECURSIVE_ANCHOR = "recursiveAnchor"


def unknown_schema_error(value: Any, file: str, pointer: str) -> ContractsError:
    return ContractsError(
        file,
        f"declares $schema {value!r}, which is not a dialect this checker reads "
        f"({', '.join(name for name in DIALECTS if DIALECT_URIS[name])})",
        pointer,
        hint='use one of their $schema URIs, e.g. "' + str(DIALECT_URIS["2020-12"]) + '"',
    )


def dialect_of(document: Any, default: str, file: str) -> str:
    """The dialect a document is read in: its ``$schema``, else ``default``."""
    if not isinstance(document, dict) or "$schema" not in document:
        return default
    named = dialect_of_uri(document["$schema"])
    if named is None:
        raise unknown_schema_error(document["$schema"], file, "/$schema")
    return named


def translate(
    document: Any, *, file: str, default: str | None, entry: bool = False
) -> Translation:
    """Read ``document`` in its dialect and write it as 2020-12.

    The dialect is the one its ``$schema`` names, else ``default``, else 2020-12: then it is a
    guess, and a keyword beside a ``$ref`` (applied since 2019-09, ignored before) is refused
    rather than guessed. ``entry``: the document is where validation starts (not a resource
    it refers to). Refuses (``ContractsError``) a ``$schema`` no dialect here names and
    a keyword the reading dialect does not define but another does. ``$ref``s into places that
    are no schema keyword (``#/components/schemas/X``) are translated too.
    """
    dialect = dialect_of(document, default or DEFAULT_DIALECT, file)
    translator = _Translator(file, guess=default is None, entry=entry)
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
    translator: _Translator, original: Any, translated: Any, dialect: str
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
        pointer = _unquote(ref[1:])
        if pointer in translator.done:
            if moved is None:  # the first translated place of each original one
                moved = {}
                for place, origin in translator.origins.items():
                    moved.setdefault(origin, place)
            target = moved.get(pointer, pointer)
            if target != pointer:
                holder["$ref"] = "#" + quote(target, safe=_POINTER_SAFE)
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
        translator = _Translator(file, guess=False)
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


_POINTER_SAFE = "/~!$&'()*+,;=:@"


def _unquote(pointer: str) -> str:
    return unquote(pointer)


def _schema_object() -> dict[str, Any]:
    # A Reference Object is a Schema Object here whose $ref is a string (its siblings are
    # ignored anyway); one definition instead of a oneOf lets errors name the exact keyword.
    return {"$ref": "#/definitions/Schema"}


def _array_of_schemas() -> dict[str, Any]:
    return {"type": "array", "items": _schema_object()}


#: The Schema Object of the OpenAPI 3.0 specification's own JSON Schema (draft-04), as
#: published at https://spec.openapis.org/oas/3.0/schema/2021-09-28 (``definitions/Schema``,
#: ``Reference``, ``Discriminator``), with three changes: other keywords are allowed (there it
#: is ``additionalProperties: false``) so that unknown keywords stay annotations as in every
#: other dialect (keywords of other dialects are refused by the guard, with a message that
#: names them); ``definitions``/``$defs`` hold shared schemas of a standalone file; and a
#: Reference Object is a Schema Object with a string ``$ref`` rather than one branch of a
#: ``oneOf``, so that an error names the keyword at fault instead of "not valid under any".
OPENAPI_30_METASCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-04/schema#",
    **_schema_object(),
    "definitions": {
        "Discriminator": {
            "type": "object",
            "required": ["propertyName"],
            "properties": {
                "propertyName": {"type": "string"},
                "mapping": {"type": "object", "additionalProperties": {"type": "string"}},
            },
        },
        "Schema": {
            "type": "object",
            "properties": {
                "$ref": {"type": "string"},
                "title": {"type": "string"},
                "multipleOf": {"type": "number", "minimum": 0, "exclusiveMinimum": True},
                "maximum": {"type": "number"},
                "exclusiveMaximum": {"type": "boolean"},
                "minimum": {"type": "number"},
                "exclusiveMinimum": {"type": "boolean"},
                "maxLength": {"type": "integer", "minimum": 0},
                "minLength": {"type": "integer", "minimum": 0},
                "pattern": {"type": "string"},
                "maxItems": {"type": "integer", "minimum": 0},
                "minItems": {"type": "integer", "minimum": 0},
                "uniqueItems": {"type": "boolean"},
                "maxProperties": {"type": "integer", "minimum": 0},
                "minProperties": {"type": "integer", "minimum": 0},
                "required": {
                    "type": "array",
                    "items": {"type": "string"},
                    "minItems": 1,
                    "uniqueItems": True,
                },
                "enum": {"type": "array", "minItems": 1},
                "type": {
                    "type": "string",
                    "enum": ["array", "boolean", "integer", "number", "object", "string"],
                },
                "not": _schema_object(),
                "allOf": _array_of_schemas(),
                "oneOf": _array_of_schemas(),
                "anyOf": _array_of_schemas(),
                "items": _schema_object(),
                "properties": {
                    "type": "object",
                    "additionalProperties": _schema_object(),
                },
                "additionalProperties": {
                    "anyOf": [{"$ref": "#/definitions/Schema"}, {"type": "boolean"}]
                },
                "description": {"type": "string"},
                "format": {"type": "string"},
                "nullable": {"type": "boolean"},
                "discriminator": {"$ref": "#/definitions/Discriminator"},
                "readOnly": {"type": "boolean"},
                "writeOnly": {"type": "boolean"},
                "deprecated": {"type": "boolean"},
                "externalDocs": {"type": "object"},
                "xml": {"type": "object"},
                # not OpenAPI: places for shared schemas in a standalone file
                "definitions": {
                    "type": "object",
                    "additionalProperties": _schema_object(),
                },
                "$defs": {
                    "type": "object",
                    "additionalProperties": _schema_object(),
                },
            },
        },
    },
}


def identifier(document: Any, dialect: str) -> str | None:
    """The URI a document names itself by (``id`` in draft-04, none in OpenAPI 3.0)."""
    if not isinstance(document, dict) or dialect == "openapi-3.0":
        return None
    value = document.get("id" if dialect == "draft-04" else "$id")
    if not isinstance(value, str):
        return None
    return urldefrag(value).url or None


def iter_unknown(translation: Translation) -> Iterator[tuple[str, str]]:
    """Each keyword no dialect defines, once, at its first pointer in document order."""
    seen: set[str] = set()
    for pointer, keyword in sorted(translation.unknown, key=lambda item: item[0]):
        if keyword not in seen:
            seen.add(keyword)
            yield pointer, keyword


# -- the lexical integer of draft-04 and OpenAPI 3.0 -------------------------------------------
# Draft-04 and OpenAPI 3.0 define "integer" as a JSON number written without a fraction or
# exponent part: ``1.0`` and ``1e2`` are numbers there, not integers. From draft-06 on (and in the
# translation) an integer is any number with a zero fractional part. The two readings differ
# only on integral numbers written with a fraction or exponent (in Python: integral floats).

#: keywords of every dialect whose value is one subschema, a list of them, or a map to them
_SUBSCHEMA_ONE = (*_ONE, "items", "additionalItems")
_SUBSCHEMA_MANY = (*_MANY, "items")
_SUBSCHEMA_NAMED = (*_NAMED, "dependencies")
#: how many schema nodes the fraction test visits before it gives up (answers "may")
_FRACTION_BUDGET = 20_000


def _is_lexical_integer_type(value: Any) -> bool:
    types = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return "integer" in types and "number" not in types


def _subschemas(node: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """(pointer suffix, subschema) of each subschema of one schema object, in any dialect."""
    for keyword, value in node.items():
        if keyword in _SUBSCHEMA_ONE and isinstance(value, dict | bool):
            yield f"/{keyword}", value
        elif keyword in _SUBSCHEMA_MANY and isinstance(value, list):
            for index, item in enumerate(value):
                yield f"/{keyword}/{index}", item
        elif keyword in _SUBSCHEMA_NAMED and isinstance(value, dict):
            for name, item in value.items():
                if isinstance(item, dict | bool):
                    yield pointer_join(f"/{keyword}", name), item


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
    for suffix, child in _subschemas(document):
        keyword, _, rest = suffix[1:].partition("/")
        if rest:
            token: Any = pointer_token(rest)
            container = out[keyword] = copy.copy(out[keyword])
            if isinstance(container, list):
                token = int(token)
            container[token] = crawlable(child, declare)
        else:
            out[keyword] = crawlable(child, declare)
    dependencies = out.get("dependencies")
    if isinstance(dependencies, dict) and any(isinstance(v, dict) for v in dependencies.values()):
        out["dependencies"] = {
            name: {"required": value} if isinstance(value, list) else value
            for name, value in dependencies.items()
        }
    return out


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
                    target = resolve_pointer(document, _unquote(ref[1:]))
                except LookupError:
                    continue
                place = _unquote(ref[1:]) if document is root else pointer
                pending.append((target, readings | {translation.dialect}, place, resource))
        if "$ref" in node and readings <= _LEGACY_REF:  # its siblings are ignored
            node = {key: node[key] for key in ("definitions", "$defs") if key in node}
        pending.extend(
            (child, readings, pointer + suffix, resource) for suffix, child in _subschemas(node)
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
            return resolve_pointer(document, _unquote(ref[1:]))
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
