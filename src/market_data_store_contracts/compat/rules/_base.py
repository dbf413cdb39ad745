"""What every rule shares: the pair it is handed, the change it yields, and message helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Protocol

from ..._documents.pointers import pointer_join
from .._schema import Node, Side
from ..forms._examples import MISSING, Examples
from ..forms._normal import Normaliser
from ..forms._numbers import as_json_number
from ..forms._shape import Bound, Branch, Caveat, Shape

KIND_NAMES = {
    "null": "null",
    "boolean": "boolean",
    "integer": "integer",
    "number": "non-integer number",
    "string": "string",
    "array": "array",
    "object": "object",
}


@dataclass(frozen=True)
class Change:
    """What a rule yields; the walker turns it into a :class:`~.._report.Finding`."""

    message: str
    old_pointer: str
    new_pointer: str
    witness: Any = MISSING
    #: why no witness can exist (``*_UNDECIDED`` rules)
    undecided: str | None = None


@dataclass(frozen=True)
class Within:
    """Whether the old instances (of one kind) meet a new constraint: proven, or not proven
    with instances that may break it (unverified: a rule keeps only those that verify) and
    which part of the constraint could not be decided."""

    holds: bool
    candidates: tuple[Any, ...] = ()
    reason: str | None = None


class Context(Protocol):
    """What the walker hands the rules with every pair (rules never import the walker)."""

    old_norm: Normaliser
    new_norm: Normaliser
    examples: Examples

    def same(self, a: Node, b: Node) -> bool: ...

    def identical(self, old: tuple[Node, ...], new: tuple[Node, ...]) -> bool: ...

    def subset(
        self, old: tuple[Node, ...], new: tuple[Node, ...], at_old: Node, at_new: Node
    ) -> bool: ...

    def excluded_within(self, excluded: Node, mine: Node, kind: str) -> tuple[bool, list[Any]]: ...

    def excluded_examples(self, excluded: Node, kind: str) -> list[Any]: ...

    def dependent_within(
        self, old_nodes: tuple[Node, ...], old: Branch, name: str, node: Node, at_old: Node
    ) -> Within: ...

    def conditional_within(
        self, old_nodes: tuple[Node, ...], old: Branch, node: Node, at_old: Node
    ) -> Within: ...


@dataclass(frozen=True)
class Pair:
    """A matched (old, new) pair, as the walker hands it to the rules of one scope."""

    walker: Context
    subject: str
    old_nodes: tuple[Node, ...]
    new_nodes: tuple[Node, ...]
    at_old: Node
    at_new: Node
    old: Branch | None = None
    new: Branch | None = None
    new_shape: Shape | None = None
    caveat: Caveat | None = None
    name: str | None = None

    @property
    def old_pointer(self) -> str:
        return self.old.pointer if self.old is not None else self.at_old.pointer

    @property
    def new_pointer(self) -> str:
        return self.new.pointer if self.new is not None else self.at_new.pointer

    def new_accepts(self, value: Any) -> bool:
        return all(self.walker.new_norm.accepts(node, value) for node in self.new_nodes)

    def old_accepts(self, value: Any) -> bool:
        return all(self.walker.old_norm.accepts(node, value) for node in self.old_nodes)


Handler = Callable[[Pair], Iterator[Change]]


@dataclass(frozen=True)
class Sides:
    """Both whole sides of one direction (``sub`` is to be contained in ``sup``), as the checker
    hands them to the ``sides`` handler of a rule once the walk found nothing breaking."""

    sub: Side
    sup: Side
    #: what the handlers of several rules read from the sides once and share
    memo: dict[str, Any] = field(default_factory=dict)


SidesHandler = Callable[[Sides], Iterator[Change]]


@dataclass(frozen=True)
class Rule:
    """One registered rule: its ID, a one-sentence purpose, where the walker calls it."""

    id: str
    purpose: str
    #: ``values``, ``missing``, ``branch``, ``union``, ``caveat``, ``property``, ``other``,
    #: ``names`` or ``root``: which kind of matched pair the handler receives
    scope: str
    handler: Handler
    #: kinds of branch the rule looks at (``branch`` scope), empty for all
    kinds: tuple[str, ...] = ()
    #: an info rule reports but never makes a check fail
    breaking: bool = True
    #: what the rule also checks on both whole sides, once per direction, where the walk
    #: found nothing breaking (draft-04's lexical ``integer``)
    sides: SidesHandler | None = None


def json_text(value: Any) -> str:
    import json

    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 60 else text[:57] + "..."


def kinds_text(kinds: list[str]) -> str:
    names: list[str] = []
    for kind in kinds:
        name = (
            "number"
            if kind in {"integer", "number"} and {"integer", "number"} <= set(kinds)
            else kind
        )
        if name not in names:
            names.append(name)
    if not names:
        return "nothing"
    if len(names) == 7 or (len(names) == 6 and "number" in names):
        return "any type"
    return " or ".join(names)


def bound_text(bound: Bound | None, lower: bool) -> str:
    if bound is None:
        return "none"
    keyword = (
        ("exclusiveMinimum" if lower else "exclusiveMaximum")
        if bound.exclusive
        else ("minimum" if lower else "maximum")
    )
    shown = bound.literal if bound.literal is not None else as_json_number(bound.value)
    return f"{keyword} {shown!r}"


def number_text(value: Fraction) -> str:
    return str(as_json_number(value))


def at_keyword(node: Node, keyword: str) -> str:
    """The pointer of ``keyword`` in ``node`` when the node lies in the user's document and has
    it, else the node's own pointer."""
    if node.internal and isinstance(node.contents, dict) and keyword in node.contents:
        return pointer_join(node.pointer, keyword)
    return node.pointer


def keyword_pointer(bound: Any, fallback: str) -> str:
    return str(bound.pointer) if bound is not None else fallback


# ---------------------------------------------------------------------------------------------
# values: an old branch with finitely many values (enum, const, null, boolean)
