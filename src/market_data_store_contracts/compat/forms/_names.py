"""Classes of property names: the old value schemas over the names one new pattern (or
``additionalProperties``) covers, decided on automata (``_regex``), and names for a witness."""

from __future__ import annotations

import re

from .._schema import Node
from ._examples import Examples, regex_examples
from ._regex import disjoint, within
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
    new_patterns = {r for r, _ in new_part.patterns}
    combinations: list[tuple[Node, ...]] = [()]
    for part in old_parts:
        # old patterns that match every name of the class (decided on automata, ``_regex``)
        hits = (
            tuple(node for r, node in part.patterns if within(regex, r))
            if regex is not None
            else ()
        )
        if hits:
            alternatives = [hits]
        elif (
            not part.patterns
            or (regex is None and all(within(r, *new_patterns) for r, _ in part.patterns))
            or (regex is not None and all(disjoint(regex, r) for r, _ in part.patterns))
        ):
            alternatives = [(part.additional,) if part.additional is not None else ()]
        else:  # the name may match any one of this part's patterns, or none of them
            alternatives = [(node,) for _, node in part.patterns]
            alternatives.append((part.additional,) if part.additional is not None else ())
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
    pool = regex_examples(regex) if regex is not None else []
    pool += examples.other_names(old, count=16)
    found = []
    for name in pool:
        if name in known or name in found:
            continue
        if regex is not None and not re.search(regex, name):
            continue
        if regex is None and part is not None and any(re.search(r, name) for r, _ in part.patterns):
            continue
        found.append(name)
    return found
