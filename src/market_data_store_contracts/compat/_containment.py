"""The questions the rules ask beyond the pair at hand, answered by comparisons of their own:
whether what a new ``not`` excludes lies outside every old instance, whether the old instances
meet a new ``if``/``then``/``else`` or a new ``dependentSchemas``, and whether two nodes are the
same schema. :class:`~._walk.Walker` inherits them; the rules reach them through
``rules.Context``."""

from __future__ import annotations

from typing import Any

from ._budget import Budget
from ._schema import Node, Side
from ._witness import Draft
from .forms._examples import MISSING, Examples
from .forms._json import same_schema
from .forms._negation import complement, negated
from .forms._normal import Normaliser
from .forms._shape import Branch
from .rules import Within

#: Most nested reversals (a ``not`` inside a ``not`` ...) compared before giving up.
MAX_NOT_DEPTH = 4


class Containment:
    """Containment questions about two sides (``old`` is the side that must be contained),
    decided with :meth:`compare`, which the walker provides."""

    def __init__(
        self, old: Side, new: Side, *, depth: int = 0, budget: Budget | None = None
    ) -> None:
        self.old, self.new = old, new
        #: how many reversed walkers (for ``not``) enclose this one
        self.depth = depth
        #: the steps left to the whole comparison, shared with the reversed walkers
        self.budget = Budget(old, new) if budget is None else budget
        self._reverse: Containment | None = None
        self.old_norm = Normaliser(old, charge=self.budget.charge)
        self.new_norm = Normaliser(new, charge=self.budget.charge)
        self.examples = Examples(old, self.old_norm)
        self._ref_free: dict[int, bool] = {}
        self._made_nodes: dict[tuple[Any, ...], Node] = {}

    def compare(
        self, old: tuple[Node, ...], new: tuple[Node, ...], at_old: Node, at_new: Node, subject: str
    ) -> list[Draft]:
        """The changes that keep ``old ⊆ new`` from holding (none: it holds)."""
        raise NotImplementedError

    def excluded_within(self, excluded: Node, mine: Node, kind: str) -> tuple[bool, list[Any]]:
        """Whether the instances of ``kind`` in ``excluded`` (a new node) all lie in ``mine``
        (an old node); if not, instances of ``excluded`` that may lie outside ``mine``.

        This is ``old ⊆ new`` for the sides swapped, run by a walker of its own: its
        coinductive assumptions live and die inside that one proof, so the answer is as sound
        as any other. ``not mine ⊆ not excluded`` follows when it holds."""
        if self.depth >= MAX_NOT_DEPTH:
            return False, []
        if self._reverse is None:
            self._reverse = type(self)(self.new, self.old, depth=self.depth + 1, budget=self.budget)
        reverse = self._reverse
        of_kind = self.new.synthetic({"type": kind}, excluded)
        drafts = reverse.compare((excluded, of_kind), (mine,), excluded, mine, "Excluded values")
        if not drafts:
            return True, []
        found = [
            value
            for draft in drafts
            if draft.breaking and (value := draft.materialise()) is not MISSING
        ]
        return False, found

    def excluded_examples(self, excluded: Node, kind: str) -> list[Any]:
        """Instances of ``kind`` in ``excluded`` (a new node), as far as examples find them."""
        examples = Examples(self.new, self.new_norm)
        of_kind = self.new.synthetic({"type": kind}, excluded)
        shape = self.new_norm.conjunction((excluded, of_kind), excluded)
        found = []
        for branch in shape.branches:
            for value in examples.candidates(branch, 0):
                if examples.in_branch(branch, value):
                    found.append(value)
        return found

    def conditional_within(
        self, old_nodes: tuple[Node, ...], old: Branch, node: Node, at_old: Node
    ) -> Within:
        """Whether every instance of ``old_nodes`` of ``old``'s kind satisfies the
        ``if``/``then``/``else`` of ``node`` (a new node): the old instances the condition
        accepts lie in ``then``, the others in ``else``. An old atom with the same ``if`` adds
        its own ``then``/``else`` to each case. The condition is read on the old side, so it
        must mean the same there: free of ``$ref`` and under the same closing; otherwise each
        outcome must hold for every old instance. When it does not hold: the instances each
        failed case turned up, and examples of the old instances the case covers."""
        contents = node.contents
        condition = self.new.child(node, "if")
        # the old kind (``number`` also holds the integers: a larger old side, still sound)
        of_kind = self._made(("kind", old.kind), {"type": old.kind}, at_old)
        unread = None
        if self.old.closed != self.new.closed:
            unread = "is not read on the old side, whose objects are closed differently"
        elif not self._free(condition.contents):
            unread = "refers to other schemas ($ref), so it is not read on the old side"
        if unread is not None:  # then each outcome must hold for every old instance
            cases: dict[str, tuple[Node, ...]] = {"then": (), "else": ()}
        else:
            cases = self._condition_cases(old, condition, at_old)
        candidates: list[Any] = []
        reasons: list[str] = []
        for keyword, extra in cases.items():
            if keyword not in contents:
                continue
            if keyword == "else" and not self.compare(
                (of_kind,), (condition,), at_old, condition, "Items"
            ):
                continue  # the if accepts every instance of the kind: no else to meet
            target = self.new.child(node, keyword)
            found, reason = self._within((*old_nodes, of_kind, *extra), target, at_old)
            if reason is None:
                continue
            candidates.extend(found)
            if unread is not None:
                reason = f"the if {unread}, and not every old instance meets its {keyword}"
            elif keyword == "else" and complement(condition.contents) is None:
                reason += (
                    " (the old side reads the negation of an if only where it is made of "
                    "type, required, properties, bounds and counts)"
                )
            verb = "accepts" if keyword == "then" else "rejects"
            reasons.append(
                f"where the if at {_where(node)} {verb} an old instance, whether its "
                f"{keyword} does too could not be decided: {reason}"
            )
        if not reasons:
            return Within(True)
        return Within(False, tuple(candidates), "; ".join(reasons))

    def _condition_cases(
        self, old: Branch, condition: Node, at_old: Node
    ) -> dict[str, tuple[Node, ...]]:
        """For ``then`` and ``else``: the ``if`` (or its negation) read on the old side, and the
        ``then`` (or ``else``) of each old atom with the same ``if``."""
        key = id(condition.contents)
        cases = {
            "then": [self._made(("if", key), condition.contents, at_old)],
            "else": [self._made(("not", key), negated(condition.contents), at_old)],
        }
        for atom in old.atoms:
            mine = atom.contents
            if (
                isinstance(mine, dict)
                and "if" in mine
                and self.same(self.old.child(atom, "if"), condition)
            ):
                for keyword, nodes in cases.items():
                    if keyword in mine:
                        nodes.append(self.old.child(atom, keyword))
        return {keyword: tuple(nodes) for keyword, nodes in cases.items()}

    def dependent_within(
        self, old_nodes: tuple[Node, ...], old: Branch, name: str, node: Node, at_old: Node
    ) -> Within:
        """Whether every old object with the name ``name`` meets ``node``, the schema a new
        ``dependentSchemas`` gives it: the old instances with the name (and the old
        ``dependentSchemas`` of the same name) are compared with it. An unsatisfiable ``node``
        holds exactly where no old object has the name. When it does not hold: the instances
        the comparison turned up, and examples of the old objects with the name."""
        having = self._made(("having", name), {"type": "object", "required": [name]}, at_old)
        mine = tuple(own for own_name, own, _ in old.dependent_schemas if own_name == name)
        found, reason = self._within((*old_nodes, having, *mine), node, at_old)
        if reason is None:
            return Within(True)
        return Within(
            False,
            tuple(found),
            f'whether the old objects with "{name}" meet the schema the new dependentSchemas '
            f"gives it could not be decided: {reason}",
        )

    def _within(
        self, nodes: tuple[Node, ...], target: Node, at_old: Node
    ) -> tuple[list[Any], str | None]:
        """``nodes ⊆ target`` (``nodes`` read on the old side): ``None`` as the reason when it
        holds, else the reason, with the instances the comparison found and examples of
        ``nodes`` (all unverified)."""
        drafts = self.compare(nodes, (target,), at_old, target, "Items")
        if not drafts:
            return [], None
        found = [
            value
            for draft in drafts
            if draft.breaking and draft.undecided is None
            if (value := draft.materialise()) is not MISSING
        ]
        shape = self.old_norm.conjunction(nodes, at_old)
        for branch in shape.branches:
            found.extend(
                value
                for value in self.examples.candidates(branch, 0)
                if self.examples.in_branch(branch, value)
            )
        undecided = [draft.undecided for draft in drafts if draft.undecided is not None]
        if undecided:
            return found, undecided[0]
        return found, "no instance it rejects was found among the old instances"

    def _made(self, key: tuple[Any, ...], contents: Any, at: Node) -> Node:
        """A node made up on the old side, once per ``key`` (which determines ``contents``) and
        place: comparisons of it are memoised, and its identity stays taken while the checker
        lives."""
        full = (*key, at.key, at.pointer)
        node = self._made_nodes.get(full)
        if node is None:
            node = self.old.synthetic(contents, at)
            self._made_nodes[full] = node
        return node

    def same(self, a: Node, b: Node) -> bool:
        """Whether two nodes (old, new) are literally the same schema with no ``$ref`` inside."""
        return (
            self.old.closed == self.new.closed
            and same_schema(a.contents, b.contents)
            and self._free(a.contents)
        )

    def identical(self, old: tuple[Node, ...], new: tuple[Node, ...]) -> bool:
        return len(old) == len(new) and all(self.same(a, b) for a, b in zip(old, new, strict=True))

    def _free(self, contents: Any) -> bool:
        if not isinstance(contents, dict | list):
            return True
        cached = self._ref_free.get(id(contents))
        if cached is None:
            stack = [contents]
            cached = True
            while stack:
                value = stack.pop()
                if isinstance(value, dict):
                    if "$ref" in value or "$dynamicRef" in value:
                        cached = False
                        break
                    stack.extend(value.values())
                elif isinstance(value, list):
                    stack.extend(value)
            self._ref_free[id(contents)] = cached
        return cached


def _where(node: Node) -> str:
    return node.pointer or "the root"
