"""Decide questions about ``pattern`` exactly as ``jsonschema`` applies it: with Python's
``re.search``, so a pattern matches a string when some substring matches it.

:func:`search` looks for a string that every "accept" pattern matches and no "reject" pattern
matches, within given lengths; it proves that none exists, returns one (verified with
``re.search``), or refuses with a reason that names what it cannot model. Containment of old
patterns in a new one is a search with the new pattern as the one to reject; a ``not`` that
excludes nothing old is one with both sides to accept.

How a pattern is read:

- Python's own parser (``re._parser``) reads it, so escapes, classes, quantifiers and inline
  flags mean what they mean to ``re``. Lookarounds, backreferences, conditionals, possessive
  quantifiers, atomic groups and word boundaries are refused.
- Character classes are sets of code points. ``\\d``, ``\\w``, ``\\s`` (Unicode-aware unless
  ``(?a)``) and every class under ``(?i)`` are computed by ``re`` itself, matched against every
  code point once, so they are exact by construction.
- The search semantics: each alternative becomes ``prefix body suffix``, where the prefix is
  "anything" unless the alternative starts with ``^``/``\\A`` (with ``(?m)``, ``^`` allows
  anything ending in a newline), and the suffix is "anything" unless it ends with ``\\Z``
  (nothing), ``$`` (nothing or one final newline) or, with ``(?m)``, ``$`` (nothing, or a
  newline and anything). An anchor anywhere else is refused, after distributing groups whose
  alternatives carry their own anchors (``^(a$|b$)``).
- The code points are split into the classes no pattern of the question tells apart, and each
  class is represented by one character: the automata then run on a small alphabet, and a string
  over the representatives is accepted exactly when any string with the same classes is.
- ``interegular`` builds a deterministic automaton per alternative (concatenation, union, star
  and repetition); a breadth-first walk of the product of all automata and the length bounds
  finds the shortest string wanted, or exhausts the product. Every step has a budget of
  automaton states; a question beyond it is refused.
"""

from __future__ import annotations

import bisect
import itertools
import re
import warnings
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from re import _constants as _c  # type: ignore[attr-defined]  # the parse tree's node codes
from re import _parser  # type: ignore[attr-defined]  # no public parse tree in re
from typing import Any

from interegular.fsm import FSM, Alphabet, TransitionKey, epsilon

#: Most states one automaton may have (after each construction step).
MAX_STATES = 400
#: Most states the product walk may visit.
MAX_PRODUCT = 20_000
#: Most character positions a pattern may have once counted repetitions are written out.
MAX_POSITIONS = 600
#: Most alternatives the anchors may be distributed over.
MAX_ALTERNATIVES = 32
#: Length bounds above this are dropped (over-approximating the strings to accept: sound).
MAX_LENGTH = 256

_LAST = 0x10FFFF
_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.ASCII | re.UNICODE | re.VERBOSE

Ranges = tuple[tuple[int, int], ...]


class Refused(Exception):
    """A pattern, or the question, that this module does not model exactly."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Answer:
    """``found`` a string (``witness``), proved that none exists, or refused (``reason``)."""

    witness: str | None = None
    reason: str | None = None

    @property
    def none_exists(self) -> bool:
        return self.witness is None and self.reason is None


# ---------------------------------------------------------------------------------------------
# the intermediate form: sets of code points, sequences, alternatives, repetitions, anchors


@dataclass(frozen=True)
class _Set:
    ranges: Ranges


@dataclass(frozen=True)
class _Cat:
    items: tuple[Any, ...]


@dataclass(frozen=True)
class _Alt:
    options: tuple[Any, ...]


@dataclass(frozen=True)
class _Rep:
    low: int
    high: int | None
    item: Any


@dataclass(frozen=True)
class _At:
    #: ``BOS``, ``BOL`` (multiline ``^``), ``EOS`` (``\\Z``), ``EOS_NL`` (``$``), ``EOL``
    where: str


_NEWLINE = _Set(((10, 10),))
_ANY = _Set(((0, _LAST),))

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
        rest = _Cat(tuple(items))
        if _anchored(rest):
            raise Refused("an anchor inside the pattern (not at its start or end)")
        alternatives.append((start, rest, end))
    if _positions(body) > MAX_POSITIONS:
        raise Refused(f"more than {MAX_POSITIONS} character positions once repetitions are counted")
    return alternatives


def _sequence(subpattern: Any, flags: int) -> _Cat:
    return _Cat(tuple(_node(op, av, flags) for op, av in subpattern))


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
            return _ANY
        return _Set(_complement(((10, 10),)))
    if name == "IN":
        return _class(av, flags)
    if name == "BRANCH":
        return _Alt(tuple(_sequence(option, flags) for option in av[1]))
    if name == "SUBPATTERN":
        _group, add, remove, inner = av
        return _sequence(inner, (flags | add) & ~remove)
    if name in {"MAX_REPEAT", "MIN_REPEAT"}:
        low, high, inner = av
        return _Rep(int(low), None if high == _c.MAXREPEAT else int(high), _sequence(inner, flags))
    if name == "AT":
        return _anchor(str(av), flags)
    raise Refused(f"the construct {name} is not modelled")


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


def _class(items: Any, flags: int) -> _Set:
    """A class ``[...]``: direct from literals and ranges, else matched by ``re`` itself."""
    parts: list[str] = []
    ranges: list[tuple[int, int]] = []
    negate = scan = False
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
            scan = True
            parts.append(_CATEGORIES[str(av)])
        else:
            raise Refused(f"the class item {name} is not modelled")
    if scan or flags & re.IGNORECASE:
        return _Set(_matched("[" + "".join(parts) + "]", flags))
    merged = _merge(ranges)
    return _Set(_complement(merged) if negate else merged)


_CATEGORIES = {
    "CATEGORY_DIGIT": "\\d",
    "CATEGORY_NOT_DIGIT": "\\D",
    "CATEGORY_SPACE": "\\s",
    "CATEGORY_NOT_SPACE": "\\S",
    "CATEGORY_WORD": "\\w",
    "CATEGORY_NOT_WORD": "\\W",
}


def _leaf(text: str, ranges: Ranges, flags: int) -> _Set:
    return _Set(_matched(text, flags) if flags & re.IGNORECASE else ranges)


@cache
def _every_code_point() -> str:
    """Every code point, surrogates included, in one string: UTF-32 bytes laid out by slices
    (far faster than a ``chr`` per code point)."""
    count = _LAST + 1  # 17 planes of 65,536
    raw = bytearray(4 * count)
    raw[0::4] = bytes(range(256)) * (count // 256)
    raw[1::4] = b"".join(bytes([value]) * 256 for value in range(256)) * (count // 65536)
    raw[2::4] = b"".join(bytes([value]) * 65536 for value in range(count // 65536))
    return raw.decode("utf-32-le", "surrogatepass")


@lru_cache(maxsize=256)
def _matched(text: str, flags: int) -> Ranges:
    """The code points the one-character pattern ``text`` matches under ``flags`` (i, a)."""
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
    if nxt <= _LAST:
        out.append((nxt, _LAST))
    return tuple(out)


def _flat(node: Any) -> list[list[Any]]:
    """Flat item lists, distributing the groups that hold an anchor (``(^a|^b)c``)."""
    if isinstance(node, _Alt):
        return [seq for option in node.options for seq in _flat(option)]
    if isinstance(node, _Cat):
        sequences: list[list[Any]] = [[]]
        for item in node.items:
            parts = _flat(item) if isinstance(item, _Alt | _Cat) and _anchored(item) else [[item]]
            sequences = [seq + part for seq in sequences for part in parts]
            if len(sequences) > MAX_ALTERNATIVES:
                raise Refused(f"anchors spread over more than {MAX_ALTERNATIVES} alternatives")
        return sequences
    return [[node]]


def _anchored(node: Any) -> bool:
    if isinstance(node, _At):
        return True
    if isinstance(node, _Cat):
        return any(_anchored(item) for item in node.items)
    if isinstance(node, _Alt):
        return any(_anchored(option) for option in node.options)
    if isinstance(node, _Rep):
        return _anchored(node.item)
    return False


def _positions(node: Any) -> int:
    if isinstance(node, _Set):
        return 1
    if isinstance(node, _Cat):
        return sum(_positions(item) for item in node.items)
    if isinstance(node, _Alt):
        return sum(_positions(option) for option in node.options)
    if isinstance(node, _Rep):
        return _positions(node.item) * max(1, node.low, node.high or node.low)
    return 0


def _sets(node: Any) -> list[Ranges]:
    if isinstance(node, _Set):
        return [node.ranges]
    if isinstance(node, _Cat):
        return [ranges for item in node.items for ranges in _sets(item)]
    if isinstance(node, _Alt):
        return [ranges for option in node.options for ranges in _sets(option)]
    if isinstance(node, _Rep):
        return _sets(node.item)
    return []


# ---------------------------------------------------------------------------------------------
# the alphabet: one representative character per class of code points no set tells apart


class _Letters:
    def __init__(self, sets: list[Ranges]) -> None:
        bounds = {0, _LAST + 1}
        for ranges in sets:
            for low, high in ranges:
                bounds.update((low, high + 1))
        pieces = list(itertools.pairwise(sorted(bounds)))
        signatures: dict[tuple[bool, ...], list[tuple[int, int]]] = {}
        for low, nxt in pieces:
            key = tuple(_covers(ranges, low) for ranges in sets)
            signatures.setdefault(key, []).append((low, nxt - 1))
        self.chars = [_representative(blocks) for blocks in signatures.values()]
        self.signatures = list(signatures)
        self.index = {ranges: i for i, ranges in enumerate(sets)}
        self.alphabet = Alphabet({char: TransitionKey(i) for i, char in enumerate(self.chars)})

    def keys(self, ranges: Ranges) -> list[TransitionKey]:
        position = self.index[ranges]
        return [TransitionKey(i) for i, key in enumerate(self.signatures) if key[position]]


def _covers(ranges: Ranges, code: int) -> bool:
    at = bisect.bisect_right(ranges, (code, _LAST + 1)) - 1
    return at >= 0 and ranges[at][0] <= code <= ranges[at][1]


def _representative(blocks: list[tuple[int, int]]) -> str:
    """A readable character of the blocks: printable ASCII, else not a control or surrogate."""
    for preferred in ((0x61, 0x7A), (0x30, 0x39), (0x41, 0x5A), (0x20, 0x7E), (0xA1, 0xD7FF)):
        for low, high in blocks:
            if low <= preferred[1] and high >= preferred[0]:
                return chr(max(low, preferred[0]))
    return chr(blocks[0][0])


# ---------------------------------------------------------------------------------------------
# automata


def _epsilon(alphabet: Alphabet) -> FSM:
    result: FSM = epsilon(alphabet)  # type: ignore[no-untyped-call]  # untyped in interegular
    return result


def _times(fsm: FSM, count: int) -> FSM:
    result: FSM = fsm.times(count)  # type: ignore[no-untyped-call]  # untyped in interegular
    return result


class _Meter:
    """Counts the transitions an ``interegular`` operation looks up, and stops it (refusing
    the question) past its budget: the operations determinise, and a determinisation can grow
    exponentially, so a budget checked only on the result would come too late."""

    def __init__(self, budget: int) -> None:
        self.left = budget

    def tick(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise Refused(f"an automaton of the patterns needs more than {MAX_STATES} states")


class _MeteredMap(dict[Any, Any]):
    def __init__(self, contents: Any, meter: _Meter) -> None:
        super().__init__(contents)
        self.meter = meter

    def __getitem__(self, key: Any) -> Any:
        self.meter.tick()
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self.meter.tick()
        return super().__contains__(key)


class _Builder:
    def __init__(self, letters: _Letters) -> None:
        self.letters = letters
        self.alphabet = letters.alphabet
        #: lookups one operation may make: enough for MAX_STATES states of a few substates
        self.budget = 4 * MAX_STATES * max(1, len(letters.chars))

    def _run(self, operation: Any, *fsms: FSM) -> FSM:
        meter = _Meter(self.budget)
        metered = [
            FSM(
                alphabet=fsm.alphabet,
                states=fsm.states,
                initial=fsm.initial,
                finals=fsm.finals,
                map=_MeteredMap(fsm.map, meter),
                __no_validation__=True,
            )
            for fsm in fsms
        ]
        result: FSM = operation(*metered)
        if len(result.states) > MAX_STATES:
            raise Refused(f"an automaton of the patterns needs more than {MAX_STATES} states")
        return result

    def concatenate(self, *fsms: FSM) -> FSM:
        return self._run(FSM.concatenate, *fsms) if len(fsms) != 1 else fsms[0]

    def union(self, *fsms: FSM) -> FSM:
        return self._run(FSM.union, *fsms) if len(fsms) != 1 else fsms[0]

    def chars(self, ranges: Ranges) -> FSM:
        return self.chain(ranges, 1, 1)

    def chain(self, ranges: Ranges, low: int, high: int | None) -> FSM:
        """``[set]{low,high}``: a line of states (a loop at the end when unbounded)."""
        keys = self.letters.keys(ranges)
        top = high if high is not None else low
        if top > MAX_STATES:
            raise Refused(f"an automaton of the patterns needs more than {MAX_STATES} states")
        transitions: dict[int, dict[TransitionKey, int]] = {
            state: dict.fromkeys(keys, state + 1) for state in range(top)
        }
        transitions[top] = dict.fromkeys(keys, top) if high is None else {}
        return FSM(
            alphabet=self.alphabet,
            states=set(range(top + 1)),
            initial=0,
            finals=set(range(low, top + 1)),
            map=transitions,
        )

    def build(self, node: Any) -> FSM:
        if isinstance(node, _Set):
            return self.chars(node.ranges)
        if isinstance(node, _Cat):
            result = self.build(node.items[0]) if node.items else _epsilon(self.alphabet)
            for item in node.items[1:]:  # left to right: each step adds a small automaton
                result = self.concatenate(result, self.build(item))
            return result
        if isinstance(node, _Alt):
            return self.union(*(self.build(option) for option in node.options))
        assert isinstance(node, _Rep)
        inner = node.item
        while isinstance(inner, _Cat) and len(inner.items) == 1:
            inner = inner.items[0]
        if isinstance(inner, _Set):
            return self.chain(inner.ranges, node.low, node.high)
        item = self.build(inner)
        if node.high is not None and node.high > MAX_STATES:
            raise Refused(f"an automaton of the patterns needs more than {MAX_STATES} states")
        low, high = node.low, node.high
        required = self._run(lambda fsm: _times(fsm, low), item) if low else _epsilon(self.alphabet)
        if high is None:
            rest = self._run(FSM.star, item)
        elif high > low:
            optional = self.union(item, _epsilon(self.alphabet))
            rest = self._run(lambda fsm: _times(fsm, high - low), optional)
        else:
            return required
        return self.concatenate(required, rest)

    def language(self, alternatives: list[tuple[str | None, Any, str | None]]) -> FSM:
        everything = self.chain(_ANY.ranges, 0, None)
        newline = self.chars(_NEWLINE.ranges)
        empty = _epsilon(self.alphabet)
        prefixes: dict[str | None, FSM | None] = {
            None: everything,
            "BOS": None,
            "BOL": self.union(empty, self.concatenate(everything, newline)),
        }
        suffixes: dict[str | None, FSM | None] = {
            None: everything,
            "EOS": None,
            "EOS_NL": self.union(empty, newline),
            "EOL": self.union(empty, self.concatenate(newline, everything)),
        }
        options = []
        for start, body, end in alternatives:
            result = self.build(body)
            if (suffix := suffixes[end]) is not None:
                result = self.concatenate(result, suffix)
            if (prefix := prefixes[start]) is not None:
                result = self.concatenate(prefix, result)
            options.append(result)
        return self.union(*options)


def _lengths(alphabet: Alphabet, low: int, high: int | None) -> FSM:
    keys = list(alphabet.by_transition)
    if low > MAX_LENGTH:
        low = 0
    if high is not None and high > MAX_LENGTH:
        high = None
    top = high if high is not None else low
    transitions: dict[int, dict[TransitionKey, int]] = {
        state: dict.fromkeys(keys, state + 1) for state in range(top)
    }
    transitions[top] = dict.fromkeys(keys, top) if high is None else {}
    finals = set(range(low, top + 1))
    return FSM(
        alphabet=alphabet, states=set(range(top + 1)), initial=0, finals=finals, map=transitions
    )


def _walk(accept: list[FSM], reject: list[FSM], chars: list[str]) -> str | None:
    """The shortest string over ``chars`` that every ``accept`` automaton accepts and no
    ``reject`` one does; ``None`` when none exists. (Each automaton numbers the characters in
    its own way, so each is stepped with its own key.)"""
    machines = accept + reject
    keys = [[fsm.alphabet[char] for fsm in machines] for char in chars]
    start: tuple[Any, ...] = tuple(fsm.initial for fsm in machines)
    came: dict[tuple[Any, ...], tuple[tuple[Any, ...], str] | None] = {start: None}
    queue = deque([start])
    count = len(accept)
    while queue:
        state = queue.popleft()
        if all(s in fsm.finals for s, fsm in zip(state[:count], accept, strict=True)) and not any(
            s is not None and s in fsm.finals for s, fsm in zip(state[count:], reject, strict=True)
        ):
            path: list[str] = []
            at: tuple[Any, ...] = state
            while (step := came[at]) is not None:
                at, char = step
                path.append(char)
            return "".join(reversed(path))
        for char, own in zip(chars, keys, strict=True):
            nxt = []
            for index, (s, fsm) in enumerate(zip(state, machines, strict=True)):
                target = None if s is None else fsm.map.get(s, {}).get(own[index])
                if target is None and index < count:
                    break
                nxt.append(target)
            else:
                following = tuple(nxt)
                if following not in came:
                    if len(came) >= MAX_PRODUCT:
                        raise Refused(f"the comparison needs more than {MAX_PRODUCT} states")
                    came[following] = (state, char)
                    queue.append(following)
    return None


@lru_cache(maxsize=1024)
def search(
    accept: tuple[str, ...], reject: tuple[str, ...], low: int = 0, high: int | None = None
) -> Answer:
    """A string of ``low`` to ``high`` characters that every ``accept`` pattern matches and
    no ``reject`` pattern does (as ``re.search``), the proof that none exists, or a refusal."""
    try:
        read_accept = [read(pattern) for pattern in accept]
        read_reject = [read(pattern) for pattern in reject]
        sets = [_ANY.ranges, _NEWLINE.ranges]
        for alternatives in (*read_accept, *read_reject):
            for _start, body, _end in alternatives:
                sets.extend(_sets(body))
        letters = _Letters(list(dict.fromkeys(sets)))
        builder = _Builder(letters)
        machines = [builder.language(alternatives) for alternatives in read_accept]
        machines.append(_lengths(letters.alphabet, low, high))
        rejected = [builder.language(alternatives) for alternatives in read_reject]
        text = _walk(machines, rejected, letters.chars)
    except Refused as refused:
        return Answer(reason=refused.reason)
    except RecursionError:
        return Answer(reason="the pattern nests too deeply")
    except Exception as error:  # the checker must answer "undecided", never crash
        return Answer(reason=f"the automata could not be built ({type(error).__name__})")
    if text is None:
        return Answer()
    if not (
        low <= len(text)
        and (high is None or len(text) <= high)
        and all(re.search(pattern, text) for pattern in accept)
        and not any(re.search(pattern, text) for pattern in reject)
    ):
        # a length bound beyond MAX_LENGTH was dropped, or the model is wrong: never guess
        return Answer(reason="the string found does not verify with re.search")
    return Answer(witness=text)


def within(pattern: str, *wider: str) -> bool:
    """Proven: every string ``pattern`` matches, one of the ``wider`` patterns matches too."""
    return pattern in wider or search((pattern,), tuple(sorted(wider))).none_exists


def disjoint(first: str, second: str) -> bool:
    """Proven: no string matches both patterns."""
    return search((first, second), ()).none_exists
