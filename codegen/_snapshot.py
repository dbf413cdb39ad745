"""The Core snapshot: what the installed Core says its contracts are."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from importlib import metadata
from typing import Any

from pydantic import BaseModel, TypeAdapter

from ._normalise import normal_form
from ._project import CORE_ID_PREFIX, DRAFT_2020_12, Project

#: Keyword under which a snapshot records where it came from. An annotation: never in a verdict.
ORIGIN = "x-market-data-core"


def core_version() -> str:
    """The installed Core's version, from package metadata (``__version__`` is stale upstream)."""
    return metadata.version("market-data-core")


def core_id(name: str) -> str:
    return f"{CORE_ID_PREFIX}{name}"


def live_schema(module_name: str, name: str) -> dict[str, Any]:
    """``model_json_schema()`` of one Core contract as the installed Core writes it."""
    target = getattr(importlib.import_module(module_name), name)
    if isinstance(target, type) and issubclass(target, BaseModel):
        return target.model_json_schema()
    return TypeAdapter(target).json_schema()


def live_origin(module_name: str, name: str, version: str) -> dict[str, Any]:
    """Where a snapshot came from, and the model settings a schema cannot show."""
    target = getattr(importlib.import_module(module_name), name)
    origin: dict[str, Any] = {"class": f"{module_name}.{name}", "version": version}
    if isinstance(target, type) and issubclass(target, BaseModel):
        origin["frozen"] = bool(target.model_config.get("frozen", False))
        origin["extra"] = target.model_config.get("extra") or "ignore"
    return origin


def snapshot(
    project: Project, written: Mapping[str, dict[str, Any]] | None = None
) -> dict[str, dict[str, Any]]:
    """Every snapshotted Core contract as a self-contained 2020-12 document, by contract name.

    The schemas are the installed Core's (``written`` replaces what Pydantic writes for them,
    by contract name, for tests), in :func:`normal_form`: the snapshot is the same whichever
    supported Pydantic wrote it."""
    version = core_version()
    documents = {}
    for name in project.core_contracts:
        schema = live_schema(project.core_module, name) if written is None else written[name]
        documents[name] = {
            "$schema": DRAFT_2020_12,
            "$id": core_id(name),
            "$comment": "Snapshot of market-data-core's own schema. Written by `make generate`; "
            "do not edit.",
            ORIGIN: live_origin(project.core_module, name, version),
            **normal_form(schema),
        }
    return documents
