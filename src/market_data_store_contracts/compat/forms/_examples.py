"""Small deterministic instances of a normalised schema: the raw material of witnesses.

Every candidate is checked with the real validator before it is returned, so an example is
always an instance of its schema; when no candidate passes, :data:`MISSING` is returned.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Final

from .._schema import Node, Side
from ._normal import Normaliser
from ._numbers import Value, as_json_number, non_integer_doubles
from ._regex import matches
from ._shape import Branch, kind_of


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()

#: How deep an example may nest before the generator gives up (recursive schemas).
MAX_EXAMPLE_DEPTH = 24

_STRINGS = (
    "",
    "a",
    "x",
    "0",
    "A",
    "abc",
    "a1",
    "!",
    " ",
    "store",
    "2024-01-01",
    "user@example.com",
    "00000000-0000-0000-0000-000000000000",
    "\U0001f600",  # astral: one code point for the validator, two UTF-16 units elsewhere
)
_OTHER_NAMES = ("x-compat-extra", "compat_extra", "zz", "Z9", "_", "0", "-")


def int_bounds(branch: Branch) -> tuple[int | None, int | None, int]:
    """Inclusive integer bounds and the step (every integer multiple) of an integer branch."""
    lo = hi = None
    if branch.lower is not None:
        value = branch.lower.value
        lo = math.floor(value) + 1 if branch.lower.exclusive else math.ceil(value)
    if branch.upper is not None:
        value = branch.upper.value
        hi = math.ceil(value) - 1 if branch.upper.exclusive else math.floor(value)
    step = 1
    for multiple, _pointer in branch.multiples:
        step = math.lcm(step, multiple.numerator)
    return lo, hi, step


def int_values(
    lo: int | None, hi: int | None, step: int, *, count: int = 3, below: int | None = None
) -> list[int]:
    """Up to ``count`` multiples of ``step`` in ``[lo, hi]`` (and ``< below``), smallest first
    when ``lo`` is known, else largest first, else around zero."""
    if below is not None:
        hi = below - 1 if hi is None else min(hi, below - 1)
    if lo is not None and hi is not None and lo > hi:
        return []
    found: list[int] = []
    if lo is not None:
        first = -(-lo // step) * step
        found = [first + i * step for i in range(count)]
    elif hi is not None:
        last = (hi // step) * step
        found = [last - i * step for i in range(count)]
    else:
        found = [0, step, -step][:count]
    return [value for value in found if (lo is None or value >= lo) and (hi is None or value <= hi)]


def rational_lcm(values: list[Fraction]) -> Fraction:
    numerator, denominator = 1, 0
    for value in values:
        numerator = math.lcm(numerator, value.numerator)
        denominator = math.gcd(denominator, value.denominator)
    return Fraction(numerator, denominator or 1)


def non_integers(branch: Branch, *, count: int = 3) -> list[Value]:
    """Non-integer numbers (doubles, as instances are) within the bounds and exact multiples
    of a ``number`` branch, and last the infinities Python's ``json`` reads ``1e400`` as.
    Complete: an empty list means the branch has no instance."""
    step = None
    if branch.multiples:
        step = rational_lcm([m for m, _ in branch.multiples])
        if step.denominator == 1:
            return []
    lower = (branch.lower.value, branch.lower.exclusive) if branch.lower is not None else None
    upper = (branch.upper.value, branch.upper.exclusive) if branch.upper is not None else None
    found: list[Value] = list(non_integer_doubles(lower, upper, step, count=count))
    if len(found) < count and not branch.multiples and not branch.inexact_multiples:
        # the JSON texts beyond every double (1e400), which Python's json reads as infinities:
        # numbers, no integers, and past every finite bound (a step rejects or fails on them)
        found += [inf for inf, end in ((math.inf, upper), (-math.inf, lower)) if end is None]
    return found[:count]


def regex_examples(pattern: str) -> list[str]:
    """Strings matching a regular expression, built from its parse tree (few, deterministic)."""
    try:
        from re import _parser  # type: ignore[attr-defined]  # no public parse tree in re

        tree = _parser.parse(pattern)
    except Exception:  # any parse problem: simply no candidates
        return []
    found = []
    for extra in (0, 1, 3):
        try:
            text = _render(tree, extra, _parser)
        except (_GiveUp, RecursionError, ValueError, TypeError, AttributeError):
            continue
        if text not in found and matches(pattern, text):
            found.append(text)
    return found


class _GiveUp(Exception):
    pass


def _render(tree: Any, extra: int, parser: Any) -> str:
    constants = parser._constants if hasattr(parser, "_constants") else None
    out: list[str] = []
    for op, value in tree:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(value))
        elif name == "NOT_LITERAL":
            out.append("a" if chr(value) != "a" else "b")
        elif name == "ANY":
            out.append("a")
        elif name == "IN":
            out.append(_class_char(value))
        elif name in {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}:
            low, high, sub = value
            times = (
                low + extra
                if high is None or (constants is not None and high == constants.MAXREPEAT)
                else min(high, low + extra)
            )
            out.append(_render(sub, extra, parser) * times)
        elif name == "SUBPATTERN":
            out.append(_render(value[-1], extra, parser))
        elif name == "ATOMIC_GROUP":
            out.append(_render(value, extra, parser))
        elif name == "BRANCH":
            out.append(_render(value[1][0], extra, parser))
        elif name in {"AT", "ASSERT", "ASSERT_NOT"}:
            continue
        else:
            raise _GiveUp(name)
    return "".join(out)


def _class_char(items: Any) -> str:
    negated = False
    for op, value in items:
        name = str(op)
        if name == "NEGATE":
            negated = True
        elif negated:
            continue
        elif name == "LITERAL":
            return chr(value)
        elif name == "RANGE":
            return chr(value[0])
        elif name == "CATEGORY":
            category = str(value)
            return {"CATEGORY_DIGIT": "0", "CATEGORY_SPACE": " ", "CATEGORY_WORD": "a"}.get(
                category, "!"
            )
    if negated:
        excluded = "".join(chr(v) for o, v in items if str(o) == "LITERAL")
        for char in "a0_!~":
            if char not in excluded:
                return char
    raise _GiveUp("class")


@dataclass
class Examples:
    """Examples of one side's branches and nodes, memoised."""

    side: Side
    normaliser: Normaliser
    _memo: dict[tuple[int, ...], Any] = field(default_factory=dict)

    def accepts(self, nodes: tuple[Node, ...], value: Any) -> bool:
        return all(self.side.is_valid(node, value) for node in nodes)

    def in_branch(self, branch: Branch, value: Any) -> bool:
        """Whether ``value`` is an instance of the branch. Arrays and objects built from
        examples of their parts satisfy every modelled keyword by construction; the validator
        is asked only when something unmodelled is involved (this keeps deep schemas linear)."""
        if kind_of(value) != branch.kind:
            return False
        if branch.kind in {"array", "object"} and self._modelled(branch):
            return True
        return self.accepts(branch.atoms, value)

    @staticmethod
    def _modelled(branch: Branch) -> bool:
        if branch.nots or branch.unsupported or branch.property_names or branch.dependent_schemas:
            return False
        if branch.contains or branch.unique or branch.values is not None:
            return False
        if any(part.patterns for part in branch.objects):
            return False
        return not any(
            isinstance(atom.contents, dict) and "oneOf" in atom.contents for atom in branch.atoms
        )

    def of_nodes(self, nodes: tuple[Node, ...], at: Node, depth: int = 0) -> Any:
        key = tuple(id(node.contents) for node in nodes)
        if key in self._memo:
            return self._memo[key]
        self._memo[key] = MISSING  # a recursive schema asks for itself: give up there
        result: Any = MISSING
        if depth <= MAX_EXAMPLE_DEPTH:
            shape = self.normaliser.conjunction(nodes, at)
            for branch in shape.branches:
                value = self.of_branch(branch, depth + 1)
                if value is not MISSING:
                    result = value
                    break
        self._memo[key] = result
        return result

    def of_branch(self, branch: Branch, depth: int = 0) -> Any:
        for candidate in self.candidates(branch, depth):
            if self.in_branch(branch, candidate):
                return candidate
        return MISSING

    def candidates(self, branch: Branch, depth: int) -> list[Any]:  # noqa: PLR0911  per kind
        if branch.values is not None:
            return list(branch.values)
        kind = branch.kind
        if kind == "null":
            return [None]
        if kind == "boolean":
            return [False, True]
        if kind == "integer":
            lo, hi, step = int_bounds(branch)
            return list(int_values(lo, hi, step))
        if kind == "number":
            return [as_json_number(x) for x in non_integers(branch)]
        if kind == "string":
            return self.strings(branch)
        if kind == "array":
            found = self.array(branch, depth)
            return [] if found is MISSING else [found]
        found = self.object(branch, depth)
        return [] if found is MISSING else [found]

    # -- strings ---------------------------------------------------------------------------
    def strings(self, branch: Branch, *, lengths: tuple[int, ...] | None = None) -> list[str]:
        low = branch.min_length.value if branch.min_length else 0
        high = branch.max_length.value if branch.max_length else None
        pool = list(_STRINGS)
        for pattern, _pointer in branch.patterns:
            pool = regex_examples(pattern) + pool
        wanted = lengths if lengths is not None else (low,)
        found: list[str] = []
        for base in pool:
            variants = [base]
            for length in wanted:
                if len(base) < length:
                    variants.append(base + (base[-1:] or "a") * (length - len(base)))
            for text in variants:
                if len(text) < low or (high is not None and len(text) > high):
                    continue
                if lengths is not None and len(text) not in lengths:
                    continue
                if (
                    all(matches(pattern, text) for pattern, _ in branch.patterns)
                    and text not in found
                ):
                    found.append(text)
        return found

    # -- arrays ----------------------------------------------------------------------------
    def item_nodes(self, branch: Branch, index: int) -> tuple[Node, ...]:
        nodes = (part.node_for(index) for part in branch.arrays)
        return tuple(node for node in nodes if node is not None)

    def item(self, branch: Branch, index: int, depth: int) -> Any:
        nodes = self.item_nodes(branch, index)
        at = branch.atoms[0] if branch.atoms else None
        if not nodes:
            return None
        assert at is not None
        return self.of_nodes(nodes, at, depth)

    def array(self, branch: Branch, depth: int, *, length: int | None = None) -> Any:
        size = branch.min_items.value if branch.min_items else 0
        if length is not None:
            size = length
        items = []
        for index in range(size):
            value = self.item(branch, index, depth)
            if value is MISSING:
                return MISSING
            items.append(value)
        for contains in branch.contains:
            if length is not None:
                break
            example = self.of_nodes((contains.node,), contains.node, depth)
            if example is MISSING:
                return MISSING
            items.extend([example] * contains.minimum)
        return items

    # -- objects ---------------------------------------------------------------------------
    def value_nodes(self, branch: Branch, name: str) -> tuple[Node, ...]:
        return tuple(node for part in branch.objects for node in part.nodes_for(name))

    def forbidden(self, branch: Branch, name: str) -> bool:
        return any(part.forbids(name) for part in branch.objects)

    def required(self, branch: Branch) -> list[str]:
        names = list(branch.required_names)
        changed = True
        while changed:
            changed = False
            for name, deps, _ in branch.dependent_required:
                if name in names:
                    for dep in deps:
                        if dep not in names:
                            names.append(dep)
                            changed = True
        return names

    def object(
        self,
        branch: Branch,
        depth: int,
        *,
        include: tuple[str, ...] = (),
        avoid: frozenset[str] = frozenset(),
        size: int | None = None,
    ) -> Any:
        names = [name for name in self.required(branch) if name not in avoid]
        names.extend(name for name in include if name not in names)
        target = branch.min_properties.value if branch.min_properties else 0
        if size is not None:
            target = size
        if len(names) < target:
            optional = [
                name
                for part in branch.objects
                for name in part.properties
                if name not in names and name not in avoid and not self.forbidden(branch, name)
            ]
            optional.extend(self.other_names(branch, count=max(8, target - len(names))))
            for name in optional:
                if len(names) >= target:
                    break
                if name not in names:
                    names.append(name)
        result: dict[str, Any] = {}
        for name in names:
            nodes = self.value_nodes(branch, name)
            value = self.of_nodes(nodes, branch.atoms[0], depth) if nodes else None
            if value is MISSING:
                return MISSING
            result[name] = value
        return result

    def other_names(self, branch: Branch, *, count: int = 8) -> list[str]:
        """Up to ``count`` names outside every ``properties`` that no part forbids and that
        every ``propertyNames`` accepts: fixed names and examples of the parts' patterns
        first, then those examples and fixed stems with suffixes (``x-compat-0``, ``aa``,
        ``a1``, ...), so that a count such as ``maxProperties`` 43 finds 42 distinct names."""
        known = {name for part in branch.objects for name in part.properties}
        stems = [
            example
            for part in branch.objects
            for regex, _ in part.patterns
            for example in regex_examples(regex)
        ]
        stems += [
            example
            for node in branch.property_names
            if isinstance(node.contents, dict) and isinstance(node.contents.get("pattern"), str)
            for example in regex_examples(node.contents["pattern"])
        ]
        found: list[str] = []
        for name in self._names(stems, budget=_NAME_BUDGET + 4 * count):
            if len(found) >= count:
                break
            if name in known or name in found or self.forbidden(branch, name):
                continue
            if self.accepts(branch.property_names, name):
                found.append(name)
        return found

    @staticmethod
    def _names(stems: list[str], *, budget: int) -> Iterator[str]:
        """Candidate names, at most ``budget`` of them: the stems, the fixed names, then each
        stem and fixed name with ever longer suffixes."""
        fixed = [*stems, *_OTHER_NAMES, "x-compat"]
        yield from fixed[:budget]
        budget -= len(fixed)
        index = 0
        while budget > 0:
            suffix = _suffix(index)
            for name in (
                *(stem + suffix for stem in stems),
                *(suffix + stem for stem in stems),
                "x-compat-" + suffix,
                suffix,
            ):
                yield name
                budget -= 1
            index += 1


#: How many names beyond the requested count ``other_names`` may try.
_NAME_BUDGET = 64


def _suffix(index: int) -> str:
    """The ``index``-th suffix: ``0`` … ``9``, then ``a`` … ``z``, then two characters, …"""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = digits[index % len(digits)]
    index //= len(digits)
    while index:
        index -= 1
        text = digits[index % len(digits)] + text
        index //= len(digits)
    return text
