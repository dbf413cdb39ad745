"""Stage 2, the Store against the installed Core, in both directions that matter: every Store
event is a Core event, and every event Core writes is a Store event (each side that writes read
closed, as a model writes); a break the checker claims without a verified witness is
``STORE_CORE_UNDECIDED``, never a proven break and never a pass. Each direction is a reading
(``_reading``), the judgement the consumers stage makes of every declared consumer: Core's
model is the Store's first consumer.
Also: a Store field that Core now declares too, and Core fields that ``FeedbackEvent.create()``
must fill."""

from __future__ import annotations

import copy
import inspect
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .._documents.io import load_json
from .._documents.keywords import refs
from .._documents.pointers import pointer_join
from ..errors import ContractsError
from ._codes import (
    CORE_EVENT_NOT_A_STORE_EVENT,
    CORE_FIELD_REMOVED_USED_BY_STORE,
    CORE_REQUIRED_FIELD_UNFILLED,
    STORE_CORE_UNDECIDED,
    STORE_EXTENSION_CONFLICTS,
    STORE_EXTENSION_REDUNDANT,
    STORE_NOT_A_CORE_EVENT,
)
from ._core_drift import Snapshot
from ._reading import read_by
from ._report import Finding, finding
from ._shared import ANNOTATIONS, IDENTITY, describe, meaning, registry, strip_annotations

__all__ = ["BLOCKS_GENERATION", "store_core_directions"]

#: Findings after which the tree cannot be regenerated (the generator refuses an overlap).
BLOCKS_GENERATION = frozenset({STORE_EXTENSION_REDUNDANT.id, STORE_EXTENSION_CONFLICTS.id})


def store_core_directions(
    project: Any, live: Mapping[str, dict[str, Any]], committed: Mapping[str, Snapshot]
) -> list[Finding]:
    """Check each declaration in ``schemas/store`` against the live Core documents."""
    by_id = {doc["$id"]: doc for doc in live.values()}
    snapshots = {live[name]["$id"]: document for name, (_, document) in committed.items()}
    findings: list[Finding] = []
    for path in sorted(project.store_schemas.glob("*.json")):
        shown = project.relative(path)
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
            findings.append(
                _overlap(project, path, declaration, core_doc, snapshots.get(base), prop)
            )
        resources = _referenced(_effective_store_schema(declaration, core_doc), by_id)
        findings.extend(_both_ways(project, path, declaration, core_doc, name, resources))
        findings.extend(_factory(project, core_doc, name, committed))
    return findings


def _both_ways(
    project: Any,
    path: Path,
    declaration: Mapping[str, Any],
    core_doc: Mapping[str, Any],
    name: str,
    resources: Any,
) -> Iterator[Finding]:
    shown = project.relative(path)
    effective = _effective_store_schema(declaration, core_doc)
    # (rule, writer, reader, names, the side the pointer is taken from, message lead, fix)
    directions = (
        (
            STORE_NOT_A_CORE_EVENT,
            effective,
            core_doc,
            (shown, name),
            "old",
            f"A Store event would fail Core's {name}: ",
            "the Store can no longer extend Core compatibly: change the declaration or "
            "agree a Core change",
        ),
        (
            CORE_EVENT_NOT_A_STORE_EVENT,
            core_doc,
            effective,
            (name, shown),
            "new",
            f"An event written by Core's {name} would fail the Store's schema: ",
            "the Store can no longer read Core's events: change the declaration",
        ),
    )
    for code, writer, reader, (writer_name, reader_name), side, lead, fix in directions:
        reading = read_by(
            writer, reader, writer_name=writer_name, reader_name=reader_name, registry=resources
        )
        for item in reading.breaks:
            pointer = item.writer_pointer if side == "old" else item.reader_pointer
            if item.proven:
                yield finding(
                    project, path, pointer, code, lead + item.message, fix, witness=item.witness
                )
                continue
            yield finding(
                project,
                path,
                pointer,
                STORE_CORE_UNDECIDED,
                f"{lead}{item.message.rstrip('.')} ({item.rule}); the checker cannot decide: "
                f"{item.note}.",
                "a person must decide: simplify the declaration or agree a Core change where "
                "the checker cannot decide",
                details={"rule": item.rule, "reason": item.note, "direction": code.id},
            )


def _overlap(
    project: Any,
    path: Path,
    declaration: Mapping[str, Any],
    core_doc: Mapping[str, Any],
    snapshot: Mapping[str, Any] | None,
    prop: str,
) -> Finding:
    """A property both the Store's declaration and Core's contract declare. Which side moved
    is told by the committed snapshot: if Core still declares it as the snapshot says, the
    Store's declaration is what changed."""
    mine = declaration["properties"][prop]
    theirs = core_doc["properties"][prop]
    pointer = pointer_join("/properties", prop)
    name = core_doc["x-market-data-core"]["class"]
    shown = project.relative(path)
    before = (snapshot or {}).get("properties", {})
    store_moved = prop in before and strip_annotations(before[prop]) == strip_annotations(theirs)
    verdict = meaning(_standalone(mine, core_doc), _standalone(theirs, core_doc), (shown, name))
    if verdict == "undecided":
        message = (
            f"Core's {name} and the Store's declaration both declare {prop!r}, and the checker "
            f"cannot decide whether they mean the same (Core: {describe(theirs)}; "
            f"Store: {describe(mine)})."
        )
        fix = f"a person must decide: rename the Store's field or delete {prop!r} from {shown}"
        return finding(project, path, pointer, STORE_CORE_UNDECIDED, message, fix)
    if verdict == "compatible":
        lead = (
            f"The Store's declaration now declares {prop!r}, which Core's {name} already "
            "declares with the same meaning"
            if store_moved
            else f"Core's {name} now declares {prop!r} with the same meaning as the Store's "
            "extension"
        )
        return finding(
            project,
            path,
            pointer,
            STORE_EXTENSION_REDUNDANT,
            f"{lead}: the extension is redundant.",
            f"delete {prop!r} from {shown}, then run `make generate`",
        )
    if store_moved:
        message = (
            f"The Store's declaration now declares {prop!r} differently from Core's {name}, "
            f"which it extends and which is unchanged (Core: {describe(theirs)}; "
            f"Store: {describe(mine)})."
        )
        fix = f"rename the Store's field or delete {prop!r} from {shown}"
    else:
        message = (
            f"Core's {name} now declares {prop!r} differently from the Store's extension "
            f"(Core: {describe(theirs)}; Store: {describe(mine)})."
        )
        fix = "a person must decide: rename the Store's field or adopt Core's"
    return finding(project, path, pointer, STORE_EXTENSION_CONFLICTS, message, fix)


def _factory(
    project: Any, core_doc: Mapping[str, Any], name: str, committed: Mapping[str, Snapshot]
) -> Iterator[Finding]:
    """Core fields that are required but that ``create()`` cannot fill break the Store."""
    from .._bases import FeedbackEventBehaviour

    if not name.endswith(".FeedbackEvent"):
        return
    parameters = set(inspect.signature(FeedbackEventBehaviour.create).parameters) - {"reason"}
    fills = parameters | {"source", "ts"}
    snapshot = committed[name.rpartition(".")[2]][0]
    for removed in sorted(fills - set(core_doc.get("properties", {}))):
        yield finding(
            project,
            snapshot,
            pointer_join("/properties", removed),
            CORE_FIELD_REMOVED_USED_BY_STORE,
            f"Core's {name} no longer declares {removed!r}, which "
            "FeedbackEvent.create() fills: Core would drop it silently.",
            "a person must decide: drop it from create() in _bases.py or agree the Core change",
        )
    for required in core_doc.get("required", []):
        if required not in fills:
            yield finding(
                project,
                snapshot,
                "/required",
                CORE_REQUIRED_FIELD_UNFILLED,
                f"Core's {name} now requires {required!r}, which "
                "FeedbackEvent.create() cannot fill.",
                "a person must decide how the Store fills it: extend create() "
                "in _bases.py, then run `make generate`",
            )


def _referenced(document: Any, by_id: Mapping[str, Any]) -> Any:
    """A registry of the Core documents ``document`` reaches through ``$ref``s, or ``None``:
    the checker validates every document of a registry, so it gets only those it needs."""
    needed: dict[str, Any] = {}
    pending = [document]
    while pending:
        for _, ref, _ in refs(pending.pop()):
            uri = ref.partition("#")[0]
            if uri in by_id and uri not in needed:
                needed[uri] = by_id[uri]
                pending.append(by_id[uri])
    return registry(needed) if needed else None


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
