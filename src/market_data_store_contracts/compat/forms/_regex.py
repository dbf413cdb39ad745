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

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ._automata import MAX_LENGTH, Builder, Letters, Product, lengths
from ._regex_tree import ANY, NEWLINE, Refused, character_sets, read


@dataclass(frozen=True)
class Answer:
    """``found`` a string (``witness``), proved that none exists, or refused (``reason``)."""

    witness: str | None = None
    reason: str | None = None

    @property
    def none_exists(self) -> bool:
        return self.witness is None and self.reason is None


#: A group of strings to exclude: those every pattern matches, of ``low`` to ``high`` characters.
Excluded = tuple[tuple[str, ...], int, int | None]


def _product(
    accept: tuple[str, ...],
    reject: tuple[str, ...],
    low: int,
    high: int | None,
    excluded: tuple[Excluded, ...] = (),
) -> tuple[Product, Letters]:
    """The product of the automata of one question (raises :class:`Refused`)."""
    read_accept = [read(pattern) for pattern in accept]
    read_reject = [read(pattern) for pattern in reject]
    read_excluded = [([read(p) for p in patterns], lo, hi) for patterns, lo, hi in excluded]
    sets = [ANY.ranges, NEWLINE.ranges]
    every = [*read_accept, *read_reject]
    every += [alternatives for group, _lo, _hi in read_excluded for alternatives in group]
    for alternatives in every:
        for _start, body, _end in alternatives:
            sets.extend(character_sets(body))
    letters = Letters(list(dict.fromkeys(sets)))
    builder = Builder(letters)
    machines = [builder.language(alternatives) for alternatives in read_accept]
    machines.append(lengths(letters.alphabet, low, high))
    groups = [[builder.language(alternatives)] for alternatives in read_reject]
    for group, lo, hi in read_excluded:
        if lo > MAX_LENGTH or (hi is not None and hi > MAX_LENGTH):
            # dropping an excluded bound would exclude too much: refuse instead
            raise Refused(f"an excluded length bound above {MAX_LENGTH}")
        automata = [builder.language(alternatives) for alternatives in group]
        groups.append([*automata, lengths(letters.alphabet, lo, hi)])
    return Product(machines, groups, letters.chars), letters


def _matches(text: str, low: int, high: int | None, patterns: tuple[str, ...]) -> bool:
    return (
        low <= len(text)
        and (high is None or len(text) <= high)
        and all(re.search(pattern, text) for pattern in patterns)
    )


@lru_cache(maxsize=1024)
def search(
    accept: tuple[str, ...],
    reject: tuple[str, ...],
    low: int = 0,
    high: int | None = None,
    excluded: tuple[Excluded, ...] = (),
) -> Answer:
    """A string of ``low`` to ``high`` characters that every ``accept`` pattern matches, no
    ``reject`` pattern does (as ``re.search``) and no ``excluded`` group covers, the proof that
    none exists, or a refusal."""
    try:
        text = _product(accept, reject, low, high, excluded)[0].shortest()
    except Refused as refused:
        return Answer(reason=refused.reason)
    except RecursionError:
        return Answer(reason="the pattern nests too deeply")
    except Exception as error:  # the checker must answer "undecided", never crash
        return Answer(reason=f"the automata could not be built ({type(error).__name__})")
    if text is None:
        return Answer()
    if not (
        _matches(text, low, high, accept)
        and not any(re.search(pattern, text) for pattern in reject)
        and not any(_matches(text, lo, hi, group) for group, lo, hi in excluded)
    ):
        # a length bound beyond MAX_LENGTH was dropped, or the model is wrong: never guess
        return Answer(reason="the string found does not verify with re.search")
    return Answer(witness=text)


#: Longest string a pattern this module refuses is run on by ``re`` (which backtracks: the cost
#: of a search can grow exponentially with the length of the string).
MAX_BACKTRACKED = 12


@lru_cache(maxsize=256)
def _recogniser(pattern: str) -> tuple[Product, Letters] | None:
    try:
        return _product((pattern,), (), 0, None)
    except Exception:  # refused, or too deep: ``matches`` then leaves long strings undecided
        return None


def matches(pattern: str, text: str) -> bool | None:
    """Whether ``re.search(pattern, text)`` finds a match, decided in time linear in ``text``:
    on the pattern's automaton, or by ``re`` itself on strings of at most
    :data:`MAX_BACKTRACKED` characters when the pattern is refused; ``None`` otherwise."""
    built = _recogniser(pattern)
    if built is not None:
        product, letters = built
        return product.run("".join(map(letters.representative, text)))
    if len(text) <= MAX_BACKTRACKED:
        try:
            return re.search(pattern, text) is not None
        except re.error:
            return None
    return None


@dataclass(frozen=True)
class Lengths:
    """The shortest and longest length of the strings a question wants (``longest`` is
    ``None`` when unbounded); both ``None`` when there is no such string; ``reason`` when
    refused. Bounds are proven for a superset of the strings wanted, so ``shortest`` never
    exceeds and ``longest`` never falls below the true ones."""

    shortest: int | None = None
    longest: int | None = None
    reason: str | None = None


@lru_cache(maxsize=1024)
def length_bounds(
    accept: tuple[str, ...],
    low: int = 0,
    high: int | None = None,
    excluded: tuple[Excluded, ...] = (),
) -> Lengths:
    """The length bounds of the strings every ``accept`` pattern matches within ``low`` to
    ``high`` characters, outside the ``excluded`` groups."""
    try:
        product = _product(accept, (), low, high, excluded)[0]
        text = product.shortest()
        if text is None:
            return Lengths()
        longest = product.longest()
    except Refused as refused:
        return Lengths(reason=refused.reason)
    except RecursionError:
        return Lengths(reason="the strings are too long to measure")
    except Exception as error:  # the checker must answer "undecided", never crash
        return Lengths(reason=f"the automata could not be built ({type(error).__name__})")
    if longest is not None and high is not None:
        longest = min(longest, high)
    return Lengths(len(text), longest)


#: Most strings :func:`finite_strings` lists.
MAX_STRINGS = 64


@lru_cache(maxsize=256)
def finite_strings(
    accept: tuple[str, ...], low: int = 0, high: int | None = None
) -> tuple[str, ...] | None:
    """Every string the ``accept`` patterns match within ``low`` to ``high`` characters, when
    there are at most :data:`MAX_STRINGS` (a superset where a length bound above the model's
    was dropped); ``None`` otherwise or when refused."""
    try:
        product, letters = _product(accept, (), low, high)
        strings = product.every(letters.blocks, MAX_STRINGS)
    except (Refused, RecursionError):
        return None
    except Exception:  # the checker must answer "undecided", never crash
        return None
    if strings is None:
        return None
    return tuple(text for text in strings if _matches(text, low, high, accept))


def within(pattern: str, *wider: str) -> bool:
    """Proven: every string ``pattern`` matches, one of the ``wider`` patterns matches too."""
    return pattern in wider or search((pattern,), tuple(sorted(wider))).none_exists


def disjoint(first: str, second: str) -> bool:
    """Proven: no string matches both patterns."""
    return search((first, second), ()).none_exists


# ---------------------------------------------------------------------------------------------
# ``patternProperties`` as ``additionalProperties`` reads them: ``jsonschema`` searches one
# pattern, every key joined with ``|``, so a leading ``(?i)`` in one key applies to all of them
# (and two keys can join into a pattern ``re`` refuses: ``(?i)`` not first, a group name twice)


def joined(patterns: Sequence[str]) -> str:
    """The one pattern ``additionalProperties`` searches for names ``patternProperties`` covers."""
    return "|".join(patterns)


@lru_cache(maxsize=256)
def join_refusal(patterns: tuple[str, ...]) -> str | None:
    """Why ``re`` refuses the keys joined (``None`` when it compiles): ``jsonschema`` then raises
    on every object with a name outside ``properties``."""
    try:
        re.compile(joined(patterns))
    except re.error as error:
        return f"the patternProperties keys joined with | do not compile ({error})"
    return None


_GLOBAL_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.ASCII | re.VERBOSE | re.LOCALE
_NUMBERED = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


@lru_cache(maxsize=256)
def join_is_union(patterns: tuple[str, ...]) -> bool:
    """Proven: the joined pattern matches exactly the names one of the keys matches (no key
    sets a flag for the whole pattern, none refers to a group by number or name)."""
    if join_refusal(patterns) is not None:
        return False
    for pattern in patterns:
        if _NUMBERED.search(pattern):
            return False
        if int(re.compile(pattern).flags) & _GLOBAL_FLAGS:
            return False
    return True


def matches_joined(patterns: Sequence[str], name: str) -> bool:
    """Whether ``additionalProperties`` counts ``name`` as covered by ``patternProperties``; where
    ``re`` refuses the join, as the specification reads it (some key matches)."""
    if not patterns:
        return False
    if join_refusal(tuple(patterns)) is not None:
        return any(re.search(pattern, name) for pattern in patterns)
    return re.search(joined(patterns), name) is not None
