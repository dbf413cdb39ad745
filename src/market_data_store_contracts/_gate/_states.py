"""The state of each consumer (ok, broken, undecided) with the findings behind it: what
``store-contracts consumers`` shows, judged exactly as the gate judges it (``_consumers``, and
stage 2 for Core's own model)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._documents.io import load_json
from ..errors import ContractsError
from ._codes import STORE_CORE_UNDECIDED, STORE_NOT_A_CORE_EVENT
from ._consumers import State, consumer_findings, core_models, state_of, writers
from ._declarations import (
    PYTHON,
    Consumer,
    python_reader,
    read_consumers,
    reader_document,
    with_dialect,
)
from ._frozen import Bundle, read_releases
from ._report import Finding

__all__ = ["AD_HOC", "Status", "ad_hoc_status", "statuses"]

#: The name a reader checked ad hoc goes by in messages.
AD_HOC = "ad-hoc"


@dataclass(frozen=True)
class Status:
    consumer: Consumer
    #: The reader as messages name it.
    reader: str
    state: State
    findings: tuple[Finding, ...]
    #: The reader's schema, for the field-usage view.
    document: Any = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        consumer = self.consumer
        return {
            "name": consumer.name,
            "contract": consumer.contract,
            "reader": self.reader,
            "owner": consumer.owner,
            "since": None if consumer.since is None else str(consumer.since),
            "state": self.state,
            "findings": [item.to_dict() for item in self.findings],
        }


def statuses(codegen: Any, project: Any, bundle: Bundle) -> list[Status]:
    """The state of every consumer the checkout declares, in declaration order."""
    history = read_releases(project)
    declared = read_consumers(project, bundle.entries)
    own = core_models(project, bundle)
    core_read = _core_reading(codegen, project, own, declared)
    found = []
    for consumer in declared:
        shown, reader = reader_document(project, consumer)
        model, source = own.get(consumer.contract, ("", ""))
        if consumer.reader != model:
            found.append(_judged(project, consumer, shown, reader, bundle, history))
            continue
        readings = writers(project, consumer, bundle, history, now=False)
        findings = {*consumer_findings(consumer, shown, reader, readings)}
        findings.update(item for item in core_read if item.file == source)
        ordered = tuple(sorted(findings))
        found.append(Status(consumer, shown, state_of(ordered), ordered, reader))
    return found


def ad_hoc_status(
    project: Any, bundle: Bundle, source: str, contract: str, dialect: str | None
) -> Status:
    """One reader named on the command line (a file, or ``python:module:Attr``) against what
    the Store publishes now, without declaring it."""
    if contract not in bundle.entries:
        raise ContractsError(
            contract,
            "is no contract of the published bundle; it publishes "
            + ", ".join(sorted(bundle.entries)),
            document=False,
        )
    consumer = Consumer(AD_HOC, contract, source, dialect=dialect)
    if source.startswith(PYTHON):
        document = python_reader(source)
    elif not Path(source).is_file():
        raise ContractsError(source, "the reader is not a file", document=False)
    else:
        document = load_json(source, source)
    reader = with_dialect(consumer, source, document)
    return _judged(project, consumer, source, reader, bundle, [])


def _judged(
    project: Any, consumer: Consumer, shown: str, reader: Any, bundle: Bundle, history: list[Any]
) -> Status:
    found = writers(project, consumer, bundle, history)
    findings = tuple(sorted(set(consumer_findings(consumer, shown, reader, found))))
    return Status(consumer, shown, state_of(findings), findings, reader)


def _core_reading(
    codegen: Any, project: Any, own: dict[str, tuple[str, str]], declared: tuple[Consumer, ...]
) -> list[Finding]:
    """Stage 2's reading of the Store by Core's model, when a consumer declares that model:
    the gate reads what the Store writes now for it there (see ``_consumers``)."""
    if not any(own.get(c.contract, ("", ""))[0] == c.reader for c in declared):
        return []
    from . import committed_snapshots
    from ._directions import store_core_directions

    live = codegen.snapshot(project)
    found = store_core_directions(project, live, committed_snapshots(codegen, project, live))
    return [
        item
        for item in found
        if item.code == STORE_NOT_A_CORE_EVENT.id
        or (
            item.code == STORE_CORE_UNDECIDED.id
            and dict(item.details).get("direction") == STORE_NOT_A_CORE_EVENT.id
        )
    ]
