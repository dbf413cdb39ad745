"""Stage 5, consumers: every declared consumer still reads what the Store writes.

For each consumer (``_declarations``), the writer is its contract's published schema, read
closed as the release stage reads a writer; with ``since``, every frozen release from that
version on that published the contract is a writer too (a queue may still hold its events).
Each (writer, reader) pair is one reading (``_reading``):

- ``CONSUMER_BROKEN`` (breaking): the reader rejects an event the writer writes; the finding
  points into the reader and carries the checker's rule and a witness verified with the
  reader's own dialect;
- ``CONSUMER_UNDECIDED`` (undecided, exit 5: a person must decide): the checker could not
  prove the reading either way; the finding carries its reason. Never passed silently.

Writers with the same meaning are read once: a release that published what is published now
adds nothing.

Core's own model, declared as a consumer of a contract that extends it (``python:`` + the Core
module + the class the bundle index names in ``extends``), is the consumer stage 2 reads: what
the Store writes now is read there, on the Store's declaration over the installed Core, which
is what its models write (the published file may be a generation behind a Core upgrade, and
stage 3 says so). This stage reads for it only the releases from its ``since`` on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from .._documents.io import load_json
from ..errors import ContractsError
from ._codes import CONSUMER_BROKEN, CONSUMER_UNDECIDED
from ._declarations import PYTHON, Consumer, reader_document
from ._frozen import INDEX, Bundle, Entry, parse_schema
from ._policy import Version
from ._reading import Break, Reading, read_by
from ._report import Finding

__all__ = [
    "State",
    "Writer",
    "consumer_findings",
    "consumers",
    "core_models",
    "judge",
    "state_of",
    "writers",
]

State = Literal["ok", "broken", "undecided"]


@dataclass(frozen=True)
class Writer:
    """What the models of one release write for one contract: its published schema."""

    contract: str
    #: ``None`` for the bundle published now, else the frozen release.
    release: Version | None
    file: str
    document: dict[str, Any]

    def describe(self) -> str:
        return "the Store writes" if self.release is None else f"release {self.release} wrote"


def consumers(
    project: Any,
    current: Bundle,
    history: list[tuple[Version, Bundle]],
    declared: Iterable[Consumer],
) -> list[Finding]:
    """The findings of every declared consumer against the published bundle ``current`` and,
    from its ``since`` on, the frozen releases in ``history``."""
    findings: list[Finding] = []
    own = core_models(project, current)
    for consumer in declared:
        shown, reader = reader_document(project, consumer)
        now = own.get(consumer.contract, ("", ""))[0] != consumer.reader
        found = writers(project, consumer, current, history, now=now)
        findings.extend(consumer_findings(consumer, shown, reader, found))
    return findings


def core_models(project: Any, current: Bundle) -> dict[str, tuple[str, str]]:
    """For each contract of ``current`` that extends a Core contract: the ``python:`` reader
    of that Core model, and the Store declaration the contract is published from."""
    shown = f"{project.relative(current.root)}/{INDEX}"
    index = load_json(current.root / INDEX, shown)
    found = {}
    for record in index.get("schemas", []) if isinstance(index, dict) else []:
        extends = record.get("extends") if isinstance(record, dict) else None
        if isinstance(extends, str) and extends.startswith("core."):
            model = f"{PYTHON}{project.core_module}:{extends.removeprefix('core.')}"
            found[str(record["name"])] = (model, str(record.get("source", "")))
    return found


def writers(
    project: Any,
    consumer: Consumer,
    current: Bundle,
    history: list[tuple[Version, Bundle]],
    *,
    now: bool = True,
) -> list[Writer]:
    """The published schemas ``consumer`` must read, one per distinct meaning: now's first
    (unless not ``now``), then each release from ``since`` on (oldest first)."""
    entries: list[tuple[Version | None, Entry]] = []
    if consumer.contract in current.entries:
        entries.append((None, current.entries[consumer.contract]))
    if consumer.since is not None:
        entries += [
            (version, bundle.entries[consumer.contract])
            for version, bundle in history
            if version >= consumer.since and consumer.contract in bundle.entries
        ]
    found: list[Writer] = []
    meanings: set[str] = set()
    for release, entry in entries:
        hashes = entry.actual
        if hashes is None or not hashes[1]:
            continue  # missing or no JSON: the generated-files or release stage says so
        if release is not None and hashes != (entry.sha256, entry.sha256_semantic):
            continue  # an edited frozen file: the release stage reports it
        if release is None and not now:
            continue  # read by stage 2, on what the models write over the installed Core
        if hashes[1] in meanings:
            continue
        meanings.add(hashes[1])
        shown = project.relative(entry.path)
        found.append(Writer(consumer.contract, release, shown, parse_schema(entry.raw, shown)))
    return found


def consumer_findings(
    consumer: Consumer, shown: str, reader: Any, found: Iterable[Writer]
) -> Iterator[Finding]:
    """The findings of one consumer, whose reader (named ``shown``) is ``reader``."""
    for writer in found:
        for item in judge(consumer, shown, reader, writer).breaks:
            yield _finding(consumer, shown, writer, item)


def judge(consumer: Consumer, shown: str, reader: Any, writer: Writer) -> Reading:
    """How ``consumer``'s reader reads ``writer``; a schema the checker refuses is an input
    error naming the consumer."""
    try:
        reading = read_by(writer.document, reader, writer_name=writer.file, reader_name=shown)
    except ContractsError as error:
        raise ContractsError(
            error.file, f"consumer {consumer.name!r}: {error.message}", error.pointer, error.hint
        ) from None
    return reading


def state_of(findings: Iterable[Finding]) -> State:
    """``broken`` if a breaking finding carries a witness, else ``undecided`` if any finding
    is undecided (or breaking without a witness), else ``ok``."""
    failing = [item for item in findings if item.severity in ("breaking", "undecided")]
    if any(item.severity == "breaking" and item.witness is not None for item in failing):
        return "broken"
    return "undecided" if failing else "ok"


def _finding(consumer: Consumer, shown: str, writer: Writer, item: Break) -> Finding:
    details: dict[str, Any] = {
        "consumer": consumer.name,
        "contract": consumer.contract,
        "rule": item.rule,
        "reader": shown,
        "writer": writer.file,
        "writer_pointer": item.writer_pointer,
    }
    if writer.release is not None:
        details["release"] = str(writer.release)
    if consumer.owner is not None:
        details["owner"] = consumer.owner
    lead = (
        f"Consumer {consumer.name!r} cannot read every {consumer.contract} "
        f"{writer.describe()}: {item.message.rstrip('.')} ({item.rule})"
    )
    who = consumer.name if consumer.owner is None else f"{consumer.name} ({consumer.owner})"
    if item.proven:
        code = CONSUMER_BROKEN
        message = lead + "."
        fix = (
            f"a person must decide: keep {consumer.contract} within what {consumer.name} reads, "
            f"or agree with {who} to widen its reader and record the new one"
        )
    else:
        code = CONSUMER_UNDECIDED
        reason = (item.note or "").removeprefix("undecided: ").rstrip(".")
        message = f"{lead}; undecided: {reason}."
        details["reason"] = item.note
        fix = (
            f"a person must decide whether {consumer.name} reads every {consumer.contract}: "
            "simplify the reader or the contract where the checker cannot decide"
        )
    return Finding(
        shown,
        item.reader_pointer,
        code.id,
        code.severity,
        message,
        fix,
        item.witness,
        None,
        tuple(sorted(details.items())),
    )
