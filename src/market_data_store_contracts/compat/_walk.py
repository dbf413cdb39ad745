"""The walker: pairs old and new nodes and hands each matched pair to the rules of its scope.

``Walker(sub, sup).run()`` answers "is every instance of ``sub`` an instance of ``sup``?"
with the changes that stand in the way. It works on normal forms (``forms``): for each branch
of the old side it finds the new branches of the same kind and hands each matched pair to the
rules of that scope; objects and arrays are paired slot by slot (each property name, the other
names, each array position) and compared recursively.

Recursion through ``$ref`` terminates by coinduction: a pair of node sets already being compared
further up is assumed to hold. Every recursive step descends into a part of the instance, so
this is sound by induction on the instance depth (``_schema`` refuses cycles that do not). An
assumption holds only inside the proof that made it: a result that relied on one is reused
only while that pair is still being compared (never after it failed, never in a sibling
``anyOf``/``oneOf`` option outside it), so the order of union options cannot change a verdict.
A break is kept for good: assuming more only ever removes findings.

Every comparison and every pair of branches is charged to the direction's step budget
(``_budget``), shared with the reversed walkers of ``not``; past it, the whole answer is
``COMPLEXITY_UNDECIDED`` with its reason.

What is not pairing lives elsewhere: the containment questions rules ask (``_containment``),
the witnesses' wraps (``_witness``), the classes of property names (``forms._names``) and
emptiness (``forms._empty``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ._budget import Budget, OverBudget
from ._containment import Containment
from ._schema import Node, Side
from ._witness import Draft, as_item, as_name, under_other_name, under_property
from .forms._empty import provably_empty
from .forms._examples import MISSING
from .forms._names import old_over, other_names
from .forms._shape import Branch, Caveat, ObjectPart, Shape
from .rules import RULES, Pair, rules_for
from .rules._strings import listed_strings


def _key(nodes: tuple[Node, ...]) -> tuple[int, ...]:
    return tuple(sorted(node.key for node in nodes))


_PairKey = tuple[tuple[int, ...], tuple[int, ...]]
_MemoKey = tuple[tuple[int, ...], tuple[int, ...], str]


class Walker(Containment):
    """Decides ``old ⊆ new`` for two sides (``old`` is the side that must be contained) by
    pairing their nodes."""

    def __init__(
        self, old: Side, new: Side, *, depth: int = 0, budget: Budget | None = None
    ) -> None:
        super().__init__(old, new, depth=depth, budget=budget)
        #: results that hold in any context: every breaking one, and the others proven with
        #: no assumption but their own
        self._memo: dict[_MemoKey, list[Draft]] = {}
        #: results proven under assumptions made further up: reused only while every one of
        #: those assumptions is still being proven (the proof that made them is still open)
        self._provisional: dict[_MemoKey, tuple[list[Draft], frozenset[_PairKey]]] = {}
        self._active: set[_PairKey] = set()
        #: per open comparison, the assumptions (pairs further up) its result relies on
        self._relies: list[set[_PairKey]] = []

    # -- entry points --------------------------------------------------------------------------
    def run(self) -> list[Draft]:
        old_root, new_root = self.old.root, self.new.root
        assert old_root is not None
        assert new_root is not None
        pair = Pair(self, "The schema", (old_root,), (new_root,), old_root, new_root)
        try:
            drafts = self.compare((old_root,), (new_root,), old_root, new_root, "The schema")
            shape = self.old_norm.shape(old_root)
            if not any(not provably_empty(branch, self.examples) for branch in shape.branches):
                drafts.extend(self._apply("root", pair))
        except OverBudget:  # an explosion of branches: undecided, with the reason
            caveat = Caveat("COMPLEXITY_UNDECIDED", new_root.pointer, self.budget.reason)
            return list(self._apply("caveat", _with(pair, caveat=caveat)))
        return drafts

    def subset(
        self, old: tuple[Node, ...], new: tuple[Node, ...], at_old: Node, at_new: Node
    ) -> bool:
        return not self.compare(old, new, at_old, at_new, "Items")

    # -- comparison ----------------------------------------------------------------------------
    def compare(
        self, old: tuple[Node, ...], new: tuple[Node, ...], at_old: Node, at_new: Node, subject: str
    ) -> list[Draft]:
        pair_key = (_key(old), _key(new))
        memo_key = (*pair_key, subject)
        cached = self._memo.get(memo_key)
        if cached is not None:
            return cached
        provisional = self._provisional.get(memo_key)
        if provisional is not None and provisional[1] <= self._active:
            self._rely(provisional[1])
            return provisional[0]
        if pair_key in self._active:
            self._rely({pair_key})
            return []  # coinductive assumption, valid only inside the proof that made it
        self._active.add(pair_key)
        self._relies.append(set())
        try:
            drafts = list(self._compare(old, new, at_old, at_new, subject))
        finally:
            self._active.discard(pair_key)
            relies = self._relies.pop() - {pair_key}
        if relies and not any(draft.breaking for draft in drafts):
            self._provisional[memo_key] = (drafts, frozenset(relies))
            self._rely(relies)
        else:
            # a break found under assumptions is a break without them (assumptions only
            # ever remove findings), so it is kept for good
            self._memo[memo_key] = drafts
        return drafts

    def _rely(self, assumptions: set[_PairKey] | frozenset[_PairKey]) -> None:
        if self._relies:
            self._relies[-1].update(assumptions)

    def _compare(
        self, old: tuple[Node, ...], new: tuple[Node, ...], at_old: Node, at_new: Node, subject: str
    ) -> Iterator[Draft]:
        self.budget.charge()
        old_shape = self.old_norm.conjunction(old, at_old)
        new_shape = self.new_norm.conjunction(new, at_new)
        if not new and not new_shape.caveats:
            return  # the new side is ``true``
        base = Pair(self, subject, old, new, at_old, at_new, new_shape=new_shape)
        breaking = False
        seen: set[tuple[str, str, str, str]] = set()
        for branch in old_shape.branches:
            if provably_empty(branch, self.examples):
                continue
            pair = _with(base, old=branch)
            for draft in self._branch(pair, branch, new_shape):
                key = (draft.rule_id, draft.message, draft.old_pointer, draft.new_pointer)
                if key in seen:
                    continue  # e.g. one TYPE_NARROWED for several missing kinds
                seen.add(key)
                breaking = breaking or draft.breaking
                yield draft
        if not breaking and new_shape.caveats and not self.identical(old, new):
            for caveat in dict.fromkeys(new_shape.caveats):
                yield from self._apply("caveat", _with(base, caveat=caveat))

    def _branch(self, pair: Pair, branch: Branch, new_shape: Shape) -> Iterator[Draft]:
        values = branch.values
        if values is None and branch.kind in {"null", "boolean"}:
            candidates = [None] if branch.kind == "null" else [False, True]
            values = tuple(
                v for v in candidates if pair.old_accepts(v) and self.examples.in_branch(branch, v)
            )
            if not new_shape.of_kind(branch.kind):
                yield from self._apply("missing", pair)
                return
            branch = _listed(branch, values)
            pair = _with(pair, old=branch)
        options = new_shape.of_kind(branch.kind)
        listed = options and all(option.values is not None for option in options)
        if values is None and branch.kind == "string" and listed:
            values = listed_strings(pair)  # a finite language, read off its automaton
            if values is not None:
                branch = _listed(branch, values)
                pair = _with(pair, old=branch)
        if values is not None:
            yield from self._apply("values", pair)
            return
        if not options or all(option.values is not None for option in options):
            yield from self._apply("missing", pair)
            return
        infinite = [option for option in options if option.values is None]
        results = [list(self._pair_branches(_with(pair, new=option))) for option in infinite]
        if any(not any(d.breaking for d in result) for result in results):
            return
        if len(options) == 1:
            yield from results[0]
            return
        for result in results:  # a union: only a locally verified witness proves a break
            for draft in result:
                if (
                    (value := draft.materialise()) is not MISSING
                    and pair.old_accepts(value)
                    and not pair.new_accepts(value)
                ):
                    yield draft
                    return
        yield from self._apply("union", pair)

    def _pair_branches(self, pair: Pair) -> Iterator[Draft]:
        old, new = pair.old, pair.new
        assert old is not None
        assert new is not None
        self.budget.charge()
        yield from self._apply("branch", pair, old.kind)
        if old.kind == "array":
            yield from self._pair_arrays(pair, old, new)
        elif old.kind == "object":
            yield from self._pair_objects(pair, old, new)

    def _apply(self, scope: str, pair: Pair, kind: str | None = None) -> Iterator[Draft]:
        for rule in rules_for(scope, kind):
            for change in rule.handler(pair):
                yield Draft.of(rule.id, change, rule.breaking)

    # -- arrays --------------------------------------------------------------------------------
    def _pair_arrays(self, pair: Pair, old: Branch, new: Branch) -> Iterator[Draft]:
        if not new.arrays:
            return
        examples = self.examples
        high = old.effective_max_items
        width = max(len(part.prefix) for part in (*old.arrays, *new.arrays))
        for index in range(width + 1):
            if high is not None and index >= high:
                break
            old_nodes = examples.item_nodes(old, index)
            new_nodes = tuple(
                node for part in new.arrays if (node := part.node_for(index)) is not None
            )
            if not new_nodes:
                continue
            subject = (
                f"Item {index} of {_lower(pair.subject)}"
                if index < width
                else f"Items of {_lower(pair.subject)}"
            )
            at_old = old_nodes[0] if old_nodes else (old.atoms[0] if old.atoms else pair.at_old)
            drafts = self.compare(old_nodes, new_nodes, at_old, new_nodes[0], subject)
            wrap = as_item(examples, old, index)
            for draft in drafts:
                yield draft.lifted(wrap)

    # -- objects -------------------------------------------------------------------------------
    def _pair_objects(self, pair: Pair, old: Branch, new: Branch) -> Iterator[Draft]:
        anchor_old = old.atoms[0] if old.atoms else pair.at_old
        names: dict[str, None] = {}
        for part in (*old.objects, *new.objects):
            names.update(dict.fromkeys(part.properties))
        for name in names:
            yield from self._pair_property(pair, old, new, name, anchor_old)
        for part in new.objects:
            yield from self._pair_other(pair, old, part, anchor_old)
        if new.property_names:
            yield from self._pair_names(pair, old, new, anchor_old)

    def _pair_property(
        self, pair: Pair, old: Branch, new: Branch, name: str, anchor_old: Node
    ) -> Iterator[Draft]:
        examples = self.examples
        if examples.forbidden(old, name):
            return
        old_nodes = examples.value_nodes(old, name)
        new_nodes = tuple(node for part in new.objects for node in part.nodes_for(name))
        if not new_nodes:
            return
        at_old = old_nodes[0] if old_nodes else anchor_old
        at_new = new_nodes[0]
        new_shape = self.new_norm.conjunction(new_nodes, at_new)
        subject = f'Property "{name}"'
        if not new_shape.branches:
            slot = Pair(
                self,
                subject,
                old_nodes,
                new_nodes,
                at_old,
                at_new,
                old=old,
                new=new,
                new_shape=new_shape,
                name=name,
            )
            yield from self._apply("property", slot)
            return
        drafts = self.compare(old_nodes, new_nodes, at_old, at_new, subject)

        wrap = under_property(examples, old, name)
        for draft in drafts:
            yield draft.lifted(wrap)

    def _pair_other(
        self, pair: Pair, old: Branch, part: ObjectPart, anchor_old: Node
    ) -> Iterator[Draft]:
        """Names in no ``properties``: per pattern of the new part, and those matching none."""
        classes: list[tuple[str, tuple[Node, ...], Node | None, str | None]] = []
        for regex, node in part.patterns:
            for old_nodes in old_over(old.objects, regex, part):
                classes.append((f'Properties matching "{regex}"', old_nodes, node, regex))
        if part.additional is not None:
            for old_nodes in old_over(old.objects, None, part):
                classes.append(("Additional properties", old_nodes, part.additional, None))
        for subject, old_nodes_, new_node, class_regex in classes:
            assert new_node is not None
            name = next(
                iter(other_names(self.examples, old, None, regex=class_regex, part=part)), None
            )
            at_old = old_nodes_[0] if old_nodes_ else anchor_old
            new_shape = self.new_norm.shape(new_node)
            if not new_shape.branches:
                old_shape = self.old_norm.conjunction(old_nodes_, at_old)
                if all(provably_empty(branch, self.examples) for branch in old_shape.branches):
                    continue
                slot = Pair(
                    self,
                    subject,
                    old_nodes_,
                    (new_node,),
                    at_old,
                    new_node,
                    old=old,
                    new_shape=new_shape,
                    name=name,
                )
                yield from self._apply("other", slot)
                continue
            drafts = self.compare(old_nodes_, (new_node,), at_old, new_node, subject)

            wrap = under_other_name(self.examples, old, name)
            for draft in drafts:
                yield draft.lifted(wrap)

    def _pair_names(
        self, pair: Pair, old: Branch, new: Branch, anchor_old: Node
    ) -> Iterator[Draft]:
        examples = self.examples
        closed = [part for part in old.objects if part.closed]
        if closed:
            allowed = [name for name in closed[0].properties if not examples.forbidden(old, name)]
            for name in allowed:
                if not all(self.new.is_valid(node, name) for node in new.property_names):
                    slot = Pair(
                        self,
                        pair.subject,
                        pair.old_nodes,
                        new.property_names,
                        anchor_old,
                        new.property_names[0],
                        old=old,
                        new=new,
                        name=name,
                    )
                    yield from self._apply("names", slot)
            return
        string = self.old.synthetic({"type": "string"}, anchor_old)
        old_nodes = (*old.property_names, string)
        drafts = self.compare(
            old_nodes, new.property_names, anchor_old, new.property_names[0], "Property names"
        )

        wrap = as_name(examples, old, anchor_old)
        for draft in drafts:
            yield draft.lifted(wrap)


def _listed(branch: Branch, values: tuple[Any, ...]) -> Branch:
    """The branch as the list of its instances."""
    return Branch(
        branch.kind, branch.pointer, branch.atoms, values=values, values_pointer=branch.pointer
    )


def _lower(subject: str) -> str:
    return subject[0].lower() + subject[1:] if subject.startswith("The ") else subject


def _with(pair: Pair, **changes: Any) -> Pair:
    """``dataclasses.replace(pair, **changes)`` without its per-call field introspection (a
    ``Pair`` is a plain frozen dataclass: no ``__post_init__``, no ``InitVar``)."""
    out = object.__new__(Pair)
    out.__dict__.update(pair.__dict__, **changes)
    return out


__all__ = ["RULES", "Draft", "Walker"]
