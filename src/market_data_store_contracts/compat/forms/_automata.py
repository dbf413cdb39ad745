"""Automata over a small alphabet for the patterns of one question, and the walk of their
product that finds the shortest string wanted (see ``_regex``). Every construction step has a
budget of automaton states; a question beyond it is refused."""

from __future__ import annotations

import bisect
import itertools
from collections import deque
from collections.abc import Iterator
from typing import Any

from interegular.fsm import FSM, Alphabet, TransitionKey, epsilon

from ._regex_tree import ANY, LAST, NEWLINE, Alt, Cat, Chars, Ranges, Refused, Rep

#: Most states one automaton may have (after each construction step).
MAX_STATES = 400
#: Most states the product walk may visit.
MAX_PRODUCT = 20_000
#: Length bounds above this are dropped (over-approximating the strings to accept: sound).
MAX_LENGTH = 256


# ---------------------------------------------------------------------------------------------
# the alphabet: one representative character per class of code points no set tells apart


class Letters:
    def __init__(self, sets: list[Ranges]) -> None:
        bounds = {0, LAST + 1}
        for ranges in sets:
            for low, high in ranges:
                bounds.update((low, high + 1))
        pieces = list(itertools.pairwise(sorted(bounds)))
        signatures: dict[tuple[bool, ...], list[tuple[int, int]]] = {}
        for low, nxt in pieces:
            key = tuple(_covers(ranges, low) for ranges in sets)
            signatures.setdefault(key, []).append((low, nxt - 1))
        self.chars = [_representative(blocks) for blocks in signatures.values()]
        #: the code points each representative stands for
        self.blocks = dict(zip(self.chars, signatures.values(), strict=True))
        self.signatures = list(signatures)
        self.index = {ranges: i for i, ranges in enumerate(sets)}
        by_signature = dict(zip(signatures, self.chars, strict=True))
        self._starts = [low for low, _nxt in pieces]
        self._piece_chars = [
            by_signature[tuple(_covers(ranges, low) for ranges in sets)] for low, _nxt in pieces
        ]
        self.alphabet = Alphabet({char: TransitionKey(i) for i, char in enumerate(self.chars)})

    def representative(self, char: str) -> str:
        """The character that stands for ``char``'s class."""
        return self._piece_chars[bisect.bisect_right(self._starts, ord(char)) - 1]

    def keys(self, ranges: Ranges) -> list[TransitionKey]:
        position = self.index[ranges]
        return [TransitionKey(i) for i, key in enumerate(self.signatures) if key[position]]


def _covers(ranges: Ranges, code: int) -> bool:
    at = bisect.bisect_right(ranges, (code, LAST + 1)) - 1
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


class Builder:
    def __init__(self, letters: Letters) -> None:
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

    def line(self, run: list[Any]) -> FSM:
        """A run of single characters as one line of states (no determinising needed), or
        the automaton of one other item."""
        if len(run) == 1 and not isinstance(run[0], Chars):
            return self.build(run[0])
        if len(run) > MAX_STATES:
            raise Refused(f"an automaton of the patterns needs more than {MAX_STATES} states")
        transitions: dict[int, dict[TransitionKey, int]] = {
            state: dict.fromkeys(self.letters.keys(item.ranges), state + 1)
            for state, item in enumerate(run)
        }
        transitions[len(run)] = {}
        return FSM(
            alphabet=self.alphabet,
            states=set(range(len(run) + 1)),
            initial=0,
            finals={len(run)},
            map=transitions,
        )

    def build(self, node: Any) -> FSM:
        if isinstance(node, Chars):
            return self.chars(node.ranges)
        if isinstance(node, Cat):
            pieces = [self.line(run) for run in _runs(node.items)]
            result = pieces[0] if pieces else _epsilon(self.alphabet)
            for piece in pieces[1:]:  # left to right: each step adds a small automaton
                result = self.concatenate(result, piece)
            return result
        if isinstance(node, Alt):
            return self.union(*(self.build(option) for option in node.options))
        assert isinstance(node, Rep)
        inner = node.item
        while isinstance(inner, Cat) and len(inner.items) == 1:
            inner = inner.items[0]
        if isinstance(inner, Chars):
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
        everything = self.chain(ANY.ranges, 0, None)
        newline = self.chars(NEWLINE.ranges)
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


def _runs(items: tuple[Any, ...]) -> list[list[Any]]:
    """Items grouped into runs of single characters, every other item on its own."""
    runs: list[list[Any]] = []
    for item in items:
        if isinstance(item, Chars) and runs and isinstance(runs[-1][-1], Chars):
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def lengths(alphabet: Alphabet, low: int, high: int | None) -> FSM:
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


def _step(state: tuple[Any, ...], own: list[Any], machines: list[FSM], count: int) -> Any:
    """The product state after one character (``own``: its key in each machine), or ``None``
    when an automaton to accept is stuck (no string through it can be wanted)."""
    nxt = []
    for index, (s, fsm) in enumerate(zip(state, machines, strict=True)):
        target = None if s is None else fsm.map.get(s, {}).get(own[index])
        if target is None and index < count:
            return None
        nxt.append(target)
    return tuple(nxt)


class Product:
    """The product of the automata to accept (all of them) and of groups to reject (a string
    is rejected when every automaton of one group accepts it), explored breadth first from
    the start within :data:`MAX_PRODUCT` states."""

    def __init__(self, accept: list[FSM], reject: list[list[FSM]], chars: list[str]) -> None:
        self.accept = accept
        self.groups = reject
        self.machines = accept + [fsm for group in reject for fsm in group]
        self.chars = chars
        self.keys = [[fsm.alphabet[char] for fsm in self.machines] for char in chars]
        self.start: tuple[Any, ...] = tuple(fsm.initial for fsm in self.machines)

    def wanted(self, state: tuple[Any, ...]) -> bool:
        count = len(self.accept)
        if not all(s in fsm.finals for s, fsm in zip(state[:count], self.accept, strict=True)):
            return False
        at = count
        for group in self.groups:
            part = state[at : at + len(group)]
            at += len(group)
            if all(s is not None and s in fsm.finals for s, fsm in zip(part, group, strict=True)):
                return False
        return True

    def successors(self, state: tuple[Any, ...]) -> Iterator[tuple[str, tuple[Any, ...]]]:
        count = len(self.accept)
        for char, own in zip(self.chars, self.keys, strict=True):
            following = _step(state, own, self.machines, count)
            if following is not None:
                yield char, following

    def run(self, text: str) -> bool:
        """Whether ``text`` (over the representatives) is wanted: one step per character."""
        index = {char: position for position, char in enumerate(self.chars)}
        state: tuple[Any, ...] = self.start
        for char in text:
            following = _step(state, self.keys[index[char]], self.machines, len(self.accept))
            if following is None:
                return False
            state = following
        return self.wanted(state)

    def shortest(self) -> str | None:
        came: dict[tuple[Any, ...], tuple[tuple[Any, ...], str] | None] = {self.start: None}
        queue = deque([self.start])
        while queue:
            state = queue.popleft()
            if self.wanted(state):
                path: list[str] = []
                at: tuple[Any, ...] = state
                while (step := came[at]) is not None:
                    at, char = step
                    path.append(char)
                return "".join(reversed(path))
            for char, following in self.successors(state):
                if following not in came:
                    if len(came) >= MAX_PRODUCT:
                        raise Refused(f"the comparison needs more than {MAX_PRODUCT} states")
                    came[following] = (state, char)
                    queue.append(following)
        return None

    def graph(self) -> dict[tuple[Any, ...], list[tuple[str, tuple[Any, ...]]]]:
        """Every reachable state with its edges, pruned to the states from which a wanted one
        is reachable (the live states)."""
        edges: dict[tuple[Any, ...], list[tuple[str, tuple[Any, ...]]]] = {}
        queue = deque([self.start])
        edges[self.start] = []
        while queue:
            state = queue.popleft()
            for char, following in self.successors(state):
                edges[state].append((char, following))
                if following not in edges:
                    if len(edges) >= MAX_PRODUCT:
                        raise Refused(f"the comparison needs more than {MAX_PRODUCT} states")
                    edges[following] = []
                    queue.append(following)
        live = {state for state in edges if self.wanted(state)}
        changed = True
        while changed:
            changed = False
            for state, out in edges.items():
                if state not in live and any(target in live for _, target in out):
                    live.add(state)
                    changed = True
        return {
            state: [(c, t) for c, t in out if t in live]
            for state, out in edges.items()
            if state in live
        }

    def longest(self) -> int | None:
        """The length of the longest wanted string; ``None`` when there are infinitely many
        (a cycle among the live states). Call only when some string is wanted."""
        graph = self.graph()
        depth: dict[tuple[Any, ...], int] = {}
        on_path: set[tuple[Any, ...]] = set()

        def visit(state: tuple[Any, ...]) -> int | None:  # iterative would hide the cycle test
            if state in depth:
                return depth[state]
            if state in on_path:
                return None
            on_path.add(state)
            best = 0 if self.wanted(state) else -1
            for _char, target in graph[state]:
                sub = visit(target)
                if sub is None:
                    return None
                best = max(best, sub + 1)
            on_path.discard(state)
            depth[state] = best
            return best

        return visit(self.start)

    def every(self, blocks: dict[str, list[tuple[int, int]]], limit: int) -> list[str] | None:
        """Every wanted string, each representative expanded into the code points it stands
        for; ``None`` when there are more than ``limit`` (or infinitely many)."""
        if self.longest() is None:
            return None
        graph = self.graph()
        found: list[str] = []
        stack: list[tuple[tuple[Any, ...], str]] = [(self.start, "")]
        while stack:
            state, text = stack.pop()
            if self.wanted(state):
                found.append(text)
            for char, target in graph[state]:
                codes = [
                    c for low, high in blocks[char] for c in range(low, min(high, low + limit) + 1)
                ]
                if len(codes) > limit:
                    return None
                stack.extend((target, text + chr(code)) for code in codes)
            if len(found) + len(stack) > limit:
                return None
        return sorted(found)


def shortest_string(accept: list[FSM], reject: list[FSM], chars: list[str]) -> str | None:
    """The shortest string over ``chars`` that every ``accept`` automaton accepts and no
    ``reject`` one does; ``None`` when none exists."""
    return Product(accept, [[fsm] for fsm in reject], chars).shortest()
