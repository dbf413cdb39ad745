"""Every code a finding of the gate can carry, registered once: ID, severity and purpose.

The stages refer to these entries (``finding(..., CORE_SCHEMA_CHANGED, message)``), so a
code's severity is decided here and nowhere else; ``docs/gate.md`` lists the same table.
Severities: ``info`` never fails the gate, ``stale`` fails it with exit 1 (``make generate`` or
a version bump fixes it), ``undecided`` with exit 5 (the checker could neither prove the pair
compatible nor prove a break with a verified witness: a person must decide), ``breaking`` with
exit 3 (a proven break: a person must decide). The worst wins: 3, then 5, then 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["CODES", "Code", "Severity"]

Severity = Literal["info", "stale", "undecided", "breaking"]


@dataclass(frozen=True)
class Code:
    """One kind of finding: its ID, how serious it is, and what it means in one sentence."""

    id: str
    severity: Severity
    purpose: str


# -- stage 1: the installed Core against the Core snapshot -----------------------------------
CORE_SNAPSHOT_MISSING = Code(
    "CORE_SNAPSHOT_MISSING", "stale", "A Core contract has no snapshot in schemas/core."
)
CORE_VERSION_CHANGED = Code(
    "CORE_VERSION_CHANGED", "info", "Another Core release is installed, with the same schemas."
)
CORE_ANNOTATIONS_CHANGED = Code(
    "CORE_ANNOTATIONS_CHANGED",
    "info",
    "Core changed only the annotations of a schema (titles, descriptions, examples).",
)
CORE_SCHEMA_REWRITTEN = Code(
    "CORE_SCHEMA_REWRITTEN",
    "info",
    "Core or Pydantic wrote a schema differently with the same meaning.",
)
CORE_SCHEMA_CHANGED = Code(
    "CORE_SCHEMA_CHANGED",
    "stale",
    "Core's schema changed meaning and the Store still extends it: make generate.",
)
CORE_FROZEN_CHANGED = Code(
    "CORE_FROZEN_CHANGED",
    "stale",
    "Core's model changed its frozen setting, which no schema shows.",
)
CORE_EXTRA_CHANGED = Code(
    "CORE_EXTRA_CHANGED", "stale", "Core's model changed its extra setting, which no schema shows."
)

# -- stage 2: the Store against the installed Core, both ways ---------------------------------
STORE_NOT_A_CORE_EVENT = Code(
    "STORE_NOT_A_CORE_EVENT", "breaking", "Some Store event is no Core event (with a witness)."
)
CORE_EVENT_NOT_A_STORE_EVENT = Code(
    "CORE_EVENT_NOT_A_STORE_EVENT",
    "breaking",
    "Some event Core writes is no Store event (with a witness).",
)
STORE_CORE_UNDECIDED = Code(
    "STORE_CORE_UNDECIDED",
    "undecided",
    "The checker cannot decide whether every Store event is a Core event, whether every event "
    "Core writes is a Store event, or whether a field both declare means the same.",
)
STORE_EXTENSION_REDUNDANT = Code(
    "STORE_EXTENSION_REDUNDANT",
    "stale",
    "Core now declares the Store's field with the same meaning: delete it from the declaration.",
)
STORE_EXTENSION_CONFLICTS = Code(
    "STORE_EXTENSION_CONFLICTS",
    "breaking",
    "Core now declares the Store's field with another meaning.",
)
CORE_FIELD_REMOVED_USED_BY_STORE = Code(
    "CORE_FIELD_REMOVED_USED_BY_STORE",
    "breaking",
    "Core removed a field that FeedbackEvent.create() fills.",
)
CORE_REQUIRED_FIELD_UNFILLED = Code(
    "CORE_REQUIRED_FIELD_UNFILLED",
    "breaking",
    "Core requires a field that FeedbackEvent.create() does not fill.",
)

# -- stage 3: the generated files against the tree --------------------------------------------
GENERATED_MODEL_STALE = Code(
    "GENERATED_MODEL_STALE", "stale", "A generated model differs from the one the generator writes."
)
PUBLISHED_BUNDLE_STALE = Code(
    "PUBLISHED_BUNDLE_STALE",
    "stale",
    "A file of the published bundle differs from the one the generator writes.",
)
GENERATED_FILE_ORPHANED = Code(
    "GENERATED_FILE_ORPHANED", "stale", "A generated file that the generator no longer writes."
)

# -- stage 4: the published bundle against the frozen releases --------------------------------
RELEASE_CONTRACT_ADDED = Code(
    "RELEASE_CONTRACT_ADDED", "info", "A contract that no release has published yet."
)
RELEASE_ANNOTATIONS_CHANGED = Code(
    "RELEASE_ANNOTATIONS_CHANGED",
    "info",
    "A contract changed only its docs or its form since the latest release: no bump needed.",
)
RELEASE_BREAK_ALLOWED = Code(
    "RELEASE_BREAK_ALLOWED",
    "info",
    "A break listed in allowed-breaks, with the major bump it needs.",
)
RELEASE_VERSION_NOT_BUMPED = Code(
    "RELEASE_VERSION_NOT_BUMPED",
    "stale",
    "A contract changed meaning since the latest release and the version is no minor bump.",
)
ALLOWED_BREAK_STALE = Code(
    "ALLOWED_BREAK_STALE", "stale", "An allowed-breaks entry that no break matches any more."
)
RELEASE_BACKWARD_BROKEN = Code(
    "RELEASE_BACKWARD_BROKEN",
    "breaking",
    "The schema published now rejects an instance that a release's models write.",
)
RELEASE_FORWARD_BROKEN = Code(
    "RELEASE_FORWARD_BROKEN",
    "breaking",
    "A release's published schema rejects an instance that the models of now write.",
)
RELEASE_UNDECIDED = Code(
    "RELEASE_UNDECIDED",
    "undecided",
    "The checker cannot decide whether a release and the schema published now stay compatible.",
)
RELEASE_CONTRACT_REMOVED = Code(
    "RELEASE_CONTRACT_REMOVED", "breaking", "A contract that a release published is gone."
)
RELEASE_FILE_TAMPERED = Code(
    "RELEASE_FILE_TAMPERED",
    "breaking",
    "A frozen file no longer matches its release's index.json.",
)
RELEASE_VERSION_BEHIND = Code(
    "RELEASE_VERSION_BEHIND", "breaking", "The version is older than the latest release."
)

# -- stage 5: the declared consumers against what the Store writes ----------------------------
CONSUMER_BROKEN = Code(
    "CONSUMER_BROKEN",
    "breaking",
    "A declared consumer's reader rejects an event the Store writes (with a witness).",
)
CONSUMER_UNDECIDED = Code(
    "CONSUMER_UNDECIDED",
    "undecided",
    "The checker cannot decide whether a declared consumer reads every event the Store writes.",
)

#: code ID -> its entry, for every code a finding can carry
CODES: dict[str, Code] = {
    value.id: value for value in tuple(globals().values()) if isinstance(value, Code)
}
