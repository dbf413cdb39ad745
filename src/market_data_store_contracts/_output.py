"""What a command reports, written one way: text for people, JSON for machines, GitHub
workflow annotations for CI.

A command turns its report into an :class:`Output` (``of_compat`` for ``compat``, ``of_gate``
for ``check``); ``FORMATS`` writes an ``Output`` in the format chosen by name. The layout of a
text line and the escaping of a GitHub annotation live here and nowhere else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ._documents.io import json_dumps

if TYPE_CHECKING:
    from ._gate._report import Finding as GateFinding
    from ._gate._report import GateReport
    from .compat._report import Finding, Report

__all__ = [
    "FORMATS",
    "Annotation",
    "Output",
    "escape_data",
    "escape_property",
    "of_compat",
    "of_gate",
]

Level = Literal["error", "warning", "notice"]


@dataclass(frozen=True)
class Annotation:
    """One thing a command says about a place in a file.

    The text format shows ``FILE#POINTER: text`` and then each of ``notes`` indented on a line
    of its own; the GitHub format shows ``github`` as a ``level`` annotation on ``file`` titled
    ``title``.
    """

    level: Level
    file: str
    pointer: str
    title: str
    text: str
    github: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Output:
    """A command's report, ready to be written in any format.

    ``summary`` is the last line of the text format; ``github_summary`` a plain line after the
    annotations (none if ``None``); ``document`` the JSON format, written with non-ASCII
    characters escaped when ``ascii_json`` is set.
    """

    annotations: tuple[Annotation, ...]
    summary: str
    document: Mapping[str, Any]
    github_summary: str | None = None
    ascii_json: bool = False


def escape_data(text: str) -> str:
    """``text`` as the message of a GitHub workflow command: ``%``, CR and LF escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """``text`` as a property value of a GitHub workflow command: also ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _lines(lines: list[str]) -> str:
    return writable("\n".join(lines) + ("\n" if lines else ""))


def writable(text: str) -> str:
    """``text`` with each lone surrogate (a name JSON allows, ``"\\ud800"``, but no UTF-8 stream
    can carry) written as its JSON escape ``\\ud800``: valid inside a JSON string, readable in
    text, never an encoding error on output. A ``str`` holds a surrogate only when it is lone:
    JSON's pairs decode to the character they stand for."""
    return _LONE_SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def format_text(output: Output) -> str:
    lines = []
    for annotation in output.annotations:
        lines.append(f"{annotation.file}#{annotation.pointer}: {annotation.text}")
        lines.extend(f"  {note}" for note in annotation.notes)
    lines.append(output.summary)
    return _lines(lines)


def format_json(output: Output) -> str:
    text = json_dumps(output.document, indent=2, ensure_ascii=output.ascii_json, sort_keys=True)
    return writable(text) + "\n"


def format_github(output: Output) -> str:
    lines = [
        f"::{annotation.level} file={escape_property(annotation.file)},"
        f"title={escape_property(annotation.title)}::{escape_data(annotation.github)}"
        for annotation in output.annotations
    ]
    if output.github_summary is not None:
        lines.append(output.github_summary)
    return _lines(lines)


#: format name -> function writing an :class:`Output` in that format
FORMATS: dict[str, Callable[[Output], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
}


# -- compat ----------------------------------------------------------------------------------


def _compact(value: object) -> str:
    return json_dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


#: ``Finding.status`` -> GitHub annotation level
_COMPAT_LEVELS: dict[str, Level] = {"proven": "error", "undecided": "warning", "info": "notice"}
#: ``Report.verdict`` -> how the text summary says it
_VERDICTS = {
    "compatible": "compatible",
    "incompatible": "NOT compatible",
    "undecided": "UNDECIDED (neither proven compatible nor proven incompatible)",
}


def _compat_annotation(report: Report, finding: Finding) -> Annotation:
    # a finding is best read on the new side, unless the new schema's instances break the old
    if finding.direction == "forward":
        file, pointer = report.old_name, finding.old_pointer
    else:
        file, pointer = report.new_name, finding.new_pointer
    text = f"{finding.message} ({finding.rule_id})"
    github = f"{pointer or '/'}: {finding.message}"
    if report.mode == "full":
        text += f" [{finding.direction}]"
    if finding.status == "proven":
        text += f" witness: {_compact(finding.witness)}"
        github += f" Witness: {_compact(finding.witness)}"
    elif finding.status == "undecided":
        text += f" [undecided] (no witness: {finding.witness_note})"
        github += f" Undecided: {finding.witness_note}"
    level = _COMPAT_LEVELS[finding.status]
    return Annotation(level, file, pointer, finding.rule_id, text, github)


def of_compat(report: Report) -> Output:
    """What ``store-contracts compat`` reports: the findings, then the notices."""
    annotations = [_compat_annotation(report, finding) for finding in report.findings]
    annotations += [
        Annotation(
            "notice",
            notice.file,
            notice.pointer,
            "info",
            f"{notice.message} (info)",
            f"{notice.pointer or '/'}: {notice.message}",
        )
        for notice in report.notices
    ]
    statuses = [finding.status for finding in report.findings]
    summary = (
        f"{report.new_name} is {_VERDICTS[report.verdict]} with {report.old_name} "
        f"({report.mode}): {statuses.count('proven')} proven break(s), "
        f"{statuses.count('undecided')} undecided finding(s)."
    )
    return Output(
        tuple(annotations),
        summary,
        report.to_dict(),
        github_summary=f"compat: {report.verdict}",
    )


# -- the gate --------------------------------------------------------------------------------

#: gate severity -> GitHub annotation level
_GATE_LEVELS: dict[str, Level] = {
    "info": "notice",
    "stale": "warning",
    "undecided": "warning",
    "breaking": "error",
}


def _gate_annotation(finding: GateFinding) -> Annotation:
    text = f"{finding.message} ({finding.code}, {finding.severity})"
    github = finding.message + (f" Fix: {finding.fix}" if finding.fix else "")
    if finding.witness is not None:
        witness = json_dumps(finding.witness, sort_keys=True)
        text += f" witness: {witness}"
        github += f" Witness: {witness}"
    notes = [f"fix: {finding.fix}"] if finding.fix else []
    if finding.diff:
        notes += finding.diff.rstrip("\n").split("\n")
    return Annotation(
        _GATE_LEVELS[finding.severity],
        finding.file,
        finding.pointer,
        finding.code,
        text,
        github,
        tuple(notes),
    )


def of_gate(report: GateReport) -> Output:
    """What ``store-contracts check`` reports: every finding, then the verdict."""
    snapshot = report.snapshot_core_version or "none"
    return Output(
        tuple(_gate_annotation(finding) for finding in report.findings),
        f"{report.status}: market-data-core {report.core_version} installed, "
        f"snapshot from {snapshot}, {len(report.findings)} finding(s)",
        report.to_dict(),
        github_summary=f"drift gate: {report.status} (market-data-core {report.core_version})",
        ascii_json=True,
    )
