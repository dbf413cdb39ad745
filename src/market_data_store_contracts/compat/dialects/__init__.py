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
translated as 2020-12 ``integer`` (a superset), and ``_lexical`` lets the checker tell where
this could make "compatible" false.

``definitions`` and ``$defs`` are kept where they stand in every dialect: they are locations,
not assertions. A :class:`Translation` remembers, for every node and renamed keyword of the
translated document, where it stands in the user's document, so findings point there.

A keyword that the reading dialect does not define but another dialect gives meaning to is
never ignored silently: it is refused with a message that names it and says to set
``$schema`` or ``--dialect``. Keywords no dialect defines (and not ``x-*``) are collected, so the
report can list them once.

The package: ``_identity`` (names, ``$schema`` URIs, validators), ``_vocabularies`` (each
dialect's keywords, as data), ``_translator`` (one node at a time) with ``_legacy`` (one step
per keyword whose meaning depends on the dialect, registered per dialect), ``_translation``
(a whole document, and the way back), ``_openapi`` (the Schema Object's metaschema) and
``_lexical`` (draft-04's and OpenAPI 3.0's lexical ``integer``).
"""

from __future__ import annotations

from ._identity import (
    DEFAULT_DIALECT,
    DIALECT_URIS,
    DIALECTS,
    TITLES,
    VALIDATORS,
    dialect_of,
    dialect_of_uri,
    identifier,
)
from ._lexical import (
    ANY_ITEM,
    Location,
    lexical_integers,
    lexical_locations,
    may_accept_written_fraction,
    may_accept_written_fraction_at,
    negates,
)
from ._openapi import OPENAPI_30_METASCHEMA
from ._translation import Translation, crawlable, iter_unknown, translate, translated_place
from ._vocabularies import ASSERTING, LEXICAL_INTEGER

__all__ = [
    "ANY_ITEM",
    "ASSERTING",
    "DEFAULT_DIALECT",
    "DIALECTS",
    "DIALECT_URIS",
    "LEXICAL_INTEGER",
    "OPENAPI_30_METASCHEMA",
    "TITLES",
    "VALIDATORS",
    "Location",
    "Translation",
    "crawlable",
    "dialect_of",
    "dialect_of_uri",
    "identifier",
    "iter_unknown",
    "lexical_integers",
    "lexical_locations",
    "may_accept_written_fraction",
    "may_accept_written_fraction_at",
    "negates",
    "translate",
    "translated_place",
]
