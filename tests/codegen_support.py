"""Generated files as the tree records them, whichever supported Core runs the suite."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any


def snapshot_core_version(project: Any) -> str:
    """The Core version the committed snapshot records (not necessarily the installed one)."""
    path = next(iter(sorted(project.core_schemas.glob("*.json"))))
    return str(json.loads(path.read_text(encoding="utf-8"))["x-market-data-core"]["version"])


def generated_as_committed(
    codegen: ModuleType, project: Any, written: dict[str, Any] | None = None
) -> dict[Path, str]:
    """Every generated file as ``make generate`` computes it from the installed Core (or from
    ``written``, raw schemas by contract name), recording the snapshot's Core version: any
    supported Core release may run the suite, and all of them write the same schemas."""
    core = codegen.snapshot(project, written)
    for document in core.values():
        document["x-market-data-core"]["version"] = snapshot_core_version(project)
    files: dict[Path, str] = codegen.generate_tree(project, core)
    return files
