"""Family ``object``: properties required, dropped, added, closed and opened."""

from __future__ import annotations

from collections.abc import Iterator

from ._shared import NO_WITNESS, Base, Edit, _closed, _edit, _with


def object_edits(b: Base) -> Iterator[Edit]:
    s, full, minimal = b.schema, b.full, b.minimal
    closed = _closed(s)
    yield (
        "add-optional-property-open",
        s,
        _edit(s, lambda n: n["properties"].update(channel={"type": "string"})),
        False,
        "old is open, so it accepts any value for a new name; new types the new optional property",
        _with(full, channel=7),
    )
    yield (
        "add-optional-property-closed",
        closed,
        _edit(closed, lambda n: n["properties"].update(channel={"type": "string"})),
        True,
        "old is closed, so it has no instance with the new name; new only allows more",
        NO_WITNESS,
    )
    yield (
        "add-untyped-optional-property",
        s,
        _edit(s, lambda n: n["properties"].update(channel={"description": "free-form"})),
        True,
        "an untyped property constrains nothing, so an open object accepts the same instances",
        NO_WITNESS,
    )
    yield (
        "remove-optional-property-open",
        s,
        _edit(s, lambda n: n["properties"].pop(b.opt_prop)),
        True,
        "removing a property from an open object drops a constraint; the name is still allowed",
        NO_WITNESS,
    )
    yield (
        "remove-optional-property-closed",
        closed,
        _edit(closed, lambda n: n["properties"].pop(b.opt_prop)),
        False,
        "the closed new object no longer allows the removed name, which old instances carry",
        full,
    )
    yield (
        "make-optional-property-required",
        s,
        _edit(s, lambda n: n["required"].append(b.opt_prop)),
        False,
        "old instances may omit the property new requires",
        minimal,
    )
    yield (
        "add-required-property",
        s,
        _edit(
            s,
            lambda n: (
                n["properties"].update(tenant={"type": "string"}),
                n["required"].append("tenant"),
            ),
        ),
        False,
        "new requires a property old instances never had to carry",
        full,
    )
    yield (
        "add-required-property-with-default",
        s,
        _edit(
            s,
            lambda n: (
                n["properties"].update(tenant={"type": "string", "default": "main"}),
                n["required"].append("tenant"),
            ),
        ),
        False,
        "a default is an annotation: the property is still required, and old instances lack it",
        full,
    )
    yield (
        "drop-required",
        s,
        _edit(s, lambda n: n["required"].remove(b.int_prop)),
        True,
        "no longer requiring a property only allows more instances",
        NO_WITNESS,
    )
    yield (
        "reorder-required",
        s,
        _edit(s, lambda n: n["required"].reverse()),
        True,
        "the order of required names carries no meaning",
        NO_WITNESS,
    )
    yield (
        "close-object",
        s,
        closed,
        False,
        "old is open; new forbids names it does not list",
        _with(full, zz_extra=True),
    )
    yield (
        "open-object",
        closed,
        s,
        True,
        "removing additionalProperties: false only allows more",
        NO_WITNESS,
    )
    yield (
        "close-object-to-typed-additional",
        closed,
        _edit(s, lambda n: n.update(additionalProperties={"type": "string"})),
        True,
        "old allows no other names; new allows other names with string values",
        NO_WITNESS,
    )
    yield (
        "typed-additional-to-closed",
        _edit(s, lambda n: n.update(additionalProperties={"type": "string"})),
        closed,
        False,
        "old allows other names with string values; new allows none",
        _with(full, zz_extra="x"),
    )
    yield (
        "additional-properties-widened",
        _edit(s, lambda n: n.update(additionalProperties={"type": "string"})),
        _edit(s, lambda n: n.update(additionalProperties={"type": ["string", "number"]})),
        True,
        "other names may now hold numbers too",
        NO_WITNESS,
    )
    yield (
        "additional-properties-narrowed",
        _edit(s, lambda n: n.update(additionalProperties={"type": ["string", "number"]})),
        _edit(s, lambda n: n.update(additionalProperties={"type": "string"})),
        False,
        "other names may no longer hold numbers",
        _with(full, zz_extra=1),
    )
    yield (
        "additional-properties-true-explicit",
        s,
        _edit(s, lambda n: n.update(additionalProperties=True)),
        True,
        "additionalProperties: true is the default",
        NO_WITNESS,
    )
    yield (
        "pattern-properties-on-open-object",
        s,
        _edit(s, lambda n: n.update(patternProperties={"^x-": {"type": "string"}})),
        False,
        "old accepts any value under an x- name; new only strings",
        _with(full, **{"x-trace": 1}),
    )
    yield (
        "pattern-properties-on-closed-object",
        closed,
        _edit(closed, lambda n: n.update(patternProperties={"^x-": {"type": "string"}})),
        True,
        "old has no x- names at all; new allows some",
        NO_WITNESS,
    )
    yield (
        "property-names-pattern-added",
        s,
        _edit(s, lambda n: n.update(propertyNames={"pattern": "^[a-z_]+$"})),
        False,
        "old accepts any extra name; new only lower-case names",
        _with(full, **{"Bad-Name": 1}),
    )
    yield (
        "min-properties-added",
        s,
        _edit(s, lambda n: n.update(minProperties=len(minimal) + 1)),
        False,
        "an instance with only the required properties is now too small",
        minimal,
    )
    yield (
        "max-properties-added",
        s,
        _edit(s, lambda n: n.update(maxProperties=len(full))),
        False,
        "an open object may carry more names than new's maxProperties",
        _with(full, zz_extra=1),
    )
