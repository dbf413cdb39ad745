"""``store-contracts check``: the drift gate.

In one process it compares

a. the installed Core's live ``model_json_schema()`` with the Core snapshot in ``schemas/core``;
b. what the Store's declarations generate now with the generated files in the tree;
c. the Store against the installed Core, in both directions that matter (every Store event is a
   Core event; every event Core writes is a Store event), with the compatibility checker;
d. the published bundle with its sources (part of b: the bundle is generated too);

and says which side drifted and what fixes it. Exit 0 clean, 1 stale (``make generate`` fixes
it and the Store stays compatible), 3 breaking (a person must decide), 2 bad usage or input.
"""

from __future__ import annotations

import argparse
import copy
import difflib
import inspect
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TextIO

from . import _checkout
from ._errors import ContractsError, ExitCode, pointer_join
from ._io import load_json
from ._keywords import strip_keywords

Severity = Literal["info", "stale", "breaking"]
_RANK: dict[str, int] = {"info": 0, "stale": 1, "breaking": 2}
_STATUS = {"info": "clean", "stale": "stale", "breaking": "breaking"}
EXIT_CODES = {"clean": ExitCode.OK, "stale": ExitCode.FAILED, "breaking": ExitCode.BREAKING}

#: Keywords that never change which instances a schema accepts.
ANNOTATIONS = frozenset(
    {
        "title",
        "description",
        "default",
        "examples",
        "$comment",
        "deprecated",
        "readOnly",
        "writeOnly",
        "customBasePath",
        "customTypePath",
    }
)
#: Keywords naming a document rather than constraining it.
IDENTITY = frozenset({"$schema", "$id"})

MAKE_GENERATE = "run `make generate` and commit the result"
ORIGIN = "x-market-data-core"


@dataclass(frozen=True, order=True)
class Finding:
    """One thing the gate noticed: where, how serious, and what fixes it."""

    file: str
    pointer: str
    code: str
    severity: Severity
    message: str
    fix: str | None = None
    witness: Any = field(default=None, compare=False)
    #: For a stale generated file: a unified diff from the file in the tree to the fresh one.
    diff: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "pointer": self.pointer,
            "message": self.message,
            "fix": self.fix,
        }
        if self.witness is not None:
            data["witness"] = self.witness
        if self.diff is not None:
            data["diff"] = self.diff
        return data


@dataclass(frozen=True)
class GateReport:
    core_version: str
    snapshot_core_version: str | None
    findings: list[Finding]

    @property
    def status(self) -> str:
        worst = max((_RANK[f.severity] for f in self.findings), default=0)
        return _STATUS[next(k for k, v in _RANK.items() if v == worst)]

    @property
    def exit_code(self) -> ExitCode:
        return EXIT_CODES[self.status]

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "core_version": self.core_version,
            "snapshot_core_version": self.snapshot_core_version,
            "findings": [finding.to_dict() for finding in self.findings],
        }


def strip_annotations(schema: Any) -> Any:
    """``schema`` without annotations, identity keywords and ``x-`` keywords, removed only
    where a keyword can stand: what decides validity, for comparison."""
    return strip_keywords(schema, ANNOTATIONS | IDENTITY, extensions=True)


def _registry(documents: Mapping[str, Mapping[str, Any]]) -> Any:
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    return Registry().with_resources(
        (doc["$id"], DRAFT202012.create_resource(dict(doc))) for doc in documents.values()
    )


def _same_meaning(old: Mapping[str, Any], new: Mapping[str, Any], names: tuple[str, str]) -> Any:
    from .compat import check

    return check(dict(old), dict(new), mode="full", old_name=names[0], new_name=names[1])


class Gate:
    """One run of the gate over a checkout."""

    def __init__(self, codegen: Any, project: Any) -> None:
        self.codegen = codegen
        self.project = project
        self.findings: list[Finding] = []
        self.core_version: str = codegen.core_version()
        self.snapshot_version: str | None = None

    def add(
        self,
        path: Path | str,
        pointer: str,
        code: str,
        severity: Severity,
        message: str,
        fix: str | None = None,
        witness: Any = None,
        diff: str | None = None,
    ) -> None:
        shown = self.project.relative(path) if isinstance(path, Path) else path
        self.findings.append(Finding(shown, pointer, code, severity, message, fix, witness, diff))

    def run(self) -> GateReport:
        live = self.codegen.snapshot(self.project)
        self.compare_core_snapshot(live)
        declarations = self.compare_store_with_core(live)
        if declarations is not None:
            self.compare_generated_files(live)
        return GateReport(self.core_version, self.snapshot_version, sorted(set(self.findings)))

    # a. Core drift -------------------------------------------------------------------------

    def compare_core_snapshot(self, live: Mapping[str, dict[str, Any]]) -> None:
        unchanged: list[str] = []
        for name, live_doc in live.items():
            path = self.project.core_schemas / f"{self.codegen.snake_case(name)}.json"
            if not path.exists():
                self.add(
                    path,
                    "",
                    "CORE_SNAPSHOT_MISSING",
                    "stale",
                    f"Core contract {name} has no snapshot.",
                    MAKE_GENERATE,
                )
                continue
            committed = load_json(path, self.project.relative(path))
            if not isinstance(committed, dict):
                raise ContractsError(self.project.relative(path), "is not a JSON object")
            before = committed.get(ORIGIN, {})
            after = live_doc[ORIGIN]
            self.snapshot_version = self.snapshot_version or before.get("version")
            self.compare_model_settings(path, name, before, after)
            if strip_annotations(committed) == strip_annotations(live_doc):
                if _without_origin(committed) != _without_origin(live_doc):
                    self.add(
                        path,
                        "",
                        "CORE_ANNOTATIONS_CHANGED",
                        "info",
                        f"{self.version_note(before)} changed only annotations of {name} "
                        "(descriptions, titles, defaults); the meaning is unchanged.",
                        MAKE_GENERATE + " to refresh the documentation",
                    )
                else:
                    unchanged.append(name)
                continue
            shown = self.project.relative(path)
            if _same_meaning(committed, live_doc, (shown, "installed Core")).compatible:
                self.add(
                    path,
                    "",
                    "CORE_SCHEMA_REWRITTEN",
                    "info",
                    f"{self.version_note(before)} writes the schema of {name} differently "
                    "with the same meaning (a change of form in Core or Pydantic, "
                    "normalised away).",
                )
                continue
            self.add(
                path,
                "",
                "CORE_SCHEMA_CHANGED",
                "stale",
                f"{self.version_note(before)} changed {name}: "
                f"{_describe_change(committed, live_doc, shown)}.",
                MAKE_GENERATE,
            )
        if unchanged and self.snapshot_version != self.core_version:
            self.add(
                self.project.core_schemas,
                "",
                "CORE_VERSION_CHANGED",
                "info",
                f"{self.version_note({'version': self.snapshot_version})}: the schemas of "
                f"{', '.join(unchanged)} are unchanged.",
            )

    def version_note(self, origin: Mapping[str, Any]) -> str:
        before = origin.get("version")
        if before and before != self.core_version:
            return f"Core {before} -> {self.core_version}"
        return f"Core {self.core_version}"

    def compare_model_settings(
        self,
        path: Path,
        name: str,
        before: Mapping[str, Any],
        after: Mapping[str, Any],
    ) -> None:
        origin = ORIGIN
        version_note = self.version_note(before)
        if "frozen" in after and before.get("frozen") != after["frozen"]:
            state = "frozen" if after["frozen"] else "no longer frozen"
            self.add(
                path,
                pointer_join("", origin, "frozen"),
                "CORE_FROZEN_CHANGED",
                "stale",
                f"{version_note}: Core's {name} is {state}; the Store's events stay frozen "
                "and hashable by their own configuration.",
                MAKE_GENERATE,
            )
        if "extra" in after and before.get("extra") != after["extra"]:
            self.add(
                path,
                pointer_join("", origin, "extra"),
                "CORE_EXTRA_CHANGED",
                "stale",
                f"{version_note}: Core's {name} now handles unknown keys with "
                f"extra={after['extra']!r} (was {before.get('extra')!r}).",
                MAKE_GENERATE,
            )

    # c. the Store against the installed Core ---------------------------------------------------

    def compare_store_with_core(self, live: Mapping[str, dict[str, Any]]) -> list[Any] | None:
        """Check each declaration against live Core. Returns the declarations when the tree
        can be regenerated, ``None`` when a Core change stops generation."""
        from .compat import check

        by_id = {doc["$id"]: doc for doc in live.values()}
        registry = _registry(live)
        regenerable = True
        for path in sorted(self.project.store_schemas.glob("*.json")):
            shown = self.project.relative(path)
            declaration = load_json(path, shown)
            if not isinstance(declaration, dict):
                raise ContractsError(shown, "must be a JSON object (a JSON Schema declaration)")
            base = _core_base(declaration, by_id)
            if base is None:
                continue
            core_doc = by_id[base]
            name = core_doc["x-market-data-core"]["class"]
            overlap = sorted(
                set(declaration.get("properties", {})) & set(core_doc.get("properties", {}))
            )
            for prop in overlap:
                regenerable = False
                self.judge_overlap(path, declaration, core_doc, prop)
            effective = _effective_store_schema(declaration, core_doc)
            # Both directions, each with what the Store writes or reads closed as a model does:
            # (rule, old, new, names, the side the pointer is taken from, message lead, fix).
            directions = (
                (
                    "STORE_NOT_A_CORE_EVENT",
                    effective,
                    core_doc,
                    (shown, name),
                    "old",
                    f"A Store event would fail Core's {name}: ",
                    "the Store can no longer extend Core compatibly: change the declaration or "
                    "agree a Core change",
                ),
                (
                    "CORE_EVENT_NOT_A_STORE_EVENT",
                    core_doc,
                    effective,
                    (name, shown),
                    "new",
                    f"An event written by Core's {name} would fail the Store's schema: ",
                    "the Store can no longer read Core's events: change the declaration",
                ),
            )
            for code, old, new, (old_name, new_name), side, lead, fix in directions:
                report = check(
                    old,
                    new,
                    mode="backward",
                    close_old=True,
                    registry=registry,
                    old_name=old_name,
                    new_name=new_name,
                )
                for finding in report.findings:
                    if finding.breaking:
                        pointer = finding.old_pointer if side == "old" else finding.new_pointer
                        self.add(
                            path,
                            pointer,
                            code,
                            "breaking",
                            lead + finding.message,
                            fix,
                            finding.witness,
                        )
            self.check_factory(core_doc, name)
        if not regenerable:
            return None
        return []

    def judge_overlap(
        self, path: Path, declaration: Mapping[str, Any], core_doc: Mapping[str, Any], prop: str
    ) -> None:
        mine = declaration["properties"][prop]
        theirs = core_doc["properties"][prop]
        pointer = pointer_join("/properties", prop)
        name = core_doc["x-market-data-core"]["class"]
        same = _same_meaning(
            _standalone(mine, core_doc),
            _standalone(theirs, core_doc),
            (self.project.relative(path), name),
        ).compatible
        if same:
            self.add(
                path,
                pointer,
                "STORE_EXTENSION_REDUNDANT",
                "stale",
                f"Core's {name} now declares {prop!r} with the same meaning as the Store's "
                "extension: the extension is redundant.",
                f"delete {prop!r} from {self.project.relative(path)}, then run `make generate`",
            )
        else:
            self.add(
                path,
                pointer,
                "STORE_EXTENSION_CONFLICTS",
                "breaking",
                f"Core's {name} now declares {prop!r} differently from the Store's extension "
                f"(Core: {_describe(theirs)}; Store: {_describe(mine)}).",
                "a person must decide: rename the Store's field or adopt Core's",
            )

    def check_factory(self, core_doc: Mapping[str, Any], name: str) -> None:
        """Core fields that are required but that ``create()`` cannot fill break the Store."""
        from ._bases import FeedbackEventBehaviour

        if not name.endswith(".FeedbackEvent"):
            return
        parameters = set(inspect.signature(FeedbackEventBehaviour.create).parameters) - {"reason"}
        fills = parameters | {"source", "ts"}
        snapshot = self.project.core_schemas / (
            self.codegen.snake_case(name.rpartition(".")[2]) + ".json"
        )
        for removed in sorted(fills - set(core_doc.get("properties", {}))):
            self.add(
                snapshot,
                pointer_join("/properties", removed),
                "CORE_FIELD_REMOVED_USED_BY_STORE",
                "breaking",
                f"Core's {name} no longer declares {removed!r}, which "
                "FeedbackEvent.create() fills: Core would drop it silently.",
                "a person must decide: drop it from create() in _bases.py or agree the Core change",
            )
        for required in core_doc.get("required", []):
            if required not in fills:
                self.add(
                    snapshot,
                    "/required",
                    "CORE_REQUIRED_FIELD_UNFILLED",
                    "breaking",
                    f"Core's {name} now requires {required!r}, which "
                    "FeedbackEvent.create() cannot fill.",
                    "a person must decide how the Store fills it: extend create() "
                    "in _bases.py, then run `make generate`",
                )

    # b and d. generated files ------------------------------------------------------------------

    def compare_generated_files(self, live: Mapping[str, dict[str, Any]]) -> None:
        files: Mapping[Path, str] = self.codegen.generate_tree(self.project, live)
        stale_bundle: list[str] = []
        bundle_diffs: list[str] = []
        for path, text in sorted(files.items()):
            if path.parent == self.project.core_schemas:
                continue  # judged by meaning in compare_core_snapshot
            current = path.read_text(encoding="utf-8") if path.is_file() else None
            if path.is_relative_to(self.project.bundle_dir):
                if not self.codegen.same_bundle_file(self.project, path, current, text):
                    stale_bundle.append(path.relative_to(self.project.bundle_dir).as_posix())
                    bundle_diffs.append(self.diff(path, current, text))
                continue
            if current == text:
                continue
            if current is None:
                message = f"The generated model {self.project.relative(path)} is missing."
            else:
                message = (
                    f"The generated model {self.project.relative(path)} differs from what its "
                    "declaration generates (the declaration was edited, or the generated file "
                    "by hand)." + _form_only(current, text)
                )
            self.add(
                path,
                "",
                "GENERATED_MODEL_STALE",
                "stale",
                message,
                MAKE_GENERATE,
                diff=self.diff(path, current, text),
            )
        if stale_bundle:
            self.add(
                self.project.bundle_dir,
                "",
                "PUBLISHED_BUNDLE_STALE",
                "stale",
                f"The published bundle differs from its sources in {', '.join(stale_bundle)}.",
                MAKE_GENERATE,
                diff=_limit("".join(bundle_diffs)),
            )
        for path in sorted(self.codegen.owned_files(self.project) - set(files)):
            self.add(
                path,
                "",
                "GENERATED_FILE_ORPHANED",
                "stale",
                f"{self.project.relative(path)} has no source any more.",
                MAKE_GENERATE,
            )

    def diff(self, path: Path, current: str | None, fresh: str) -> str:
        shown = self.project.relative(path)
        lines = difflib.unified_diff(
            (current or "").splitlines(keepends=True),
            fresh.splitlines(keepends=True),
            f"a/{shown}" if current is not None else "/dev/null",
            f"b/{shown}",
        )
        return _limit("".join(line if line.endswith("\n") else line + "\n" for line in lines))


#: Lines of diff shown per finding: enough to see the change, not a whole file.
DIFF_LINES = 60


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


def _without_origin(document: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != ORIGIN}


def _describe_change(before: dict[str, Any], after: dict[str, Any], shown: str) -> str:
    """What a Core change did, in both directions: what it stopped accepting (with the
    checker's messages) and what it started accepting (with an example)."""
    from .compat import check

    parts = []
    narrowed = check(before, after, mode="backward", old_name=shown, new_name="installed Core")
    messages = sorted({f.message.rstrip(".") for f in narrowed.findings if f.breaking})
    if messages:
        parts.append("it accepts less (" + "; ".join(messages) + ")")
    widened = check(after, before, mode="backward", old_name="installed Core", new_name=shown)
    examples = [f.witness for f in widened.findings if f.breaking and f.witness is not None]
    if not widened.compatible:
        example = f", e.g. {_compact(examples[0])}" if examples else ""
        parts.append(f"it accepts more{example}")
    return " and ".join(parts) or "its schema changed"


def _compact(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def _core_base(declaration: Mapping[str, Any], by_id: Mapping[str, Any]) -> str | None:
    for entry in declaration.get("allOf", []):
        if isinstance(entry, dict) and entry.get("$ref") in by_id:
            return str(entry["$ref"])
    return None


def _standalone(subschema: Any, core_doc: Mapping[str, Any]) -> dict[str, Any]:
    """A property's subschema as a document of its own (Core's ``$defs`` kept for its refs)."""
    if isinstance(subschema, bool):
        return {"allOf": [subschema]} if subschema else {"not": {}}
    document = dict(subschema)
    if "$defs" in core_doc:
        document = {**document, "$defs": core_doc["$defs"]}
    return document


def _effective_store_schema(
    declaration: Mapping[str, Any], core_doc: Mapping[str, Any]
) -> dict[str, Any]:
    """What the Store's model accepts and writes: Core's schema with the declaration's
    properties added (a Store property of the same name overrides Core's, as in Python)."""
    effective = copy.deepcopy(dict(core_doc))
    effective.pop("$id", None)
    effective["properties"] = {
        **effective.get("properties", {}),
        **copy.deepcopy(declaration.get("properties", {})),
    }
    required = list(effective.get("required", []))
    required += [name for name in declaration.get("required", []) if name not in required]
    if required:
        effective["required"] = required
    rest = {
        k: v
        for k, v in declaration.items()
        if k not in ANNOTATIONS | IDENTITY | {"allOf", "properties", "required", "type"}
        and not k.startswith("x-")
    }
    if rest:  # other constraints of the declaration apply on top
        effective = {"allOf": [effective, copy.deepcopy(rest)], "$defs": effective.pop("$defs", {})}
    return effective


def _describe(subschema: Any) -> str:
    return json.dumps(strip_annotations(subschema), sort_keys=True, separators=(",", ":"))


# Output formats ------------------------------------------------------------------------------


def _text(report: GateReport) -> Iterator[str]:
    for finding in report.findings:
        where = f"{finding.file}#{finding.pointer}"
        line = f"{where}: {finding.message} ({finding.code}, {finding.severity})"
        if finding.witness is not None:
            line += f" witness: {json.dumps(finding.witness, sort_keys=True)}"
        yield line
        if finding.fix:
            yield f"  fix: {finding.fix}"
        if finding.diff:
            yield from ("  " + row for row in finding.diff.rstrip("\n").split("\n"))
    snapshot = report.snapshot_core_version or "none"
    yield (
        f"{report.status}: market-data-core {report.core_version} installed, "
        f"snapshot from {snapshot}, {len(report.findings)} finding(s)"
    )


def _json(report: GateReport) -> Iterator[str]:
    yield json.dumps(report.to_dict(), indent=2, sort_keys=True)


def _github(report: GateReport) -> Iterator[str]:
    level = {"info": "notice", "stale": "warning", "breaking": "error"}
    for finding in report.findings:
        message = finding.message + (f" Fix: {finding.fix}" if finding.fix else "")
        message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        yield f"::{level[finding.severity]} file={finding.file},title={finding.code}::{message}"
    yield f"drift gate: {report.status} (market-data-core {report.core_version})"


FORMATS: dict[str, Callable[[GateReport], Iterator[str]]] = {
    "text": _text,
    "json": _json,
    "github": _github,
}


def configure(parser: argparse.ArgumentParser) -> None:
    _checkout.add_root_argument(parser)
    parser.add_argument("--format", choices=sorted(FORMATS), default="text")


def execute(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    codegen, project = _checkout.load(args.root)
    report = Gate(codegen, project).run()
    for line in FORMATS[args.format](report):
        stdout.write(line + "\n")
    return report.exit_code
