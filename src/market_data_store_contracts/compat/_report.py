"""What a compatibility check reports: findings, notices, and the report that holds them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

#: ``Report.verdict``: proven containment, a proven break, or neither proven.
Verdict = Literal["compatible", "incompatible", "undecided"]
#: ``Finding.status``: no break, a break proven by a verified witness, or a claimed break
#: without one.
Status = Literal["info", "proven", "undecided"]

#: ``Finding.witness`` when no instance is known.
NO_WITNESS_NOTE = "no instance was found that the old schema accepts and the new one rejects"
#: ``Finding.witness_note`` when the instance built as a witness failed the validators.
UNVERIFIED_NOTE = "the instance built as a witness did not verify, so none is reported"


def _sort_key_of_witness(witness: Any) -> str:
    return json.dumps(witness, sort_keys=True, ensure_ascii=False)


@dataclass(frozen=True)
class Finding:
    """One change between two schemas.

    ``old_pointer`` and ``new_pointer`` are JSON pointers into the two documents as the user
    gave them. Where a ``$ref`` led into another document (a registry resource), the pointer is
    the ``$ref`` site in the user's document. A breaking finding carries a ``witness``: an
    instance the old schema accepts and the new one rejects, checked with the ``jsonschema``
    validator of each document's own dialect. When no witness could be verified, ``witness`` is
    ``None`` and ``witness_note`` says why (this is always so for ``*_UNDECIDED`` rules): the
    break is then only claimed, and ``status`` is ``"undecided"`` rather than ``"proven"``.
    """

    rule_id: str
    breaking: bool
    old_pointer: str
    new_pointer: str
    message: str
    witness: Any = None
    witness_note: str | None = None
    #: ``"backward"`` (old ⊆ new) or ``"forward"`` (new ⊆ old); in forward direction the
    #: pointers still name the documents as given: ``old_pointer`` is into OLD.
    direction: str = "backward"

    @property
    def has_witness(self) -> bool:
        return self.breaking and self.witness_note is None

    @property
    def status(self) -> Status:
        """``"proven"``: breaking with a verified witness; ``"undecided"``: breaking without
        one (``witness_note`` says why); ``"info"``: not breaking."""
        if not self.breaking:
            return "info"
        return "proven" if self.has_witness else "undecided"

    def sort_key(self) -> tuple[str, str, str, str, str, str]:
        return (
            self.direction,
            self.old_pointer,
            self.new_pointer,
            self.rule_id,
            self.message,
            _sort_key_of_witness(self.witness),
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rule_id": self.rule_id,
            "breaking": self.breaking,
            "old_pointer": self.old_pointer,
            "new_pointer": self.new_pointer,
            "message": self.message,
            "direction": self.direction,
            "status": self.status,
        }
        if self.breaking:
            data["witness"] = self.witness
            if self.witness_note is not None:
                data["witness_note"] = self.witness_note
        return data


@dataclass(frozen=True)
class Notice:
    """Information about an input that is no finding and never changes the verdict (e.g. a
    keyword no dialect defines: an annotation, or a typo such as ``requried``)."""

    file: str
    pointer: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "pointer": self.pointer, "message": self.message}


@dataclass(frozen=True)
class Report:
    """What :func:`check` found, and its verdict (:attr:`verdict`)."""

    mode: str
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    old_name: str = "old"
    new_name: str = "new"
    #: information about the inputs, listed once each; never part of the verdict
    notices: tuple[Notice, ...] = ()

    @property
    def verdict(self) -> Verdict:
        """``"incompatible"`` when some breaking finding carries a verified witness,
        ``"undecided"`` when breaking findings claim a break but none is proven, else
        ``"compatible"`` (containment was proven)."""
        statuses = {finding.status for finding in self.findings}
        if "proven" in statuses:
            return "incompatible"
        return "undecided" if "undecided" in statuses else "compatible"

    @property
    def compatible(self) -> bool:
        """True only when the verdict is ``"compatible"``."""
        return self.verdict == "compatible"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "verdict": self.verdict,
            "compatible": self.compatible,
            "mode": self.mode,
            "old": self.old_name,
            "new": self.new_name,
            "findings": [finding.to_dict() for finding in self.findings],
        }
        if self.notices:
            data["notices"] = [notice.to_dict() for notice in self.notices]
        return data
