"""The generation step: Core snapshot, generated models and the published bundle, in one go.

``generate_tree`` computes every generated file in memory; ``write_tree`` puts them in place
only once all of them were computed, each through a temporary file and a rename, so a failing
step leaves the tree as it was. The drift gate calls ``generate_tree`` and compares.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from market_data_store_contracts._documents.io import dump_json, stage

from ._bundle import build_bundle, same_bundle_file
from ._models import Declaration, declarations, generate_models
from ._project import Project
from ._snapshot import core_id, core_version, live_schema, snapshot

__all__ = [
    "Declaration",
    "Project",
    "build_bundle",
    "core_id",
    "core_version",
    "generate_tree",
    "live_schema",
    "owned_files",
    "same_bundle_file",
    "snake_case",
    "snapshot",
    "write_tree",
]


def snake_case(name: str) -> str:
    """``FeedbackEvent`` -> ``feedback_event``: the file name of a contract."""
    return "".join(f"_{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(name))


def generate_tree(
    project: Project, core: Mapping[str, dict[str, Any]] | None = None
) -> dict[Path, str]:
    """Every generated file of the checkout, by path, computed from the installed Core (its
    ``snapshot``, taken here unless given) and the Store's declarations. Writes nothing."""
    if core is None:
        core = snapshot(project)
    files = {
        project.core_schemas / f"{snake_case(name)}.json": dump_json(document)
        for name, document in core.items()
    }
    found = declarations(project, core)
    files.update(generate_models(project, found))
    files.update(build_bundle(project, core, found))
    return files


def owned_files(project: Project) -> set[Path]:
    """The files on disk that only the generator writes."""
    return {
        *project.core_schemas.glob("*.json"),
        *project.generated_models.glob("*.py"),
        *project.bundle_dir.rglob("*.json"),
    }


def write_tree(project: Project, files: Mapping[Path, str]) -> list[Path]:
    """Put ``files`` in place and remove generated files that no longer have a source.

    Returns the paths that changed. Every new content is written to a temporary file first;
    renames happen only after all of them were written.
    """
    changed = [
        path
        for path, text in sorted(files.items())
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]
    staged: list[tuple[Path, Path]] = []
    try:
        for path in changed:
            staged.append((stage(path, files[path]), path))
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, path in staged:
        os.replace(tmp, path)
    removed = sorted(owned_files(project) - set(files))
    for path in removed:
        path.unlink()
    return changed + removed
