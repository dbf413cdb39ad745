"""Classes of property names: the old value schemas over the names one new pattern (or
``additionalProperties``) covers, decided on automata (``_regex``), and names for a witness."""

from __future__ import annotations

import re

from .._schema import Node
from ._examples import Examples, regex_examples
from ._regex import (
    disjoint,
    join_is_union,
    join_refusal,
    joined,
    matches,
    matches_joined,
    search,
    within,
)
from ._shape import Branch, ObjectPart

#: Most combinations of old pattern alternatives compared for one class of names.
MAX_ALTERNATIVES = 16


def old_over(
    old_parts: tuple[ObjectPart, ...], regex: str | None, new_part: ObjectPart
) -> list[tuple[Node, ...]]:
    """Over-approximations of the old values under names of one class, as alternatives that
    together cover every such name. The class is "matches ``regex``" or, for ``None``, "matches
    none of the new part's patterns"; names in ``properties`` are paired one by one elsewhere.
    Old ⊆ new for the class holds if every alternative is contained in the new node."""
    new_keys = tuple(r for r, _ in new_part.patterns)
    # ``additionalProperties`` reads the keys joined with ``|`` (``_regex.joined``)
    new_covered = (joined(new_keys),) if new_keys and join_refusal(new_keys) is None else new_keys
    combinations: list[tuple[Node, ...]] = [()]
    for part in old_parts:
        keys = tuple(r for r, _ in part.patterns)
        additional = (part.additional,) if part.additional is not None else ()
        # old patterns that match every name of the class (decided on automata, ``_regex``)
        hits = (
            tuple(node for r, node in part.patterns if within(regex, r))
            if regex is not None
            else ()
        )
        if hits:
            alternatives = [hits]
        elif not keys or (
            join_refusal(keys) is None
            and (
                (regex is None and within(joined(keys), *new_covered))
                or (regex is not None and disjoint(regex, joined(keys)))
            )
        ):  # no name of the class is covered by the old keys: the old additional applies
            alternatives = [additional]
        else:  # the name may match any one of this part's patterns, or none of them
            alternatives = [(node,) for _, node in part.patterns]
            # matching no key leaves the name outside the joined keys only when they join
            # into their union; otherwise nothing is assumed of it (``true``: still sound)
            alternatives.append(additional if join_is_union(keys) else ())
        combinations = [a + b for a in combinations for b in alternatives]
        if len(combinations) > MAX_ALTERNATIVES:
            return [()]  # ``true``: the coarsest over-approximation, still sound
    return combinations


def other_names(
    examples: Examples,
    old: Branch,
    new: Branch | None,
    *,
    regex: str | None = None,
    part: ObjectPart | None = None,
) -> list[str]:
    """Names for a witness: outside every ``properties``, matching ``regex`` if given, and
    matching none of ``part``'s patterns otherwise."""
    known = {name for p in old.objects for name in p.properties}
    if new is not None:
        known |= {name for p in new.objects for name in p.properties}
    if part is not None:
        known |= set(part.properties)
    produced = _produced_names(old, known, regex, part)
    pool = regex_examples(regex) + produced if regex is not None else []
    if regex is None and any(p.additional is not None for p in old.objects):
        pool += produced  # names the old keys cover and the new ones do not come first
    pool += examples.other_names(old, count=16) + produced
    keys = [r for r, _ in part.patterns] if part is not None else []
    found = []
    for name in pool:
        if name in known or name in found:
            continue
        if regex is not None and not matches(regex, name):
            continue
        if regex is None and part is not None and matches_joined(keys, name):
            continue
        found.append(name)
    return found


def _produced_names(
    old: Branch, known: set[str], regex: str | None, part: ObjectPart | None
) -> list[str]:
    """Names only a pattern produces (``"email\\n"`` for ``^emai(l|k)$`` beside the properties
    ``email`` and ``emaik``), found on automata: the shortest name of the class outside
    ``known``, inside and outside each old part's joined keys."""
    outside: tuple[str, ...] = ()
    if known:
        outside = (f"\\A(?:{'|'.join(re.escape(name) for name in sorted(known))})\\Z",)
    if regex is not None:
        accept: tuple[str, ...] = (regex,)
    else:
        accept = ()
        if part is not None and (keys := tuple(r for r, _ in part.patterns)):
            outside += (joined(keys),) if join_refusal(keys) is None else keys
    questions = [(accept, outside)]
    for old_part in old.objects:
        keys = tuple(r for r, _ in old_part.patterns)
        if keys and join_refusal(keys) is None:
            questions.append(((*accept, joined(keys)), outside))
            questions.append((accept, (*outside, joined(keys))))
    found = []
    for yes, no in questions:
        if yes and (witness := search(yes, no).witness) is not None:
            found.append(witness)
    return found
