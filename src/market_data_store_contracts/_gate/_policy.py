"""The release policy, declared once in ``[tool.market-data-store-contracts]`` of
``pyproject.toml``, and the package version it is judged against.

```toml
[tool.market-data-store-contracts]
compatibility = "FULL_TRANSITIVE"          # the default for every contract

[tool.market-data-store-contracts.compatibility-by-contract]
"store.FeedbackEvent" = "BACKWARD"         # overrides, by bundle name

[[tool.market-data-store-contracts.allowed-breaks]]
contract = "store.FeedbackEvent"
release = "0.4.0"                          # compatibility with it (and earlier) is given up
reason = "reason is an enum from now on"
```

Versions follow semver with Cargo's reading of 0.x: in ``0.y.z`` a ``y`` bump counts as major
and a ``z`` bump as minor; in ``0.0.z`` every bump counts as major.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any, Literal

from .._documents.pointers import pointer_join
from ..errors import ContractsError

__all__ = ["LEVELS", "AllowedBreak", "Policy", "Version", "bump", "read_policy"]

TABLE = "market-data-store-contracts"
#: Confluent's compatibility levels -> (directions checked, against every earlier release).
LEVELS: dict[str, tuple[tuple[str, ...], bool]] = {
    "NONE": ((), False),
    "BACKWARD": (("backward",), False),
    "BACKWARD_TRANSITIVE": (("backward",), True),
    "FORWARD": (("forward",), False),
    "FORWARD_TRANSITIVE": (("forward",), True),
    "FULL": (("backward", "forward"), False),
    "FULL_TRANSITIVE": (("backward", "forward"), True),
}
DEFAULT_LEVEL = "FULL_TRANSITIVE"
_VERSION = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")

Bump = Literal["behind", "none", "minor", "major"]


@dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int
    patch: int

    @classmethod
    def parse(cls, text: Any, file: str, pointer: str) -> Version:
        match = _VERSION.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            raise ContractsError(
                file, f"{text!r} is not a release version MAJOR.MINOR.PATCH", pointer
            )
        return cls(*map(int, match.groups()))

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"

    def next(self, kind: Literal["minor", "major"]) -> Version:
        """The smallest version that is a ``kind`` bump over this one (Cargo's rule for 0.x)."""
        if kind == "major":
            if self.major:
                return Version(self.major + 1, 0, 0)
            return Version(0, self.minor + 1, 0) if self.minor else Version(0, 0, self.patch + 1)
        if self.major:
            return Version(self.major, self.minor + 1, 0)
        return Version(0, self.minor, self.patch + 1)


def bump(old: Version, new: Version) -> Bump:
    """What moving from ``old`` to ``new`` means: ``major`` allows a break, ``minor`` a
    compatible change of meaning, ``none`` neither; ``behind`` when ``new`` is older."""
    if new < old:
        return "behind"
    if new >= old.next("major"):
        return "major"
    if new >= old.next("minor"):
        return "minor"
    return "none"


@dataclass(frozen=True)
class AllowedBreak:
    contract: str
    release: Version
    reason: str
    #: JSON pointer of the entry in ``pyproject.toml``.
    pointer: str


@dataclass(frozen=True)
class Policy:
    version: Version
    default: str
    by_contract: dict[str, str]
    allowed: tuple[AllowedBreak, ...]

    def level(self, contract: str) -> str:
        return self.by_contract.get(contract, self.default)


def _level(value: Any, file: str, pointer: str) -> str:
    if value not in LEVELS:
        raise ContractsError(
            file, f"{value!r} is not a compatibility level; use one of {', '.join(LEVELS)}", pointer
        )
    return str(value)


def read_policy(project: Any) -> Policy:
    """The package version and the release policy of the checkout ``project``."""
    file = project.relative(project.pyproject)
    try:
        settings = tomllib.loads(project.pyproject.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ContractsError(file, f"cannot be read as TOML: {error}") from None
    version = Version.parse(settings.get("project", {}).get("version"), file, "/project/version")
    table = settings.get("tool", {}).get(TABLE, {})
    base = pointer_join("/tool", TABLE)
    default = _level(
        table.get("compatibility", DEFAULT_LEVEL), file, pointer_join(base, "compatibility")
    )
    overrides = table.get("compatibility-by-contract", {})
    where = pointer_join(base, "compatibility-by-contract")
    if not isinstance(overrides, dict):
        raise ContractsError(file, "must be a table of contract = level", where)
    by_contract = {
        name: _level(value, file, pointer_join(where, name)) for name, value in overrides.items()
    }
    entries = table.get("allowed-breaks", [])
    where = pointer_join(base, "allowed-breaks")
    if not isinstance(entries, list):
        raise ContractsError(file, "must be an array of tables", where)
    allowed = []
    for index, entry in enumerate(entries):
        at = pointer_join(where, index)
        if not isinstance(entry, dict) or set(entry) != {"contract", "release", "reason"}:
            raise ContractsError(file, "must have exactly contract, release and reason", at)
        for key in ("contract", "reason"):
            if not isinstance(entry[key], str) or not entry[key].strip():
                raise ContractsError(file, "must be a non-empty string", pointer_join(at, key))
        release = Version.parse(entry["release"], file, pointer_join(at, "release"))
        allowed.append(AllowedBreak(entry["contract"], release, entry["reason"].strip(), at))
    return Policy(version, default, by_contract, tuple(allowed))
