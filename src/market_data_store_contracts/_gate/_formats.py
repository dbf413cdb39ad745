"""The gate's output formats, chosen by name: text for people, JSON for machines, GitHub
workflow annotations for CI."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from ._report import GateReport

__all__ = ["FORMATS"]


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
        if finding.witness is not None:
            message += f" Witness: {json.dumps(finding.witness, sort_keys=True)}"
        message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        yield f"::{level[finding.severity]} file={finding.file},title={finding.code}::{message}"
    yield f"drift gate: {report.status} (market-data-core {report.core_version})"


FORMATS: dict[str, Callable[[GateReport], Iterator[str]]] = {
    "text": _text,
    "json": _json,
    "github": _github,
}
