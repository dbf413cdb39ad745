"""The consumers a checkout declares, once each, in ``pyproject.toml``, and their readers.

```toml
[[tool.market-data-store-contracts.consumers]]
name = "throttler"                        # unique; used in every message
contract = "store.FeedbackEvent"          # a name in the published bundle
reader = "schemas/consumers/throttler/feedback_event.json"
owner = "pipeline team"                   # optional
since = "0.4.0"                           # optional: releases from 0.4.0 on are read too
dialect = "draft-07"                      # optional: for a reader whose $schema names none
```

``reader`` is a path relative to the checkout (a JSON Schema in a dialect the checker reads), or
``python:module:Attr`` (a Pydantic model class, read with ``model_json_schema()`` in validation
mode). Every mistake in a declaration is an input error (exit 2) whose one line names the
consumer: a missing or unreadable reader, a reader that is no schema, a ``python:`` reader that
does not import or is no model, an unknown contract, a duplicate name.
"""

from __future__ import annotations

import importlib
import re
import tomllib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._documents.io import load_json
from .._documents.pointers import pointer_join
from ..errors import ContractsError
from ._policy import TABLE, Version

__all__ = [
    "DIALECT_URIS",
    "KEYS",
    "PYTHON",
    "Consumer",
    "parse_consumers",
    "python_reader",
    "read_consumers",
    "reader_document",
    "with_dialect",
]

#: The prefix of a reader that is a Pydantic model class.
PYTHON = "python:"
#: Keys of a declaration: required ones first.
KEYS = ("name", "contract", "reader", "owner", "since", "dialect")
_REQUIRED = frozenset(KEYS[:3])
#: The dialects a reader may declare, by the URI its ``$schema`` then carries. OpenAPI 3.0 is
#: not among them: the checker reads every document of a check as OpenAPI in that dialect,
#: and the writer's schema is JSON Schema 2020-12.
DIALECT_URIS = {
    "draft-04": "http://json-schema.org/draft-04/schema#",
    "draft-06": "http://json-schema.org/draft-06/schema#",
    "draft-07": "http://json-schema.org/draft-07/schema#",
    "2019-09": "https://json-schema.org/draft/2019-09/schema",
    "2020-12": "https://json-schema.org/draft/2020-12/schema",
}
_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")


@dataclass(frozen=True)
class Consumer:
    """One declared consumer (or one checked ad hoc, with ``pointer`` empty)."""

    name: str
    contract: str
    #: The reader as declared: a path relative to the checkout, or ``python:module:Attr``.
    reader: str
    owner: str | None = None
    since: Version | None = None
    dialect: str | None = None
    #: JSON pointer of the declaration in ``pyproject.toml``.
    pointer: str = ""

    @property
    def is_python(self) -> bool:
        return self.reader.startswith(PYTHON)


def read_consumers(project: Any, contracts: Collection[str]) -> tuple[Consumer, ...]:
    """The consumers ``pyproject.toml`` of the checkout ``project`` declares; ``contracts``:
    the names the published bundle holds."""
    file = project.relative(project.pyproject)
    try:
        settings = tomllib.loads(project.pyproject.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ContractsError(file, f"cannot be read as TOML: {error}") from None
    return parse_consumers(settings, file, contracts)


def parse_consumers(
    settings: dict[str, Any], file: str, contracts: Collection[str]
) -> tuple[Consumer, ...]:
    """The consumers declared in the parsed ``pyproject.toml`` ``settings`` (shown as
    ``file``)."""
    entries = settings.get("tool", {}).get(TABLE, {}).get("consumers", [])
    where = pointer_join("/tool", TABLE, "consumers")
    if not isinstance(entries, list):
        raise ContractsError(file, "must be an array of tables ([[...consumers]])", where)
    consumers: list[Consumer] = []
    for index, entry in enumerate(entries):
        consumer = _consumer(entry, file, pointer_join(where, index), contracts)
        if any(other.name == consumer.name for other in consumers):
            raise ContractsError(
                file,
                f"consumer {consumer.name!r} is declared twice: a name is used once",
                pointer_join(consumer.pointer, "name"),
            )
        consumers.append(consumer)
    return tuple(consumers)


def _consumer(entry: Any, file: str, at: str, contracts: Collection[str]) -> Consumer:
    if not isinstance(entry, dict):
        raise ContractsError(file, "a consumer must be a table", at)
    name = entry.get("name")
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ContractsError(
            file,
            f"a consumer's name must be lowercase letters, digits, '.', '_' or '-', not {name!r}",
            pointer_join(at, "name"),
        )
    lead = f"consumer {name!r}: "
    missing = sorted(_REQUIRED - set(entry), key=KEYS.index)
    if missing:
        raise ContractsError(file, lead + f"lacks {', '.join(missing)}", at)
    unknown = sorted(set(entry) - set(KEYS))
    if unknown:
        raise ContractsError(
            file,
            lead + f"unknown key {unknown[0]!r}; a consumer has {', '.join(KEYS)}",
            pointer_join(at, unknown[0]),
        )
    for key in ("contract", "reader", "owner"):
        if key in entry and (not isinstance(entry[key], str) or not entry[key].strip()):
            raise ContractsError(
                file, lead + f"{key} must be a non-empty string", pointer_join(at, key)
            )
    if entry["contract"] not in contracts:
        raise ContractsError(
            file,
            lead
            + f"unknown contract {entry['contract']!r}; the bundle publishes "
            + ", ".join(sorted(contracts)),
            pointer_join(at, "contract"),
        )
    since = entry.get("since")
    dialect = entry.get("dialect")
    if dialect is not None and dialect not in DIALECT_URIS:
        raise ContractsError(
            file,
            lead
            + f"dialect {dialect!r} is none a reader may declare; use one of "
            + ", ".join(DIALECT_URIS),
            pointer_join(at, "dialect"),
        )
    return Consumer(
        name,
        entry["contract"],
        entry["reader"],
        entry.get("owner"),
        None if since is None else _since(since, file, pointer_join(at, "since"), lead),
        dialect,
        at,
    )


def _since(value: Any, file: str, pointer: str, lead: str) -> Version:
    try:
        return Version.parse(value, file, pointer)
    except ContractsError as error:
        raise ContractsError(file, lead + "since " + error.message, pointer) from None


def reader_document(project: Any, consumer: Consumer) -> tuple[str, Any]:
    """The reader of ``consumer`` as it is named in messages, and its schema document (with
    ``$schema`` set when the declaration names the dialect)."""
    lead = f"consumer {consumer.name!r}: "
    pyproject = project.relative(project.pyproject)
    where = pointer_join(consumer.pointer, "reader")
    if consumer.is_python:
        shown = consumer.reader
        try:
            document: Any = python_reader(consumer.reader)
        except ContractsError as error:
            raise ContractsError(pyproject, lead + error.message, where) from None
    else:
        path = Path(project.root, consumer.reader)
        shown = project.relative(path)
        if not path.is_file():
            raise ContractsError(
                pyproject, lead + f"reader {consumer.reader} is not a file in the checkout", where
            )
        try:
            document = load_json(path, shown)
        except ContractsError as error:
            raise ContractsError(error.file, lead + error.message, error.pointer) from None
    return shown, with_dialect(consumer, shown, document)


def with_dialect(consumer: Consumer, shown: str, document: Any) -> Any:
    """``document`` (the reader of ``consumer``, named ``shown``) checked to be a schema, with
    ``$schema`` set when the declaration names the dialect."""
    lead = f"consumer {consumer.name!r}: "
    if not isinstance(document, dict | bool):
        raise ContractsError(shown, lead + "the reader is not a JSON Schema (an object)")
    if consumer.dialect is None or not isinstance(document, dict):
        return document
    uri = DIALECT_URIS[consumer.dialect]
    named = document.get("$schema", uri)
    if named != uri:
        raise ContractsError(
            shown,
            lead + f"the reader's $schema {named!r} is not the declared dialect {consumer.dialect}",
            "/$schema",
        )
    return {"$schema": uri, **document}


def python_reader(reference: str) -> dict[str, Any]:
    """The validation-mode JSON Schema of the Pydantic model ``python:module:Attr``
    (``Attr`` may be dotted, for a nested class)."""
    module_name, _, attribute = reference.removeprefix(PYTHON).partition(":")
    if not module_name or not attribute:
        raise ContractsError(reference, "is not python:module:Attr")
    try:
        target: Any = importlib.import_module(module_name)
    except Exception as error:  # any failure of foreign code at import is the user's to fix
        raise ContractsError(
            reference, f"module {module_name} does not import ({type(error).__name__}: {error})"
        ) from None
    for part in attribute.split("."):
        if not hasattr(target, part):
            raise ContractsError(reference, f"{module_name} has no attribute {attribute}")
        target = getattr(target, part)
    from pydantic import BaseModel

    if not (isinstance(target, type) and issubclass(target, BaseModel)):
        raise ContractsError(reference, f"{module_name}.{attribute} is not a Pydantic model class")
    schema: dict[str, Any] = target.model_json_schema(mode="validation")
    return schema
