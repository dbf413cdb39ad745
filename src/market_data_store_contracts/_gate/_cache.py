"""What the generator computes, kept between gate runs.

Running datamodel-code-generator costs the gate most of its time (its imports, mostly), and
its output is a pure function of its inputs (regenerating twice gives the same bytes; a test
proves it). So the files ``generate_tree`` computes are kept, by a SHA-256 of every input:

- the live Core snapshot the generator is given;
- ``pyproject.toml`` and every declaration in ``schemas/store``;
- the source of the ``codegen`` package and of this package (the code that generates);
- the versions of Python, datamodel-code-generator, Pydantic, pydantic-core and Core.

Any change to one of them is another key, so another computation. The stage still compares
the tree with the files byte for byte: a generated file edited by hand is found either way.
The cache lives in ``$XDG_CACHE_HOME/market-data-store-contracts`` (``~/.cache`` by default),
keeps the latest :data:`KEEP` entries, and is never required: an unreadable, corrupt or
unwritable cache is ignored. ``store-contracts check --no-cache`` bypasses it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from .._documents.io import write_atomic

__all__ = ["KEEP", "cache_dir", "cached_tree"]

KEEP = 32
_DISTRIBUTIONS = ("datamodel-code-generator", "pydantic", "pydantic-core", "market-data-core")


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "market-data-store-contracts"


def _sources(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "_generated" not in p.parts)


def _key(codegen: Any, project: Any, live: Mapping[str, Any]) -> str:
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)

    add("live", json.dumps(live, sort_keys=True, ensure_ascii=False).encode())
    add("version", sys.version.encode())
    for name in _DISTRIBUTIONS:
        try:
            add(name, metadata.version(name).encode())
        except metadata.PackageNotFoundError:
            add(name, b"")
    package = Path(__file__).resolve().parent.parent
    codegen_dir = Path(codegen.__file__).resolve().parent
    inputs = [
        project.pyproject,
        *sorted(project.store_schemas.glob("*.json")),
        *_sources(codegen_dir),
        *_sources(package),
    ]
    for path in inputs:
        add(str(path), path.read_bytes())
    return digest.hexdigest()


def cached_tree(
    codegen: Any,
    project: Any,
    live: Mapping[str, Any],
    compute: Callable[[], Mapping[Path, str]],
) -> Mapping[Path, str]:
    """``compute()`` (the generated files by path), or what it returned last time for the
    same inputs."""
    entry = cache_dir() / f"generated-{_key(codegen, project, live)}.json"
    root = Path(project.root)
    try:
        stored = json.loads(entry.read_text(encoding="utf-8"))
        if isinstance(stored, dict) and all(isinstance(v, str) for v in stored.values()):
            os.utime(entry)  # recently used: kept longest
            return {root / relative: text for relative, text in stored.items()}
    except (OSError, ValueError):
        pass
    files = compute()
    try:
        write_atomic(
            entry,
            json.dumps({p.relative_to(root).as_posix(): t for p, t in files.items()}),
        )
        entries = sorted(
            entry.parent.glob("generated-*.json"), key=lambda p: p.stat().st_mtime, reverse=True
        )
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass  # a cache that cannot be written is only slower
    return files
