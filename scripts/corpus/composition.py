"""Family ``composition``: ``allOf``, ``anyOf``, ``oneOf`` and ``not`` around the base."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ._shared import NO_WITNESS, Base, Edit, _c, _edit, _with


def composition_edits(b: Base) -> Iterator[Edit]:
    s, full = b.schema, b.full
    body = {k: v for k, v in s.items() if k != "$defs"}
    defs = s.get("$defs", {})

    def with_defs(node: dict[str, Any], **extra: Any) -> dict[str, Any]:
        out = _c(node)
        merged = {**_c(defs), **extra}
        if merged:
            out["$defs"] = merged
        return out

    yield (
        "wrapped-in-allof",
        s,
        with_defs({"allOf": [_c(body)]}),
        True,
        "allOf of one schema is that schema",
        NO_WITNESS,
    )
    yield (
        "allof-extension-required",
        s,
        with_defs({"allOf": [_c(body), {"required": [b.opt_prop]}]}),
        False,
        "an allOf extension adds a required property",
        b.minimal,
    )
    yield (
        "allof-extension-optional-typed",
        s,
        with_defs({"allOf": [_c(body), {"properties": {"channel": {"type": "string"}}}]}),
        False,
        "an allOf extension types a name the open old object leaves free",
        _with(full, channel=1),
    )
    yield (
        "allof-ref-to-base",
        s,
        with_defs({"allOf": [{"$ref": "#/$defs/Base"}], "title": "Extended"}, Base=_c(body)),
        True,
        "the body moved into $defs and referenced from allOf",
        NO_WITNESS,
    )
    yield (
        "anyof-with-legacy-shape",
        s,
        with_defs({"anyOf": [_c(body), {"type": "string"}]}),
        True,
        "a union with a legacy string form accepts everything old did",
        NO_WITNESS,
    )
    yield (
        "oneof-with-null",
        s,
        with_defs({"oneOf": [_c(body), {"type": "null"}]}),
        True,
        "an object never matches null, so the oneOf accepts every old instance",
        NO_WITNESS,
    )
    yield (
        "oneof-with-overlapping-variant",
        s,
        with_defs({"oneOf": [_c(body), {"type": "object", "required": [b.str_prop]}]}),
        False,
        "every old instance matches both variants, so oneOf rejects it",
        full,
    )
    yield (
        "anyof-with-overlapping-variant",
        s,
        with_defs({"anyOf": [_c(body), {"type": "object", "required": [b.str_prop]}]}),
        True,
        "anyOf accepts an instance matching both variants",
        NO_WITNESS,
    )
    yield (
        "not-added",
        s,
        _edit(s, lambda n: n.update({"not": {"required": [b.opt_prop]}})),
        False,
        "new rejects instances carrying the optional property",
        full,
    )
