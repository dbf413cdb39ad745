"""Stage 4, releases: the published bundle against the frozen releases, under the policy.

What it checks, for every contract of the bundle and of the releases in ``schemas/releases``:

- every frozen file still matches its release's ``index.json`` (``RELEASE_FILE_TAMPERED``);
- the policy's level against the latest release that has the contract, or every one for a
  ``*_TRANSITIVE`` level. Writers are models, so the writer's side is read closed and the
  reader's side as published. BACKWARD: what a release's models write is valid under the schema
  published now; FORWARD: what the models of now write is valid under the release's schema. A
  broken direction is ``RELEASE_BACKWARD_BROKEN``/``RELEASE_FORWARD_BROKEN`` with the checker's
  rule and a witness that the writer's schema accepts and the reader's rejects (verified here
  again with ``jsonschema``). A break the checker claims but cannot prove (no witness, or
  one that does not verify) is ``RELEASE_UNDECIDED``: neither a break nor a pass. A pair with
  equal ``sha256_semantic`` needs no check;
- a contract published in a release and gone now (``RELEASE_CONTRACT_REMOVED``), a new one
  (``RELEASE_CONTRACT_ADDED``, information);
- the version: a change of meaning since the latest release needs a minor bump (a patch bump
  in 0.x), ``RELEASE_VERSION_NOT_BUMPED``; annotations alone need none
  (``RELEASE_ANNOTATIONS_CHANGED``, information); never a version behind the latest release;
- ``allowed-breaks``: a break of a contract against a release at or before an entry's release
  becomes ``RELEASE_BREAK_ALLOWED`` (information quoting the reason) when the version is a
  major bump (a minor one in 0.x) over the entry's release; an entry no break matches is
  ``ALLOWED_BREAK_STALE``. An allowed break covers an undecided pair the same way: giving up
  compatibility on purpose settles whether it holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ._codes import (
    ALLOWED_BREAK_STALE,
    RELEASE_ANNOTATIONS_CHANGED,
    RELEASE_BACKWARD_BROKEN,
    RELEASE_BREAK_ALLOWED,
    RELEASE_CONTRACT_ADDED,
    RELEASE_CONTRACT_REMOVED,
    RELEASE_FILE_TAMPERED,
    RELEASE_FORWARD_BROKEN,
    RELEASE_UNDECIDED,
    RELEASE_VERSION_BEHIND,
    RELEASE_VERSION_NOT_BUMPED,
)
from ._frozen import Bundle, Entry
from ._pairs import equivalent, named, verdict
from ._policy import LEVELS, TABLE, AllowedBreak, Policy, Version, bump
from ._report import MAKE_GENERATE, Finding, finding

__all__ = ["releases"]

#: a break's direction -> the code of its finding
_BROKEN = {
    "backward": RELEASE_BACKWARD_BROKEN,
    "forward": RELEASE_FORWARD_BROKEN,
    "removed": RELEASE_CONTRACT_REMOVED,
}
FROZEN = "a release never changes: restore the file from the commit that froze it"


@dataclass(frozen=True)
class _Break:
    contract: str
    release: Version
    direction: str  # "backward", "forward" or "removed"
    entry: Entry  # the file the finding points into
    message: str
    pointer: str = ""
    rule: str | None = None
    witness: Any = None
    #: why the checker could not prove the break (``None``: proven, or a removed contract)
    undecided: str | None = None


def releases(
    project: Any, current: Bundle, history: list[tuple[Version, Bundle]], policy: Policy
) -> list[Finding]:
    """Findings of the published bundle ``current`` against ``history`` (oldest first)."""
    findings = list(_integrity(project, history))
    if history and policy.version < history[-1][0]:
        findings.append(
            finding(
                project,
                project.pyproject,
                "/project/version",
                RELEASE_VERSION_BEHIND,
                f"Version {policy.version} is older than the latest release {history[-1][0]}.",
                f"set the version to a release after {history[-1][0]}",
            )
        )
    breaks: list[_Break] = []
    for name in sorted(set(current.entries).union(*(b.entries for _, b in history))):
        directions, transitive = LEVELS[policy.level(name)]
        past = [
            (version, bundle.entries[name]) for version, bundle in history if name in bundle.entries
        ]
        entry = current.entries.get(name)
        if entry is None:
            if past and directions:
                version, old = past[-1]
                message = f"{name}, published in release {version}, is no longer published."
                breaks.append(_Break(name, version, "removed", old, message))
            continue
        if not _readable(entry):
            continue  # missing or not JSON: the regenerated-files stage says it is stale
        if not past:
            if history:
                message = f"{name} is new: no release published it yet."
                findings.append(finding(project, entry.path, "", RELEASE_CONTRACT_ADDED, message))
            continue
        findings.extend(_versioning(project, name, entry, *past[-1], policy.version))
        for version, old in past if transitive else past[-1:]:
            if old.sha256_semantic == _semantic(entry) or not _intact(old):
                continue  # the same meaning, or a tampered file (reported above)
            for direction in directions:
                breaks.extend(_directed(project, name, version, old, entry, direction))
    return findings + list(_judge(project, breaks, policy))


def _readable(entry: Entry) -> bool:
    return entry.actual not in (None, ("", ""))


def _intact(entry: Entry) -> bool:
    return entry.actual == (entry.sha256, entry.sha256_semantic)


def _semantic(entry: Entry) -> str:
    return entry.actual[1] if entry.actual else ""


def _integrity(project: Any, history: list[tuple[Version, Bundle]]) -> Iterator[Finding]:
    for version, bundle in history:
        if bundle.version != str(version):
            message = f"Release {version}'s index.json says version {bundle.version}."
            yield finding(
                project,
                bundle.root / "index.json",
                "/version",
                RELEASE_FILE_TAMPERED,
                message,
                FROZEN,
            )
        for entry in bundle.entries.values():
            actual = entry.actual
            if actual == (entry.sha256, entry.sha256_semantic):
                continue
            state = (
                "is missing"
                if actual is None
                else "no longer matches the sha256 its index.json records"
            )
            message = f"{entry.name} of release {version} {state}: a frozen release was edited."
            yield finding(project, entry.path, "", RELEASE_FILE_TAMPERED, message, FROZEN)
        for path in bundle.unlisted:
            message = f"Release {version} holds a file its index.json does not list."
            yield finding(project, path, "", RELEASE_FILE_TAMPERED, message, FROZEN)


def _versioning(
    project: Any, name: str, entry: Entry, latest: Version, old: Entry, version: Version
) -> Iterator[Finding]:
    """A change of meaning since the latest release needs a minor bump; docs need none."""
    sha, semantic = entry.actual or ("", "")
    if not semantic or not _intact(old) or sha == old.sha256 or bump(latest, version) == "behind":
        return
    with named(project, old, entry):
        same = old.sha256_semantic == semantic or equivalent(old.raw or b"", entry.raw or b"")
    if same:
        message = (
            f"{name} changed only annotations or form since release {latest}: "
            "no version bump is needed."
        )
        yield finding(project, entry.path, "", RELEASE_ANNOTATIONS_CHANGED, message)
    elif bump(latest, version) == "none":
        needed = latest.next("minor")
        message = (
            f"{name} changed meaning since release {latest}, but version {version} is no minor "
            f"bump over it (0.x: a patch bump) and needs to be at least {needed}."
        )
        fix = f"set the version in pyproject.toml to {needed} or later, then " + MAKE_GENERATE
        yield finding(
            project,
            project.pyproject,
            "/project/version",
            RELEASE_VERSION_NOT_BUMPED,
            message,
            fix,
        )


def _directed(
    project: Any, name: str, version: Version, old: Entry, new: Entry, direction: str
) -> Iterator[_Break]:
    if direction == "backward":
        lead = (
            f"{name} breaks BACKWARD compatibility with release {version}: an instance that "
            f"{version}'s models write is rejected by the schema published now"
        )
    else:
        lead = (
            f"{name} breaks FORWARD compatibility with release {version}: an instance that the "
            f"models of now write is rejected by {version}'s published schema"
        )
    with named(project, old, new):
        found = verdict(old.raw or b"", new.raw or b"", direction)
    for rule, message, pointer, witness, note in found:
        if note is None:
            shown = f"{lead}: {message.rstrip('.')} ({rule})."
        else:
            shown = (
                f"{name} may break {direction.upper()} compatibility with release {version}, "
                f"but the checker cannot decide: {message.rstrip('.')} ({rule}; {note})."
            )
        yield _Break(name, version, direction, new, shown, pointer, rule, witness, note)


def _judge(project: Any, breaks: list[_Break], policy: Policy) -> Iterator[Finding]:
    """Each break is breaking unless an allowed break covers it and the version carries the
    major bump; allowed breaks that cover nothing are stale."""
    used = set()
    for item in breaks:
        allowed = _covering(item, policy)
        if allowed is not None:
            used.add(allowed)
        yield _judged(project, item, policy, allowed)
    for allowed in policy.allowed:
        if allowed not in used:
            message = (
                f"allowed-breaks gives up {allowed.contract}'s compatibility with "
                f"{allowed.release}, but nothing breaks it."
            )
            yield finding(
                project,
                project.pyproject,
                allowed.pointer,
                ALLOWED_BREAK_STALE,
                message,
                "delete the entry",
            )


def _covering(item: _Break, policy: Policy) -> AllowedBreak | None:
    """The allowed break naming the closest release at or after the broken one, if any."""
    covering = [
        a for a in policy.allowed if a.contract == item.contract and item.release <= a.release
    ]
    return min(covering, key=lambda a: a.release, default=None)


def _judged(project: Any, item: _Break, policy: Policy, allowed: AllowedBreak | None) -> Finding:
    """The finding of one break: allowed (info) when ``allowed`` covers it and the version
    carries the major bump, breaking otherwise."""
    details: dict[str, Any] = {
        "contract": item.contract,
        "release": str(item.release),
        "direction": item.direction,
    }
    if item.rule is not None and item.undecided is None:
        details |= {
            "rule": item.rule,
            "rejected_by": "current" if item.direction == "backward" else str(item.release),
        }
    elif item.rule is not None:
        details |= {"rule": item.rule, "reason": item.undecided}
    if allowed is not None:
        details["allowed_by"] = allowed.pointer
        if bump(allowed.release, policy.version) == "major":
            message = f"{item.message} Allowed: {allowed.reason}"
            return finding(
                project,
                item.entry.path,
                item.pointer,
                RELEASE_BREAK_ALLOWED,
                message,
                witness=item.witness,
                details=details,
            )
    needed = (allowed.release if allowed else item.release).next("major")
    message = item.message
    if allowed is not None:
        message += (
            f" allowed-breaks lists it, but version {policy.version} is no major bump "
            f"over {allowed.release} (0.x: a minor bump)."
        )
    fix = (
        f"restore compatibility with {item.release}, or give it up on purpose: add an entry to "
        f"[[tool.{TABLE}.allowed-breaks]] and set the version to {needed} or later"
        if allowed is None
        else f"set the version in pyproject.toml to {needed} or later, then " + MAKE_GENERATE
    )
    if item.undecided is not None and allowed is None:
        fix = (
            f"a person must decide: simplify the change where the checker cannot decide, or "
            f"give up compatibility with {item.release} on purpose (an entry in "
            f"[[tool.{TABLE}.allowed-breaks]] and version {needed} or later)"
        )
    return finding(
        project,
        item.entry.path,
        item.pointer,
        _BROKEN[item.direction] if item.undecided is None else RELEASE_UNDECIDED,
        message,
        fix,
        witness=item.witness,
        details=details,
    )
