"""Output formats, one registry: text for people, JSON for machines, GitHub annotations for CI."""

from __future__ import annotations

import json
from collections.abc import Callable

from ._model import Finding, Report


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _location(report: Report, finding: Finding) -> tuple[str, str]:
    """The file and pointer a finding is best read at: the new side for breaking changes."""
    if finding.direction == "forward":
        return report.old_name, finding.old_pointer
    return report.new_name, finding.new_pointer


def format_text(report: Report) -> str:
    lines = []
    for finding in report.findings:
        file, pointer = _location(report, finding)
        line = f"{file}#{pointer}: {finding.message} ({finding.rule_id})"
        if report.mode == "full":
            line += f" [{finding.direction}]"
        if finding.breaking and finding.witness_note is None:
            line += f" witness: {_compact(finding.witness)}"
        elif finding.witness_note is not None:
            line += f" (no witness: {finding.witness_note})"
        lines.append(line)
    for notice in report.notices:
        lines.append(f"{notice.file}#{notice.pointer}: {notice.message} (info)")
    verdict = "compatible" if report.compatible else "NOT compatible"
    breaking = sum(1 for finding in report.findings if finding.breaking)
    lines.append(
        f"{report.new_name} is {verdict} with {report.old_name} ({report.mode}): "
        f"{breaking} breaking finding(s)."
    )
    return "\n".join(lines) + "\n"


def format_json(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(report: Report) -> str:
    lines = []
    for finding in report.findings:
        file, pointer = _location(report, finding)
        level = "error" if finding.breaking else "notice"
        message = f"{pointer or '/'}: {finding.message}"
        if finding.breaking and finding.witness_note is None:
            message += f" Witness: {_compact(finding.witness)}"
        lines.append(
            f"::{level} file={_escape_property(file)},"
            f"title={_escape_property(finding.rule_id)}::{_escape_data(message)}"
        )
    for notice in report.notices:
        text = f"{notice.pointer or '/'}: {notice.message}"
        lines.append(
            f"::notice file={_escape_property(notice.file)},title=info::{_escape_data(text)}"
        )
    return "\n".join(lines) + ("\n" if lines else "")


#: format name -> function rendering a report as text
FORMATS: dict[str, Callable[[Report], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
}
