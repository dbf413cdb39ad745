"""The walker: pairs old and new nodes, calls the rules, and wraps witnesses.

``Checker(sub, sup).run()`` answers "is every instance of ``sub`` an instance of ``sup``?"
with the changes that stand in the way. It works on normal forms (``_shape``): for each branch
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
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from ._schema import Node, Side
from .forms._examples import MISSING, Examples, int_bounds, int_values, non_integers
from .forms._json import json_equal
from .forms._negation import complement, negated
from .forms._normal import Normaliser
from .forms._regex import disjoint, within
from .forms._shape import Branch, ObjectPart, Shape
from .rules import RULES, Change, Pair, Within, rules_for


@dataclass(frozen=True)
class Draft:
    """A change stamped with its rule. Its witness is lifted lazily: each enclosing level adds
    a wrap (e.g. "put this value under property p of an example object"), applied only when
    the witness is needed, so a break deep down costs one walk up, not one per level."""

    rule_id: str
    message: str
    old_pointer: str
    new_pointer: str
    witness: Any
    undecided: str | None
    breaking: bool = True
    wraps: tuple[Callable[[Any], Any], ...] = ()

    def lifted(self, wrap: Callable[[Any], Any]) -> Draft:
        if self.witness is MISSING:
            return self
        return replace(self, wraps=(*self.wraps, wrap))

    def materialise(self) -> Any:
        value = self.witness
        for wrap in self.wraps:
            if value is MISSING:
                break
            value = wrap(value)
        return value


def _key(nodes: tuple[Node, ...]) -> tuple[int, ...]:
    return tuple(sorted(node.key for node in nodes))


_PairKey = tuple[tuple[int, ...], tuple[int, ...]]
_MemoKey = tuple[tuple[int, ...], tuple[int, ...], str]


class Checker:
    """Decides ``old ⊆ new`` for two sides (``old`` is the side that must be contained)."""

    def __init__(self, old: Side, new: Side, *, depth: int = 0) -> None:
        self.old, self.new = old, new
        #: how many reversed checkers (for ``not``) enclose this one
        self.depth = depth
        self._reverse: Checker | None = None
        self.old_norm, self.new_norm = Normaliser(old), Normaliser(new)
        self.examples = Examples(old, self.old_norm)
        #: results that hold in any context: every breaking one, and the others proven with
        #: no assumption but their own
        self._memo: dict[_MemoKey, list[Draft]] = {}
        #: results proven under assumptions made further up: reused only while every one of
        #: those assumptions is still being proven (the proof that made them is still open)
        self._provisional: dict[_MemoKey, tuple[list[Draft], frozenset[_PairKey]]] = {}
        self._active: set[_PairKey] = set()
        #: per open comparison, the assumptions (pairs further up) its result relies on
        self._relies: list[set[_PairKey]] = []
        self._ref_free: dict[int, bool] = {}
        self._made_nodes: dict[tuple[Any, ...], Node] = {}

    # -- entry points --------------------------------------------------------------------------
    def run(self) -> list[Draft]:
        old_root, new_root = self.old.root, self.new.root
        assert old_root is not None
        assert new_root is not None
        drafts = self.compare((old_root,), (new_root,), old_root, new_root, "The schema")
        shape = self.old_norm.shape(old_root)
        if not any(not self.provably_empty(branch) for branch in shape.branches):
            pair = Pair(self, "The schema", (old_root,), (new_root,), old_root, new_root)
            drafts.extend(self._apply("root", pair))
        return drafts

    def subset(
        self, old: tuple[Node, ...], new: tuple[Node, ...], at_old: Node, at_new: Node
    ) -> bool:
        return not self.compare(old, new, at_old, at_new, "Items")

    def excluded_within(self, excluded: Node, mine: Node, kind: str) -> tuple[bool, list[Any]]:
        """Whether the instances of ``kind`` in ``excluded`` (a new node) all lie in ``mine``
        (an old node); if not, instances of ``excluded`` that may lie outside ``mine``.

        This is ``old ⊆ new`` for the sides swapped, run by a checker of its own: its
        coinductive assumptions live and die inside that one proof, so the answer is as sound
        as any other. ``not mine ⊆ not excluded`` follows when it holds."""
        if self.depth >= MAX_NOT_DEPTH:
            return False, []
        if self._reverse is None:
            self._reverse = Checker(self.new, self.old, depth=self.depth + 1)
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
        old_shape = self.old_norm.conjunction(old, at_old)
        new_shape = self.new_norm.conjunction(new, at_new)
        if not new and not new_shape.caveats:
            return  # the new side is ``true``
        base = Pair(self, subject, old, new, at_old, at_new, new_shape=new_shape)
        breaking = False
        seen: set[tuple[str, str, str, str]] = set()
        for branch in old_shape.branches:
            if self.provably_empty(branch):
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
            branch = Branch(
                branch.kind,
                branch.pointer,
                branch.atoms,
                values=values,
                values_pointer=branch.pointer,
            )
            pair = _with(pair, old=branch)
        if values is not None:
            yield from self._apply("values", pair)
            return
        options = new_shape.of_kind(branch.kind)
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
        yield from self._apply("branch", pair, old.kind)
        if old.kind == "array":
            yield from self._pair_arrays(pair, old, new)
        elif old.kind == "object":
            yield from self._pair_objects(pair, old, new)

    def _apply(self, scope: str, pair: Pair, kind: str | None = None) -> Iterator[Draft]:
        for rule in rules_for(scope, kind):
            for change in rule.handler(pair):
                yield self._draft(rule.id, change, rule.breaking)

    @staticmethod
    def _draft(rule_id: str, change: Change, breaking: bool = True) -> Draft:
        return Draft(
            rule_id,
            change.message,
            change.old_pointer,
            change.new_pointer,
            change.witness,
            change.undecided,
            breaking,
        )

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
            position = index

            def wrap(value: Any, position: int = position) -> Any:
                low = old.min_items.value if old.min_items else 0
                items = examples.array(old, 0, length=max(low, position + 1))
                if items is MISSING:
                    return MISSING
                items = list(items)
                items[position] = value
                return items

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

        def wrap(value: Any) -> Any:
            base = examples.object(old, 0, include=(name,))
            return MISSING if base is MISSING else {**base, name: value}

        for draft in drafts:
            yield draft.lifted(wrap)

    def _pair_other(
        self, pair: Pair, old: Branch, part: ObjectPart, anchor_old: Node
    ) -> Iterator[Draft]:
        """Names in no ``properties``: per pattern of the new part, and those matching none."""
        classes: list[tuple[str, tuple[Node, ...], Node | None, str | None]] = []
        for regex, node in part.patterns:
            for old_nodes in _old_over(old.objects, regex, part):
                classes.append((f'Properties matching "{regex}"', old_nodes, node, regex))
        if part.additional is not None:
            for old_nodes in _old_over(old.objects, None, part):
                classes.append(("Additional properties", old_nodes, part.additional, None))
        for subject, old_nodes_, new_node, class_regex in classes:
            assert new_node is not None
            name = next(iter(self.other_names(old, None, regex=class_regex, part=part)), None)
            at_old = old_nodes_[0] if old_nodes_ else anchor_old
            new_shape = self.new_norm.shape(new_node)
            if not new_shape.branches:
                old_shape = self.old_norm.conjunction(old_nodes_, at_old)
                if all(self.provably_empty(branch) for branch in old_shape.branches):
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

            def wrap(value: Any, name: str | None = name) -> Any:
                if name is None:
                    return MISSING
                base = self.examples.object(old, 0)
                return MISSING if base is MISSING else {**base, name: value}

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

        def wrap(name: Any) -> Any:
            value = (
                examples.of_nodes(examples.value_nodes(old, name), anchor_old)
                if isinstance(name, str)
                else MISSING
            )
            base = examples.object(old, 0)
            if value is MISSING or base is MISSING:
                return MISSING
            return {**base, name: value}

        for draft in drafts:
            yield draft.lifted(wrap)

    def other_names(
        self,
        old: Branch,
        new: Branch | None,
        *,
        regex: str | None = None,
        part: ObjectPart | None = None,
    ) -> list[str]:
        """Names for a witness: outside every ``properties``, matching ``regex`` if given, and
        matching none of ``part``'s patterns otherwise."""
        import re

        from .forms._examples import regex_examples

        known = {name for p in old.objects for name in p.properties}
        if new is not None:
            known |= {name for p in new.objects for name in p.properties}
        if part is not None:
            known |= set(part.properties)
        pool = regex_examples(regex) if regex is not None else []
        pool += self.examples.other_names(old, count=16)
        found = []
        for name in pool:
            if name in known or name in found:
                continue
            if regex is not None and not re.search(regex, name):
                continue
            if (
                regex is None
                and part is not None
                and any(re.search(r, name) for r, _ in part.patterns)
            ):
                continue
            found.append(name)
        return found

    # -- facts ---------------------------------------------------------------------------------
    def provably_empty(self, branch: Branch) -> bool:  # noqa: PLR0911  one answer per kind
        """True only when the branch certainly has no instance."""
        if branch.values is not None:
            return not branch.values
        kind = branch.kind
        if kind == "integer":
            lo, hi, step = int_bounds(branch)
            return lo is not None and hi is not None and not int_values(lo, hi, step, count=1)
        if kind == "number":
            return not non_integers(branch, count=1)  # a complete search
        if kind == "string":
            return (
                branch.min_length is not None
                and branch.max_length is not None
                and branch.min_length.value > branch.max_length.value
            )
        if kind == "array":
            low = branch.min_items.value if branch.min_items else 0
            high = branch.effective_max_items
            return high is not None and low > high
        if kind == "object":
            if (
                branch.min_properties
                and branch.max_properties
                and branch.min_properties.value > branch.max_properties.value
            ):
                return True
            required = self.examples.required(branch)
            if branch.max_properties and len(required) > branch.max_properties.value:
                return True
            return any(
                self.examples.forbidden(branch, name) or not self._has_value(branch, name)
                for name in required
            )
        return False

    def _has_value(self, branch: Branch, name: str) -> bool:
        """False only when the schemas of a property (of an old branch) have no branch: e.g.
        two different ``const``. Not recursive, so it stays cheap and finite."""
        nodes = self.examples.value_nodes(branch, name)
        if len(nodes) < 2 or not branch.atoms:
            return True
        return bool(self.old_norm.conjunction(nodes, branch.atoms[0]).branches)

    def same(self, a: Node, b: Node) -> bool:
        """Whether two nodes (old, new) are literally the same schema with no ``$ref`` inside."""
        return (
            self.old.closed == self.new.closed
            and json_equal(a.contents, b.contents)
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


#: Most nested reversals (a ``not`` inside a ``not`` ...) compared before giving up.
MAX_NOT_DEPTH = 4

#: Most combinations of old pattern alternatives compared for one class of names.
MAX_ALTERNATIVES = 16


def _old_over(
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



def _where(node: Node) -> str:
    return node.pointer or "the root"


def _lower(subject: str) -> str:
    return subject[0].lower() + subject[1:] if subject.startswith("The ") else subject


def _with(pair: Pair, **changes: Any) -> Pair:
    """``dataclasses.replace(pair, **changes)`` without its per-call field introspection (a
    ``Pair`` is a plain frozen dataclass: no ``__post_init__``, no ``InitVar``)."""
    out = object.__new__(Pair)
    out.__dict__.update(pair.__dict__, **changes)
    return out


__all__ = ["RULES", "Checker", "Draft"]
