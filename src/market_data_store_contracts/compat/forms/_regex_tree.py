"""Reading a ``pattern`` as Python's ``re`` reads it, into a small intermediate form: sets
of code points, sequences, alternatives, repetitions and anchors (see ``_regex`` for how the
search semantics and the refusals follow from it)."""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # re's engine: its case tables are the authority
import itertools
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from re import _constants as _c  # type: ignore[attr-defined]  # the parse tree's node codes
from re import _parser  # type: ignore[attr-defined]  # no public parse tree in re
from typing import Any

#: Most character positions a pattern may have once counted repetitions are written out.
MAX_POSITIONS = 600
#: Most alternatives the anchors may be distributed over.
MAX_ALTERNATIVES = 32

LAST = 0x10FFFF
_TYPE_FLAGS = re.ASCII | re.UNICODE | re.LOCALE
_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.ASCII | re.UNICODE | re.VERBOSE

Ranges = tuple[tuple[int, int], ...]


class Refused(Exception):
    """A pattern, or the question, that this module does not model exactly."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# ---------------------------------------------------------------------------------------------
# the intermediate form: sets of code points, sequences, alternatives, repetitions, anchors


@dataclass(frozen=True)
class Chars:
    ranges: Ranges


@dataclass(frozen=True)
class Cat:
    items: tuple[Any, ...]


@dataclass(frozen=True)
class Alt:
    options: tuple[Any, ...]


@dataclass(frozen=True)
class Rep:
    low: int
    high: int | None
    item: Any


@dataclass(frozen=True)
class _At:
    #: ``BOS``, ``BOL`` (multiline ``^``), ``EOS`` (``\\Z``), ``EOS_NL`` (``$``), ``EOL``
    where: str


NEWLINE = Chars(((10, 10),))
ANY = Chars(((0, LAST),))

_REFUSED_NODES = {
    "ASSERT": "a lookahead or lookbehind",
    "ASSERT_NOT": "a negative lookahead or lookbehind",
    "GROUPREF": "a backreference",
    "GROUPREF_EXISTS": "a conditional group",
    "POSSESSIVE_REPEAT": "a possessive quantifier",
    "ATOMIC_GROUP": "an atomic group",
}


def read(pattern: str) -> list[tuple[str | None, Any, str | None]]:
    """The alternatives of ``pattern`` as (start anchor, body, end anchor)."""
    try:
        with warnings.catch_warnings():  # "possible nested set": re's to say, not ours
            warnings.simplefilter("ignore")
            tree = _parser.parse(pattern)
    except (re.error, RecursionError, OverflowError, ValueError) as error:
        raise Refused(f"the pattern does not compile ({error})") from None
    flags = int(tree.state.flags)
    if flags & ~_FLAGS:
        raise Refused("the pattern uses an inline flag other than i, m, s, a, u or x")
    body = _sequence(tree, flags)
    alternatives = []
    for flat in _flat(body):
        start = end = None
        items = flat
        if items and isinstance(items[0], _At) and items[0].where in {"BOS", "BOL"}:
            start, items = items[0].where, items[1:]
        if items and isinstance(items[-1], _At) and items[-1].where not in {"BOS", "BOL"}:
            end, items = items[-1].where, items[:-1]
        rest = Cat(tuple(items))
        if _anchored(rest):
            raise Refused("an anchor inside the pattern (not at its start or end)")
        alternatives.append((start, rest, end))
    if _positions(body) > MAX_POSITIONS:
        raise Refused(f"more than {MAX_POSITIONS} character positions once repetitions are counted")
    return alternatives


def _sequence(subpattern: Any, flags: int) -> Cat:
    return Cat(tuple(_node(op, av, flags) for op, av in subpattern))


def _node(op: Any, av: Any, flags: int) -> Any:  # noqa: PLR0911  one answer per node
    name = str(op)
    if name in _REFUSED_NODES:
        raise Refused(_REFUSED_NODES[name])
    if name == "LITERAL":
        return _leaf(_escape(av), ((av, av),), flags)
    if name == "NOT_LITERAL":
        return _leaf(f"[^{_escape(av)}]", _complement(((av, av),)), flags)
    if name == "ANY":
        if flags & re.DOTALL:
            return ANY
        return Chars(_complement(((10, 10),)))
    if name == "IN":
        return _class(av, flags)
    if name == "BRANCH":
        return Alt(tuple(_sequence(option, flags) for option in av[1]))
    if name == "SUBPATTERN":
        _group, add, remove, inner = av
        return _sequence(inner, scoped(flags, add, remove))
    if name in {"MAX_REPEAT", "MIN_REPEAT"}:
        low, high, inner = av
        return Rep(int(low), None if high == _c.MAXREPEAT else int(high), _sequence(inner, flags))
    if name == "AT":
        return _anchor(str(av), flags)
    raise Refused(f"the construct {name} is not modelled")


def scoped(flags: int, add: int, remove: int) -> int:
    """The flags inside ``(?add-remove:...)`` as ``re`` combines them: a type flag (``a``,
    ``u``, ``L``) replaces the one in force, it is not added to it (``(?a:(?u:\\d))`` is
    Unicode)."""
    if add & _TYPE_FLAGS:
        flags &= ~_TYPE_FLAGS
    return (flags | add) & ~remove


def _anchor(code: str, flags: int) -> _At:
    multiline = bool(flags & re.MULTILINE)
    if code == "AT_BEGINNING_STRING":
        return _At("BOS")
    if code == "AT_END_STRING":
        return _At("EOS")
    if code == "AT_BEGINNING":
        return _At("BOL" if multiline else "BOS")
    if code == "AT_END":
        return _At("EOL" if multiline else "EOS_NL")
    if code in {"AT_BOUNDARY", "AT_NON_BOUNDARY"}:
        raise Refused("a word boundary (\\b or \\B)")
    raise Refused(f"the anchor {code} is not modelled")


def _escape(code: int) -> str:
    return f"\\U{code:08x}"


def _class(items: Any, flags: int) -> Chars:
    """A class ``[...]``: literals, ranges and categories as sets of code points (each category
    read once from ``re``), then folded as ``re`` folds it under ``(?i)``."""
    parts: list[str] = []
    ranges: list[tuple[int, int]] = []
    negate = False
    for op, av in items:
        name = str(op)
        if name == "NEGATE":
            negate = True
            parts.append("^")
        elif name == "LITERAL":
            ranges.append((av, av))
            parts.append(_escape(av))
        elif name == "RANGE":
            ranges.append((av[0], av[1]))
            parts.append(f"{_escape(av[0])}-{_escape(av[1])}")
        elif name == "CATEGORY":
            text = _CATEGORIES[str(av)]
            ranges.extend(_matched(text, flags & re.ASCII))
            parts.append(text)
        else:
            raise Refused(f"the class item {name} is not modelled")
    merged = _merge(ranges)
    plain = _complement(merged) if negate else merged
    if flags & re.IGNORECASE:
        return Chars(_folded("[" + "".join(parts) + "]", plain, flags))
    return Chars(plain)


_CATEGORIES = {
    "CATEGORY_DIGIT": "\\d",
    "CATEGORY_NOT_DIGIT": "\\D",
    "CATEGORY_SPACE": "\\s",
    "CATEGORY_NOT_SPACE": "\\S",
    "CATEGORY_WORD": "\\w",
    "CATEGORY_NOT_WORD": "\\W",
}


def _leaf(text: str, ranges: Ranges, flags: int) -> Chars:
    return Chars(_folded(text, ranges, flags) if flags & re.IGNORECASE else ranges)


@cache
def _cased() -> tuple[list[int], str, Ranges]:
    """The code points ``re`` may fold under ``(?i)``: those with another case and the lower
    case of each (a code point outside them folds to itself only, and no other folds to it).
    Read once with ``re``'s own case tables, in C (``map`` over ``_sre``)."""
    every = range(LAST + 1)
    cased = set(itertools.compress(every, map(_sre.unicode_iscased, every)))
    cased |= set(map(_sre.unicode_tolower, cased))
    codes = sorted(cased)
    return codes, "".join(map(chr, codes)), _merge([(code, code) for code in codes])


@lru_cache(maxsize=1024)
def _folded(text: str, plain: Ranges, flags: int) -> Ranges:
    """The code points the one-character pattern ``text`` (``plain`` without ``(?i)``) matches
    under ``flags``: ``plain`` outside the cased code points, and ``re``'s own answer on each
    of those (a few thousand, not all 1,114,112)."""
    codes, string, cased = _cased()
    compiled = re.compile(text, flags & (re.IGNORECASE | re.ASCII))
    matched = [codes[m.start()] for m in compiled.finditer(string)]
    outside = _subtract(plain, cased)
    return _merge([*outside, *((code, code) for code in matched)])


def _subtract(ranges: Ranges, removed: Ranges) -> Ranges:
    return _intersect(ranges, _complement(removed))


def _intersect(first: Ranges, second: Ranges) -> Ranges:
    out: list[tuple[int, int]] = []
    i = j = 0
    while i < len(first) and j < len(second):
        low = max(first[i][0], second[j][0])
        high = min(first[i][1], second[j][1])
        if low <= high:
            out.append((low, high))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return tuple(out)


@cache
def _every_code_point() -> str:
    """Every code point, surrogates included, in one string: UTF-32 bytes laid out by slices
    (far faster than a ``chr`` per code point)."""
    count = LAST + 1  # 17 planes of 65,536
    raw = bytearray(4 * count)
    raw[0::4] = bytes(range(256)) * (count // 256)
    raw[1::4] = b"".join(bytes([value]) * 256 for value in range(256)) * (count // 65536)
    raw[2::4] = b"".join(bytes([value]) * 65536 for value in range(count // 65536))
    return raw.decode("utf-32-le", "surrogatepass")


@lru_cache(maxsize=256)
def _matched(text: str, flags: int) -> Ranges:
    """The code points the one-character pattern ``text`` matches under ``flags`` (i, a),
    scanning every code point: used once per category."""
    compiled = re.compile(f"(?:{text})+", flags & (re.IGNORECASE | re.ASCII))
    return tuple((m.start(), m.end() - 1) for m in compiled.finditer(_every_code_point()))


def _merge(ranges: Sequence[tuple[int, int]]) -> Ranges:
    merged: list[tuple[int, int]] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return tuple(merged)


def _complement(ranges: Ranges) -> Ranges:
    out: list[tuple[int, int]] = []
    nxt = 0
    for low, high in ranges:
        if low > nxt:
            out.append((nxt, low - 1))
        nxt = high + 1
    if nxt <= LAST:
        out.append((nxt, LAST))
    return tuple(out)


def _flat(node: Any) -> list[list[Any]]:
    """Flat item lists, distributing the groups that hold an anchor (``(^a|^b)c``)."""
    if isinstance(node, Alt):
        return [seq for option in node.options for seq in _flat(option)]
    if isinstance(node, Cat):
        sequences: list[list[Any]] = [[]]
        for item in node.items:
            parts = _flat(item) if isinstance(item, Alt | Cat) and _anchored(item) else [[item]]
            sequences = [seq + part for seq in sequences for part in parts]
            if len(sequences) > MAX_ALTERNATIVES:
                raise Refused(f"anchors spread over more than {MAX_ALTERNATIVES} alternatives")
        return sequences
    return [[node]]


def _anchored(node: Any) -> bool:
    if isinstance(node, _At):
        return True
    if isinstance(node, Cat):
        return any(_anchored(item) for item in node.items)
    if isinstance(node, Alt):
        return any(_anchored(option) for option in node.options)
    if isinstance(node, Rep):
        return _anchored(node.item)
    return False


def _positions(node: Any) -> int:
    if isinstance(node, Chars):
        return 1
    if isinstance(node, Cat):
        return sum(_positions(item) for item in node.items)
    if isinstance(node, Alt):
        return sum(_positions(option) for option in node.options)
    if isinstance(node, Rep):
        return _positions(node.item) * max(1, node.low, node.high or node.low)
    return 0


def character_sets(node: Any) -> list[Ranges]:
    if isinstance(node, Chars):
        return [node.ranges]
    if isinstance(node, Cat):
        return [ranges for item in node.items for ranges in character_sets(item)]
    if isinstance(node, Alt):
        return [ranges for option in node.options for ranges in character_sets(option)]
    if isinstance(node, Rep):
        return character_sets(node.item)
    return []
