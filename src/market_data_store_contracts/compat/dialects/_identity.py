"""Which dialects there are: their names, the ``$schema`` URIs that name them, their validators,
and how a document says which one it is written in."""

from __future__ import annotations

from typing import Any
from urllib.parse import urldefrag

from jsonschema import (
    Draft4Validator,
    Draft6Validator,
    Draft7Validator,
    Draft201909Validator,
    Draft202012Validator,
)
from jsonschema.protocols import Validator

from ...errors import ContractsError

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


def identifier(document: Any, dialect: str) -> str | None:
    """The URI a document names itself by (``id`` in draft-04, none in OpenAPI 3.0)."""
    if not isinstance(document, dict) or dialect == "openapi-3.0":
        return None
    value = document.get("id" if dialect == "draft-04" else "$id")
    if not isinstance(value, str):
        return None
    return urldefrag(value).url or None
