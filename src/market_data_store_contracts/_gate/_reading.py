"""One reading: does a reader's schema accept everything a writer's models write?

The writer's schema is read closed (``additionalProperties: false`` where it declares
properties and says nothing of others), because a model writes only the fields it declares;
the reader's schema is read as it stands, in its own dialect. The checker decides the
containment (``mode="backward"``, old = writer, new = reader) and every witness it gives is
verified again here: the writer's schema accepts it and the reader's rejects it, each with the
``jsonschema`` validator of its own ``$schema``.

The verdict is the checker's three-valued ``Report.verdict``: ``compatible`` (proven),
``incompatible`` (a break with a verified witness) and ``undecided`` (a break the checker could
not prove); a proven break whose witness the validators here do not confirm counts as
undecided. An undecided reading is never counted as compatible.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .._documents.pointers import pointer_token

__all__ = ["UNVERIFIED", "Break", "Reading", "Verdict", "accepts", "read_by", "verified"]

Verdict = Literal["compatible", "incompatible", "undecided"]

#: ``Break.note`` when the checker's witness does not survive the second validation.
UNVERIFIED = (
    "the checker's witness was not confirmed by the validators of the two schemas' own dialects"
)


@dataclass(frozen=True)
class Break:
    """One reason the reader may reject what the writer writes."""

    rule: str
    message: str
    #: JSON pointers into the writer's and the reader's schema.
    writer_pointer: str
    reader_pointer: str
    #: An instance the writer's schema accepts and the reader's rejects (verified), or ``None``.
    witness: Any
    #: Why there is no witness: the break is undecided (``None`` when it is proven).
    note: str | None

    @property
    def proven(self) -> bool:
        return self.note is None


@dataclass(frozen=True)
class Reading:
    breaks: tuple[Break, ...]
    #: The checker's own ``Report.verdict`` (``None``: not known, the breaks alone decide).
    checker: Verdict | None = None

    @property
    def verdict(self) -> Verdict:
        """``incompatible`` when a break is proven here too; ``undecided`` when some break is
        not (a claimed one, or one whose witness the two schemas' own validators do not
        confirm) or the checker did not prove containment; else ``compatible``."""
        if any(item.proven for item in self.breaks):
            return "incompatible"
        if self.breaks or self.checker not in (None, "compatible"):
            return "undecided"
        return "compatible"


def read_by(
    writer: Mapping[str, Any],
    reader: Any,
    *,
    writer_name: str,
    reader_name: str,
    registry: Any = None,
) -> Reading:
    """How ``reader`` reads what ``writer``'s models write. Raises the checker's
    :class:`ContractsError` (naming ``writer_name`` or ``reader_name``) for an invalid schema."""
    from ..compat import check

    report = check(
        dict(writer),
        reader,
        mode="backward",
        close_old=True,
        registry=registry,
        old_name=writer_name,
        new_name=reader_name,
    )
    breaks = []
    for found in report.findings:
        if not found.breaking:
            continue
        note, witness = found.witness_note, None
        if note is None:  # the checker has a witness (which may be the JSON null)
            witness = verified(writer, reader, found.old_pointer, found.witness, registry)
            if witness is _NONE:
                note, witness = UNVERIFIED, None
        breaks.append(
            Break(found.rule_id, found.message, found.old_pointer, found.new_pointer, witness, note)
        )
    return Reading(tuple(breaks), report.verdict)


#: What :func:`verified` returns when no candidate breaks (``None`` is the JSON null).
_NONE = object()


def verified(writer: Any, reader: Any, pointer: str, witness: Any, registry: Any = None) -> Any:
    """``witness`` if the writer's schema accepts it and the reader's rejects it, else
    :data:`_NONE`. When the break is at a top-level property of the writer (``pointer``) that
    has ``examples``, an example that still breaks is preferred: a value a real event carries
    reads better than ``""``."""
    parts = pointer.split("/")
    candidates = []
    if isinstance(witness, dict) and len(parts) >= 3 and parts[1] == "properties":
        name = pointer_token(parts[2])
        examples = writer.get("properties", {}).get(name, {}).get("examples", [])
        if isinstance(examples, list):
            candidates = [{**witness, name: example} for example in examples]
    for candidate in [*candidates, witness]:
        if accepts(writer, candidate, registry) and not accepts(reader, candidate, registry):
            return candidate
    return _NONE


def accepts(schema: Any, instance: Any, registry: Any = None) -> bool:
    """Whether ``schema`` accepts ``instance`` under the dialect its ``$schema`` names
    (2020-12 when it names none), by ``jsonschema``; ``$ref``s to other documents resolve in
    ``registry``."""
    from jsonschema import Draft202012Validator
    from jsonschema.validators import validator_for

    validator = validator_for(schema, default=Draft202012Validator)
    if registry is None:
        return bool(validator(schema).is_valid(instance))
    return bool(validator(schema, registry=registry).is_valid(instance))
