"""``store-contracts check``: the drift gate.

In one process, five stages, each a function from its inputs to findings:

1. ``_core_drift``: the installed Core's live ``model_json_schema()`` against the Core snapshot
   in ``schemas/core``, by meaning;
2. ``_directions``: the Store against the installed Core, in both directions that matter (every
   Store event is a Core event; every event Core writes is a Store event), with the checker;
3. ``_generated``: every generated file (models and the published bundle), regenerated in
   memory (the generator's output kept between runs by ``_cache``), against the tree;
4. ``_releases``: the published bundle against the frozen releases in ``schemas/releases``
   (read by ``_frozen``), under the compatibility policy of ``pyproject.toml`` (``_policy``),
   with the checker on each distinct pair of files once (``_pairs``);
5. ``_consumers``: every consumer that ``pyproject.toml`` declares (``_declarations``) reads
   what the published bundle's models write, and from its ``since`` on what each frozen
   release's wrote (one ``_reading`` per writer and reader);

and says which side drifted and what fixes it. Exit 0 clean, 1 stale (``make generate`` or a
version bump fixes it and the Store stays compatible), 3 breaking (a person must decide), 2 bad
usage or input. The stages share the report (``_report``), the table of every code a finding
can carry (``_codes``) and a few shared functions (``_shared``). The commands ``check`` and
``release`` are ``cli.check`` and ``cli.release``; the output formats are ``_output``'s.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._documents.io import load_json
from ..errors import ContractsError
from ._consumers import consumers
from ._core_drift import Snapshot, core_drift
from ._declarations import read_consumers
from ._directions import BLOCKS_GENERATION, store_core_directions
from ._frozen import INDEX, read_bundle, read_releases
from ._generated import generated_files
from ._policy import read_policy
from ._releases import releases
from ._report import Finding, GateReport
from ._shared import ORIGIN

__all__ = ["Finding", "GateReport", "run_gate"]


def run_gate(codegen: Any, project: Any, *, cache: bool = True) -> GateReport:
    """Run every stage over the checkout ``project`` and gather their findings (``cache``:
    reuse the generator's output for unchanged inputs, see ``_cache``)."""
    core_version: str = codegen.core_version()
    live = codegen.snapshot(project)
    committed = committed_snapshots(codegen, project, live)
    snapshot_version = next(
        (
            str(document[ORIGIN]["version"])
            for _, document in committed.values()
            if document is not None and document.get(ORIGIN, {}).get("version")
        ),
        None,
    )
    findings = core_drift(project, live, committed, core_version, snapshot_version)
    directions = store_core_directions(project, live, committed)
    findings += directions
    if not any(f.code in BLOCKS_GENERATION for f in directions):
        findings += generated_files(codegen, project, live, cache=cache)
    if (project.bundle_dir / INDEX).is_file():  # otherwise stage 3 reports the bundle missing
        current = read_bundle(project.bundle_dir, project.relative(project.bundle_dir))
        history = read_releases(project)
        findings += releases(project, current, history, read_policy(project))
        findings += consumers(project, current, history, read_consumers(project, current.entries))
    return GateReport(core_version, snapshot_version, sorted(set(findings)))


def committed_snapshots(codegen: Any, project: Any, live: Mapping[str, Any]) -> dict[str, Snapshot]:
    """The Core snapshot in the tree, by contract name, read once for every stage."""
    committed: dict[str, Snapshot] = {}
    for name in live:
        path = project.core_schemas / f"{codegen.snake_case(name)}.json"
        if not path.exists():
            committed[name] = (path, None)
            continue
        document = load_json(path, project.relative(path))
        if not isinstance(document, dict):
            raise ContractsError(project.relative(path), "is not a JSON object")
        committed[name] = (path, document)
    return committed
