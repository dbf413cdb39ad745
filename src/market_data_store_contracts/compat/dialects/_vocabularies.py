"""What each dialect's keywords are, as the checker reads them: which ones assert, which ones
only annotate, and which ones hold subschemas. The keyword sets themselves are one table,
``KEYWORDS[dialect]`` in ``_documents.keywords``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..._documents.keywords import (
    KEYWORDS,
    NEUTRAL_KEYWORDS,
    SUBSCHEMA,
    SUBSCHEMA_ARRAY,
    SUBSCHEMA_MAP,
)
from ..._documents.pointers import pointer_join
from ._identity import DIALECTS

#: dialect -> keywords with an effect on validation in it (the table is shared plumbing)
ASSERTING: dict[str, frozenset[str]] = KEYWORDS
DRAFT2020 = KEYWORDS["2020-12"]
#: keywords some dialect gives an effect on validation
ANY_ASSERTING = frozenset().union(*ASSERTING.values())
#: keywords that never change what a schema accepts, in any dialect: identifiers, locations,
#: annotations
NEUTRAL = NEUTRAL_KEYWORDS
KNOWN = ANY_ASSERTING | NEUTRAL

#: keywords whose value is one subschema in every dialect (``items`` is a list before 2020-12)
ONE = tuple(keyword for keyword in SUBSCHEMA if keyword != "items")
#: keywords translated by a rule of their own (their meaning depends on the dialect), and
#: ``$schema`` (the translation is 2020-12 throughout)
BY_DIALECT = frozenset({"$schema", "items", "additionalItems", "dependencies"})
#: keywords whose value is an array of subschemas
MANY = SUBSCHEMA_ARRAY
#: keywords whose value maps names to subschemas
NAMED = SUBSCHEMA_MAP

#: which dialects define a keyword, for messages
_DEFINED_BY = {
    keyword: [name for name in DIALECTS if keyword in ASSERTING[name]] for keyword in ANY_ASSERTING
}


def where_defined(keyword: str) -> str:
    names = _DEFINED_BY.get(keyword, [])
    return ", ".join(names) if names else "no dialect"


#: dialects whose ``integer`` is lexical: a number written without a fraction or exponent
#: (``1.0`` is no integer there)
LEXICAL_INTEGER = frozenset({"draft-04", "openapi-3.0"})

#: dialects in which a ``$ref`` makes its schema ignore every sibling keyword
LEGACY_REF = frozenset({"draft-04", "draft-06", "draft-07", "openapi-3.0"})


#: keywords of every dialect whose value is one subschema, a list of them, or a map to them
SUBSCHEMA_ONE = (*ONE, "items", "additionalItems")
SUBSCHEMA_MANY = (*MANY, "items")
SUBSCHEMA_NAMED = (*NAMED, "dependencies")


def subschema_places(node: dict[str, Any]) -> Iterator[tuple[str, str | int | None, Any]]:
    """(keyword, name or index or ``None``, subschema) of each subschema of one schema object,
    in any dialect: the place as data, so that no name (``""``, ``"a/b"``) is ever parsed back
    out of a pointer."""
    for keyword, value in node.items():
        if keyword in SUBSCHEMA_ONE and isinstance(value, dict | bool):
            yield keyword, None, value
        elif keyword in SUBSCHEMA_MANY and isinstance(value, list):
            for index, item in enumerate(value):
                yield keyword, index, item
        elif keyword in SUBSCHEMA_NAMED and isinstance(value, dict):
            for name, item in value.items():
                if isinstance(item, dict | bool):
                    yield keyword, name, item


def subschemas(node: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """(pointer suffix, subschema) of each subschema of one schema object, in any dialect."""
    for keyword, token, child in subschema_places(node):
        suffix = f"/{keyword}"
        yield (suffix if token is None else pointer_join(suffix, token)), child
