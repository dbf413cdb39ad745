"""What every stage of the gate returns: findings, and the report that sorts them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ExitCode
from ._codes import Code, Severity

#: severity -> rank: the worst finding decides the status (a proven break over an undecided
#: one over a stale file)
_RANK: dict[str, int] = {"info": 0, "stale": 1, "undecided": 2, "breaking": 3}
_STATUS = {"info": "clean", "stale": "stale", "undecided": "undecided", "breaking": "breaking"}
EXIT_CODES = {
    "clean": ExitCode.OK,
    "stale": ExitCode.FAILED,
    "undecided": ExitCode.UNDECIDED,
    "breaking": ExitCode.BREAKING,
}

MAKE_GENERATE = "run `make generate` and commit the result"


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
    #: Structured facts for machines (the release stage: contract, release, direction, rule,
    #: and which side rejects the witness); JSON output only, the message says the same.
    details: tuple[tuple[str, Any], ...] = field(default=(), compare=False)

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
        data.update(self.details)
        return data


def finding(
    project: Any,
    path: Path | str,
    pointer: str,
    code: Code,
    message: str,
    fix: str | None = None,
    *,
    witness: Any = None,
    diff: str | None = None,
    details: dict[str, Any] | None = None,
) -> Finding:
    """A :class:`Finding` with ``code``'s ID and severity, its file shown relative to the
    checkout."""
    shown = project.relative(path) if isinstance(path, Path) else path
    return Finding(
        shown,
        pointer,
        code.id,
        code.severity,
        message,
        fix,
        witness,
        diff,
        tuple(sorted((details or {}).items())),
    )


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
