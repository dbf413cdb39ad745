"""Stage 1, Core snapshot drift: the installed Core's live ``model_json_schema()`` of every
snapshotted contract against ``schemas/core/``, by meaning, not bytes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .._documents.pointers import pointer_join
from ._codes import (
    CORE_ANNOTATIONS_CHANGED,
    CORE_EXTRA_CHANGED,
    CORE_FROZEN_CHANGED,
    CORE_SCHEMA_CHANGED,
    CORE_SCHEMA_REWRITTEN,
    CORE_SNAPSHOT_MISSING,
    CORE_VERSION_CHANGED,
)
from ._report import MAKE_GENERATE, Finding, finding
from ._shared import ORIGIN, compact, strip_annotations

__all__ = ["Snapshot", "core_drift"]

#: A committed snapshot: its path and its document (``None`` when the file is missing).
Snapshot = tuple[Path, dict[str, Any] | None]


def core_drift(
    project: Any,
    live: Mapping[str, dict[str, Any]],
    committed: Mapping[str, Snapshot],
    core_version: str,
    snapshot_version: str | None,
) -> list[Finding]:
    """Findings for every way the installed Core (``live``, by contract name) differs from the
    ``committed`` snapshot: meaning, annotations only, form only, model settings, version."""
    findings: list[Finding] = []
    unchanged: list[str] = []
    for name, live_doc in live.items():
        path, document = committed[name]
        if document is None:
            findings.append(
                finding(
                    project,
                    path,
                    "",
                    CORE_SNAPSHOT_MISSING,
                    f"Core contract {name} has no snapshot.",
                    MAKE_GENERATE,
                )
            )
            continue
        before = document.get(ORIGIN, {})
        note = version_note(before.get("version"), core_version)
        findings.extend(_settings(project, path, name, before, live_doc[ORIGIN], note))
        if strip_annotations(document) == strip_annotations(live_doc):
            if _without_origin(document) != _without_origin(live_doc):
                findings.append(
                    finding(
                        project,
                        path,
                        "",
                        CORE_ANNOTATIONS_CHANGED,
                        f"{note} changed only annotations of {name} "
                        "(descriptions, titles, defaults); the meaning is unchanged.",
                        MAKE_GENERATE + " to refresh the documentation",
                    )
                )
            else:
                unchanged.append(name)
            continue
        findings.append(_changed(project, path, name, document, live_doc, note))
    if unchanged and snapshot_version != core_version:
        findings.append(
            finding(
                project,
                project.core_schemas,
                "",
                CORE_VERSION_CHANGED,
                f"{version_note(snapshot_version, core_version)}: the schemas of "
                f"{', '.join(unchanged)} are unchanged.",
            )
        )
    return findings


def version_note(before: str | None, core_version: str) -> str:
    """``Core 1.4.61 -> 9.9.9``, or ``Core 9.9.9`` when the version did not change."""
    if before and before != core_version:
        return f"Core {before} -> {core_version}"
    return f"Core {core_version}"


def _changed(
    project: Any,
    path: Path,
    name: str,
    document: dict[str, Any],
    live_doc: dict[str, Any],
    note: str,
) -> Finding:
    from ..compat import check

    shown = project.relative(path)
    narrowed = check(document, live_doc, mode="backward", old_name=shown, new_name="installed Core")
    widened = check(live_doc, document, mode="backward", old_name="installed Core", new_name=shown)
    if narrowed.compatible and widened.compatible:
        return finding(
            project,
            path,
            "",
            CORE_SCHEMA_REWRITTEN,
            f"{note} writes the schema of {name} differently with the same meaning "
            "(a change of form in Core or Pydantic, normalised away).",
        )
    parts = []
    messages = sorted({f.message.rstrip(".") for f in narrowed.findings if f.breaking})
    if messages:
        parts.append("it accepts less (" + "; ".join(messages) + ")")
    if not widened.compatible:
        examples = [f.witness for f in widened.findings if f.breaking and f.witness is not None]
        example = f", e.g. {compact(examples[0])}" if examples else ""
        parts.append(f"it accepts more{example}")
    return finding(
        project,
        path,
        "",
        CORE_SCHEMA_CHANGED,
        f"{note} changed {name}: {' and '.join(parts) or 'its schema changed'}.",
        MAKE_GENERATE,
    )


def _settings(
    project: Any,
    path: Path,
    name: str,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    note: str,
) -> Iterator[Finding]:
    """The model settings a schema cannot show: ``frozen`` and ``extra``."""
    if "frozen" in after and before.get("frozen") != after["frozen"]:
        state = "frozen" if after["frozen"] else "no longer frozen"
        yield finding(
            project,
            path,
            pointer_join("", ORIGIN, "frozen"),
            CORE_FROZEN_CHANGED,
            f"{note}: Core's {name} is {state}; the Store's events stay frozen "
            "and hashable by their own configuration.",
            MAKE_GENERATE,
        )
    if "extra" in after and before.get("extra") != after["extra"]:
        yield finding(
            project,
            path,
            pointer_join("", ORIGIN, "extra"),
            CORE_EXTRA_CHANGED,
            f"{note}: Core's {name} now handles unknown keys with "
            f"extra={after['extra']!r} (was {before.get('extra')!r}).",
            MAKE_GENERATE,
        )


def _without_origin(document: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != ORIGIN}
