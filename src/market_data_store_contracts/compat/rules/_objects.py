"""Rules on objects: required and dependent names, property counts, removed or closed
properties and property names."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..forms._examples import MISSING
from ..forms._shape import Branch
from ._base import Change, Pair, keyword_pointer


def property_required_added(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    examples = pair.walker.examples
    guaranteed = set(examples.required(old))
    for name, pointer in new.required:
        if name in guaranteed:
            continue
        witness = examples.object(old, 0, avoid=frozenset({name}))
        if examples.forbidden(old, name):
            message = f'Property "{name}" became required, and the old schema never allows it.'
        else:
            message = f'Previously optional property "{name}" became required.'
        yield Change(message, old.pointer, pointer, witness)


def object_min_properties_raised(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    examples = pair.walker.examples
    low = max(old.min_properties.value if old.min_properties else 0, len(examples.required(old)))
    if new.min_properties is None or new.min_properties.value <= low:
        return
    witness = examples.object(old, 0, size=low)
    yield Change(
        f"{pair.subject} raised minProperties from {low} to {new.min_properties.value}.",
        keyword_pointer(old.min_properties, old.pointer),
        new.min_properties.pointer,
        witness,
    )


def object_max_properties_lowered(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    high = old.max_properties.value if old.max_properties else None
    if new.max_properties is None or (high is not None and high <= new.max_properties.value):
        return
    witness = pair.walker.examples.object(old, 0, size=new.max_properties.value + 1)
    if isinstance(witness, dict) and len(witness) <= new.max_properties.value:
        witness = MISSING
    yield Change(
        f"{pair.subject} lowered maxProperties from {high if high is not None else 'none'} to "
        f"{new.max_properties.value}.",
        keyword_pointer(old.max_properties, old.pointer),
        new.max_properties.pointer,
        witness,
    )


def dependent_required_added(pair: Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    assert old is not None
    assert new is not None
    examples = pair.walker.examples
    guaranteed = set(examples.required(old))
    for name, deps, pointer in new.dependent_required:
        if examples.forbidden(old, name):
            continue
        implied = {name}
        changed = True
        while changed:
            changed = False
            for source, targets in _old_dependencies(old):
                if source in implied and not set(targets) <= implied:
                    implied |= set(targets)
                    changed = True
        for dep in deps:
            if dep in guaranteed or dep in implied:
                continue
            witness = examples.object(
                old, 0, include=(name, *sorted(implied - {name})), avoid=frozenset({dep})
            )
            yield Change(
                f'{pair.subject} now requires property "{dep}" whenever "{name}" is present.',
                old.pointer,
                pointer,
                witness,
            )


def _old_dependencies(old: Branch) -> Iterator[tuple[str, tuple[str, ...]]]:
    """What a name brings along on the old side: its ``dependentRequired`` names, and the
    ``required`` list a ``dependentSchemas`` entry (or schema-form ``dependencies``) states."""
    for source, targets, _ in old.dependent_required:
        yield source, targets
    for source, node, _ in old.dependent_schemas:
        required = node.contents.get("required") if isinstance(node.contents, dict) else None
        if isinstance(required, list) and all(isinstance(item, str) for item in required):
            yield source, tuple(required)


def property_removed(pair: Pair) -> Iterator[Change]:
    old, shape = pair.old, pair.new_shape
    assert old is not None
    assert shape is not None
    assert pair.name is not None
    if shape.branches:
        return
    examples = pair.walker.examples
    value = examples.of_nodes(pair.old_nodes, pair.at_old) if pair.old_nodes else None
    witness = MISSING if value is MISSING else examples.object(old, 0, include=(pair.name,))
    if isinstance(witness, dict):
        witness = {**witness, pair.name: value}
    declared = any(pair.name in part.properties for part in old.objects)
    how = (
        "was removed and is now forbidden"
        if declared
        else "was allowed as an additional property and is now forbidden"
    )
    yield Change(
        f'Property "{pair.name}" {how}.', pair.at_old.pointer, pair.at_new.pointer, witness
    )


def additional_properties_closed(pair: Pair) -> Iterator[Change]:
    old, shape = pair.old, pair.new_shape
    assert old is not None
    assert shape is not None
    if shape.branches:
        return
    examples = pair.walker.examples
    witness: Any = MISSING
    if pair.name is not None:
        value = examples.of_nodes(pair.old_nodes, pair.at_old) if pair.old_nodes else "x"
        base = examples.object(old, 0)
        if value is not MISSING and base is not MISSING:
            witness = {**base, pair.name: value}
    yield Change(
        f"{pair.subject} were allowed and are now forbidden.",
        pair.at_old.pointer,
        pair.at_new.pointer,
        witness,
    )


def property_names_narrowed(pair: Pair) -> Iterator[Change]:
    old = pair.old
    assert old is not None
    assert pair.name is not None
    examples = pair.walker.examples
    value = examples.of_nodes(examples.value_nodes(old, pair.name), pair.at_old)
    base = examples.object(old, 0)
    witness: Any = MISSING if value is MISSING or base is MISSING else {**base, pair.name: value}
    yield Change(
        f'Property name "{pair.name}" is no longer accepted by propertyNames.',
        pair.at_old.pointer,
        pair.at_new.pointer,
        witness,
    )
