"""The reading of one document, node by node: each schema object is guarded (a keyword its
dialect does not define but another one does is refused), its keywords that mean the same in
every dialect are copied (their subschemas read in turn), and the steps registered for its
dialect (:data:`._legacy.STEPS`) write the rest as 2020-12."""

from __future__ import annotations

import copy
from typing import Any

from ..._documents.pointers import pointer_join
from ...errors import ContractsError
from ._identity import TITLES, dialect_of_uri, unknown_schema_error
from ._legacy import NULLABLE_BESIDE_REF, STEPS, At
from ._vocabularies import (
    ANY_ASSERTING,
    ASSERTING,
    BY_DIALECT,
    DRAFT2020,
    KNOWN,
    LEGACY_REF,
    MANY,
    NAMED,
    ONE,
    where_defined,
)

#: Where the translation keeps the siblings of a ``$ref`` that draft-04 to draft-07 and
#: OpenAPI 3.0 ignore (an ``x-`` annotation: no validator and no walker looks there).
IGNORED_SIBLINGS = "x-ignored-beside-ref"


def _guard(keyword: str, dialect: str, file: str, pointer: str) -> ContractsError:
    reading = "OpenAPI 3.0" if dialect == "openapi-3.0" else TITLES[dialect]
    message = (
        f"uses {keyword!r}, a keyword of {where_defined(keyword)} that {reading} "
        "does not define; it is not ignored silently: set `$schema` or `--dialect` to the "
        "dialect the schema is written in"
    )
    return ContractsError(file, message, pointer_join(pointer, keyword))


class Translator:
    r"""Reads the schema objects of one document (and the ones its ``$ref``\s reach)."""

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
            self.notes.append((pointer_join(there, "nullable"), NULLABLE_BESIDE_REF))
        self.unknown.extend(
            (there, keyword)
            for keyword in schema
            if keyword not in KNOWN and not keyword.startswith("x-")
        )
        ignored: dict[str, Any] = {}
        if "$ref" in schema and dialect in LEGACY_REF:
            kept = {"$schema", "$ref", "definitions", "$defs"}
            ignored = {key: value for key, value in schema.items() if key not in kept}
            schema = {key: value for key, value in schema.items() if key in kept}
        out: dict[str, Any] = {}
        for keyword, value in schema.items():
            if keyword not in BY_DIALECT:  # ``$schema``: the translation is 2020-12 throughout
                out[keyword] = self._keyword(keyword, value, dialect, here, there)
        if ignored:
            # kept where no validator looks, so that a "#/..." $ref into them still resolves
            self.unguarded = True
            out[IGNORED_SIBLINGS] = self.node(
                ignored, dialect, pointer_join(here, IGNORED_SIBLINGS), there, False
            )
        at = At(schema, dialect, here, there, holder)
        result: Any = out
        for step in STEPS[dialect]:
            result = step(self, at, result)
        return result

    def _keyword(self, keyword: str, value: Any, dialect: str, here: str, there: str) -> Any:
        """The translated value of one keyword that means the same in every dialect."""
        if keyword in ONE:
            return self.node(
                value, dialect, pointer_join(here, keyword), pointer_join(there, keyword), False
            )
        if keyword in MANY and isinstance(value, list):
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
        if keyword in NAMED and isinstance(value, dict):
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
        if "$ref" in schema and dialect in LEGACY_REF:
            return  # a $ref's siblings mean nothing in this dialect: nothing is lost
        if "$ref" in schema and self.guess and "$schema" not in schema:
            for keyword in schema:
                if keyword in DRAFT2020 and keyword != "$ref":
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
