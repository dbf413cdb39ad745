"""Reading the packaged bundle (``bundle/index.json`` and the schema files it lists)."""

from __future__ import annotations

import json
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from ..errors import UnknownSchemaError

__all__ = ["INDEX_FILE", "UnknownSchemaError", "bundle_root", "index", "index_document", "load"]

INDEX_FILE = "index.json"


def bundle_root() -> Traversable:
    """The packaged ``bundle`` folder."""
    return resources.files(__package__).joinpath("bundle")


def _file(relative: str) -> Traversable:
    node = bundle_root()
    for part in relative.split("/"):
        node = node.joinpath(part)
    return node


def index_document() -> dict[str, Any]:
    """``index.json`` as packaged: the package and Core versions, the hash definitions and
    the ``schemas`` entries."""
    document: dict[str, Any] = json.loads(_file(INDEX_FILE).read_text(encoding="utf-8"))
    return document


def index() -> list[dict[str, Any]]:
    """One entry per published schema, sorted by ``name``: ``name``, ``$id``, ``title``,
    ``file`` (relative to the bundle), ``source``, ``version``, ``core_version``, ``sha256``,
    ``sha256_semantic`` and, for a Store extension, ``extends``."""
    entries: list[dict[str, Any]] = index_document()["schemas"]
    return entries


def load(name: str) -> dict[str, Any]:
    """The published schema called ``name`` (e.g. ``"store.FeedbackEvent"``), a fresh dict.

    Raises :class:`UnknownSchemaError` (a ``KeyError``) listing the valid names otherwise.
    """
    entries = index()
    for entry in entries:
        if entry["name"] == name:
            schema: dict[str, Any] = json.loads(_file(entry["file"]).read_text(encoding="utf-8"))
            return schema
    raise UnknownSchemaError(name, [entry["name"] for entry in entries])
