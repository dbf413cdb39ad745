"""Published bundles on disk: the current one (``src/.../schemas/bundle``) and the frozen
releases (``schemas/releases/<version>/``, the same layout: ``index.json``, ``core/``,
``store/``). Reading them, checking a frozen one against its own ``index.json``, freezing one."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .._documents.canonical import sha256, sha256_semantic
from .._documents.io import load_json, parse_json
from ..errors import ContractsError
from ._policy import Version

__all__ = [
    "INDEX",
    "Bundle",
    "Entry",
    "freeze",
    "parse_schema",
    "read_bundle",
    "read_releases",
    "releases_dir",
]

INDEX = "index.json"


def releases_dir(project: Any) -> Path:
    return Path(project.root) / "schemas" / "releases"


@dataclass(frozen=True)
class Entry:
    """One contract of a bundle: as its ``index.json`` lists it, and as its file says."""

    name: str
    path: Path
    #: The hashes ``index.json`` records.
    sha256: str
    sha256_semantic: str
    raw: bytes | None = field(repr=False)

    @property
    def actual(self) -> tuple[str, str] | None:
        """The hashes of the file as it is (``None`` when it is missing; empty strings when it
        is not JSON any more)."""
        return None if self.raw is None else _hashes(self.raw)


@dataclass(frozen=True)
class Bundle:
    """A bundle folder: its version (from ``index.json``) and its entries by name."""

    root: Path
    version: str
    entries: dict[str, Entry]
    #: Files in the folder that ``index.json`` does not list.
    unlisted: tuple[Path, ...] = ()


@cache
def parse_schema(raw: bytes, shown: str) -> dict[str, Any]:
    """A schema file's document (shared: never mutate it); :class:`ContractsError` if it is
    not a JSON object."""
    document = parse_json(raw, shown)
    if not isinstance(document, dict):
        raise ContractsError(shown, "is not a JSON object (a JSON Schema)")
    return document


@cache
def _hashes(raw: bytes) -> tuple[str, str]:
    """Both digests of a schema file, computed once per distinct content: releases that froze
    the same file share the work. Empty strings when the file is not a JSON object."""
    try:
        document = json.loads(raw)
        if not isinstance(document, dict):
            return "", ""
        return sha256(document), sha256_semantic(document)
    except (ValueError, TypeError):
        return "", ""


def read_bundle(root: Path, shown: str) -> Bundle:
    """The bundle in ``root``; an unreadable ``index.json`` is a user error (exit 2)."""
    index = load_json(root / INDEX, f"{shown}/{INDEX}")
    if not isinstance(index, dict) or not isinstance(index.get("schemas"), list):
        raise ContractsError(f"{shown}/{INDEX}", "is not a bundle index (no schemas list)")
    entries: dict[str, Entry] = {}
    for number, record in enumerate(index["schemas"]):
        keys = ("name", "file", "sha256", "sha256_semantic")
        if not isinstance(record, dict) or not all(isinstance(record.get(k), str) for k in keys):
            raise ContractsError(f"{shown}/{INDEX}", f"lacks one of {keys}", f"/schemas/{number}")
        path = root.joinpath(*record["file"].split("/"))
        raw = path.read_bytes() if path.is_file() else None
        entries[record["name"]] = Entry(
            record["name"], path, record["sha256"], record["sha256_semantic"], raw
        )
    listed = {entry.path for entry in entries.values()} | {root / INDEX}
    unlisted = tuple(sorted(set(root.rglob("*.json")) - listed))
    return Bundle(root, str(index.get("version")), entries, unlisted)


def read_releases(project: Any) -> list[tuple[Version, Bundle]]:
    """Every frozen release, oldest first."""
    folder = releases_dir(project)
    found = []
    for child in sorted(folder.iterdir()) if folder.is_dir() else []:
        if not child.is_dir() or child.name.startswith("."):
            continue
        shown = project.relative(child)
        found.append((Version.parse(child.name, shown, ""), read_bundle(child, shown)))
    return sorted(found, key=lambda pair: pair[0])


def _content(bundle: Bundle) -> dict[str, Any]:
    """What a release is: its files' bytes and what its index says of them."""
    return {
        name: (entry.path.relative_to(bundle.root).as_posix(), entry.raw, entry.sha256)
        for name, entry in bundle.entries.items()
    }


def freeze(project: Any, version: Version) -> tuple[Path, bool]:
    """Copy the published bundle into ``schemas/releases/<version>``. Returns the folder and
    whether it was written (``False``: already frozen with the same content). Refuses a bundle
    whose files disagree with its index or whose version is not ``version``, and a version
    frozen with other content (:class:`ContractsError`)."""
    bundle = read_bundle(project.bundle_dir, project.relative(project.bundle_dir))
    index_shown = f"{project.relative(project.bundle_dir)}/{INDEX}"
    if bundle.version != str(version):
        raise ContractsError(
            index_shown,
            f"is for version {bundle.version}, not {version} (pyproject.toml)",
            "/version",
            hint="run `make generate` first",
        )
    for entry in bundle.entries.values():
        if entry.actual != (entry.sha256, entry.sha256_semantic):
            raise ContractsError(
                project.relative(entry.path),
                "does not match its index.json hashes",
                hint="run `make generate` first",
            )
    target = releases_dir(project) / str(version)
    if target.exists():
        frozen = read_bundle(target, project.relative(target))
        if _content(frozen) == _content(bundle):
            return target, False
        changed = sorted(
            name
            for name in set(_content(frozen)) | set(_content(bundle))
            if _content(frozen).get(name) != _content(bundle).get(name)
        )
        raise ContractsError(
            project.relative(target),
            f"release {version} is already frozen with other content ({', '.join(changed)})",
            hint="a release never changes: bump the version in pyproject.toml",
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{version}.", dir=target.parent))
    try:
        for source in [bundle.root / INDEX, *(e.path for e in bundle.entries.values())]:
            destination = staging / source.relative_to(bundle.root)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target, True
