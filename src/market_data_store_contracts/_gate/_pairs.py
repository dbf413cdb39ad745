"""The checker on pairs of published schema files, once per pair of contents: a history of
releases that share files costs what its distinct files cost."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from ..errors import ContractsError
from ._frozen import Entry, parse_schema
from ._reading import UNVERIFIED, accepts
from ._shared import verified_witness

__all__ = ["equivalent", "named", "verdict"]


@contextmanager
def named(project: Any, old: Entry, new: Entry) -> Iterator[None]:
    """Name the files in an input error of the checker (the cached calls cannot)."""
    try:
        yield
    except ContractsError as error:
        files = {"old": old.path, "release": old.path, "new": new.path, "current": new.path}
        shown = project.relative(files[error.file]) if error.file in files else error.file
        raise ContractsError(shown, error.message, error.pointer, error.hint) from None


@cache
def verdict(
    old: bytes, new: bytes, direction: str
) -> tuple[tuple[str, str, str, Any, str | None], ...]:
    """The checker's breaking findings for one (release file, current file, direction), as
    (rule, message, pointer into the current file, verified witness, why it is undecided):
    computed once per pair of contents, however many releases share them. A finding is proven
    when its witness verifies again here (the reason is then ``None``); otherwise the witness
    is ``None`` and the reason says why the break is only claimed."""
    from ..compat import check

    backward = direction == "backward"
    old_doc, new_doc = parse_schema(old, "release"), parse_schema(new, "current")
    report = check(old_doc, new_doc, mode=direction, close_old=backward, close_new=not backward)
    writer, reader = (old_doc, new_doc) if backward else (new_doc, old_doc)
    found = []
    for item in report.findings:
        if item.breaking:
            writer_pointer = item.old_pointer if backward else item.new_pointer
            witness, note = None, item.witness_note
            if note is None:
                witness = verified_witness(writer, reader, writer_pointer, item.witness)
                # ``None`` is also the JSON null, a witness like any other value
                proven = witness is not None or (
                    item.witness is None and accepts(writer, None) and not accepts(reader, None)
                )
                note = None if proven else UNVERIFIED
            found.append((item.rule_id, item.message, item.new_pointer, witness, note))
    return tuple(found)


@cache
def equivalent(old: bytes, new: bytes) -> bool:
    from ..compat import check

    return check(parse_schema(old, "release"), parse_schema(new, "current"), mode="full").compatible
