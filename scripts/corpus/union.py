"""Family ``union``: tagged unions of payment methods."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ._shared import NO_WITNESS, Edit, _edit


def _variant(tag: str, **props: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"type": {"const": tag}, **props},
        "required": ["type", *props],
    }


def union_edits() -> Iterator[Edit]:
    card = _variant("card", last4={"type": "string", "maxLength": 4})
    iban = _variant("iban", iban={"type": "string"})
    wallet = _variant("wallet", provider={"enum": ["apple", "google"]})
    base = {"title": "PaymentMethod", "oneOf": [card, iban]}
    card_x = {"type": "card", "last4": "4242"}
    iban_x = {"type": "iban", "iban": "DE89370400440532013000"}
    yield (
        "oneof-variant-added",
        base,
        {"oneOf": [card, iban, wallet]},
        True,
        "a tagged union gains a variant whose tag no old instance has",
        NO_WITNESS,
    )
    yield (
        "oneof-variant-removed",
        base,
        {"oneOf": [card]},
        False,
        "a tagged union loses a variant",
        iban_x,
    )
    yield (
        "oneof-variants-reordered",
        base,
        {"oneOf": [iban, card]},
        True,
        "the order of oneOf variants carries no meaning",
        NO_WITNESS,
    )
    yield (
        "oneof-to-anyof",
        base,
        {"anyOf": [card, iban]},
        True,
        "anyOf accepts whatever a oneOf of the same variants accepts",
        NO_WITNESS,
    )
    yield (
        "anyof-to-oneof-disjoint",
        {"anyOf": [card, iban]},
        base,
        True,
        "the variants' tags are disjoint, so no instance matches two",
        NO_WITNESS,
    )
    yield (
        "anyof-to-oneof-overlapping",
        {"anyOf": [card, {"type": "object", "required": ["type"]}]},
        {"oneOf": [card, {"type": "object", "required": ["type"]}]},
        False,
        "a card matches both variants, which oneOf rejects",
        card_x,
    )
    yield (
        "oneof-variant-gains-required",
        base,
        {"oneOf": [_edit(card, lambda n: n["required"].append("expiry")), iban]},
        False,
        "one variant requires a new property",
        card_x,
    )
    yield (
        "oneof-variant-field-widened",
        base,
        {"oneOf": [_edit(card, lambda n: n["properties"]["last4"].pop("maxLength")), iban]},
        True,
        "one variant's field loses its maxLength",
        NO_WITNESS,
    )
    yield (
        "oneof-catch-all-added",
        base,
        {"oneOf": [card, iban, {"type": "object"}]},
        False,
        "a catch-all variant overlaps every tagged one, so oneOf rejects them",
        card_x,
    )
    yield (
        "oneof-variants-to-refs",
        base,
        {
            "$defs": {"Card": card, "Iban": iban},
            "oneOf": [{"$ref": "#/$defs/Card"}, {"$ref": "#/$defs/Iban"}],
        },
        True,
        "variants moved into $defs behind $refs",
        NO_WITNESS,
    )
    yield (
        "oneof-tag-renamed",
        base,
        {
            "oneOf": [
                _edit(card, lambda n: n["properties"]["type"].update(const="credit_card")),
                iban,
            ]
        },
        False,
        "a variant's tag value is renamed",
        card_x,
    )
    yield (
        "oneof-tag-enum-widened",
        base,
        {
            "oneOf": [
                _edit(
                    card, lambda n: n["properties"].update(type={"enum": ["card", "credit_card"]})
                ),
                iban,
            ]
        },
        True,
        "a variant's tag const becomes an enum that keeps the old value",
        NO_WITNESS,
    )
    yield (
        "union-to-single-object",
        base,
        {
            "type": "object",
            "properties": {"type": {"enum": ["card", "iban"]}},
            "required": ["type"],
        },
        True,
        "one open object with the tags as an enum accepts every old variant",
        NO_WITNESS,
    )
    yield (
        "discriminated-union-nullable",
        base,
        {"oneOf": [card, iban, {"type": "null"}]},
        True,
        "null never matches an object variant",
        NO_WITNESS,
    )
