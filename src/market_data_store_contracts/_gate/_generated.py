"""Stage 3, regenerated files: every generated model and the published bundle, regenerated in
memory from the live Core and the declarations, against the tree."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ._cache import cached_tree
from ._codes import GENERATED_FILE_ORPHANED, GENERATED_MODEL_STALE, PUBLISHED_BUNDLE_STALE
from ._report import MAKE_GENERATE, Finding, finding

__all__ = ["generated_files"]

#: Lines of diff shown per finding: enough to see the change, not a whole file.
DIFF_LINES = 60


def generated_files(
    codegen: Any, project: Any, live: Mapping[str, dict[str, Any]], *, cache: bool = True
) -> list[Finding]:
    """Stale, missing and orphaned generated files (the Core snapshot is judged by stage 1).
    With ``cache``, the generator's output is reused when none of its inputs changed
    (``_cache``)."""
    files: Mapping[Path, str]
    if cache:
        files = cached_tree(codegen, project, live, lambda: codegen.generate_tree(project, live))
    else:
        files = codegen.generate_tree(project, live)
    findings: list[Finding] = []
    stale_bundle: list[str] = []
    bundle_diffs: list[str] = []
    for path, text in sorted(files.items()):
        if path.parent == project.core_schemas:
            continue  # judged by meaning in stage 1
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if path.is_relative_to(project.bundle_dir):
            if not codegen.same_bundle_file(project, path, current, text):
                stale_bundle.append(path.relative_to(project.bundle_dir).as_posix())
                bundle_diffs.append(_diff(project, path, current, text))
            continue
        if current == text:
            continue
        if current is None:
            message = f"The generated model {project.relative(path)} is missing."
        else:
            message = (
                f"The generated model {project.relative(path)} differs from what its "
                "declaration generates (the declaration was edited, or the generated file "
                "by hand)." + _form_only(current, text)
            )
        findings.append(
            finding(
                project,
                path,
                "",
                GENERATED_MODEL_STALE,
                message,
                MAKE_GENERATE,
                diff=_diff(project, path, current, text),
            )
        )
    if stale_bundle:
        findings.append(
            finding(
                project,
                project.bundle_dir,
                "",
                PUBLISHED_BUNDLE_STALE,
                f"The published bundle differs from its sources in {', '.join(stale_bundle)}.",
                MAKE_GENERATE,
                diff=_limit("".join(bundle_diffs)),
            )
        )
    for path in sorted(codegen.owned_files(project) - set(files)):
        findings.append(
            finding(
                project,
                path,
                "",
                GENERATED_FILE_ORPHANED,
                f"{project.relative(path)} has no source any more.",
                MAKE_GENERATE,
            )
        )
    return findings


def _diff(project: Any, path: Path, current: str | None, fresh: str) -> str:
    shown = project.relative(path)
    lines = difflib.unified_diff(
        (current or "").splitlines(keepends=True),
        fresh.splitlines(keepends=True),
        f"a/{shown}" if current is not None else "/dev/null",
        f"b/{shown}",
    )
    return _limit("".join(line if line.endswith("\n") else line + "\n" for line in lines))


def _limit(diff: str) -> str:
    lines = diff.splitlines(keepends=True)
    if len(lines) <= DIFF_LINES:
        return diff
    return "".join(lines[:DIFF_LINES]) + f"... ({len(lines) - DIFF_LINES} more lines)\n"


def _form_only(current: str, fresh: str) -> str:
    """Tell an edit in form (a generator upgrade) from one in meaning, by the schemas the two
    versions of a generated module produce."""

    def schemas(code: str) -> dict[str, Any] | None:
        from pydantic import BaseModel

        namespace: dict[str, Any] = {"__name__": "_regenerated"}
        try:
            exec(compile(code, "<generated>", "exec"), namespace)
            return {
                name: value.model_json_schema()
                for name, value in namespace.items()
                if isinstance(value, type)
                and issubclass(value, BaseModel)
                and value.__module__ == "_regenerated"
            }
        except Exception:
            return None

    before, after = schemas(current), schemas(fresh)
    if before is not None and before == after and before:
        return " Only its form differs: the models it defines are unchanged."
    return ""
