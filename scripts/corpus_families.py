"""The families of the compatibility corpus: real-looking schema evolutions with known answers.

Every case is built from a base schema, a valid instance of it and one edit, so its answer
(is every instance of ``old`` an instance of ``new``?) follows from the edit; for an
incompatible edit the builder also writes the instance that shows it (the witness). Nothing
here asks the checker: ``scripts/build_compat_corpus.py`` validates every witness with the
``jsonschema`` validator of each side's own dialect and attacks every "compatible" with
generated instances of ``old`` before a case is written.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

DRAFT7 = "http://json-schema.org/draft-07/schema#"
DRAFT2020 = "https://json-schema.org/draft/2020-12/schema"
DIALECTS = {"draft-07": DRAFT7, "2020-12": DRAFT2020}

#: a case carries no witness when it is compatible
NO_WITNESS = object()


@dataclass
class Case:
    family: str
    name: str
    old: Any
    new: Any
    compatible: bool
    rationale: str
    witness: Any = NO_WITNESS
    #: instances (besides generated ones) to attack a "compatible" case with
    probes: list[Any] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rationale": self.rationale,
            "compatible": self.compatible,
        }
        if not self.compatible:
            data["witness"] = self.witness
        data["old"] = self.old
        data["new"] = self.new
        return data


# ---------------------------------------------------------------------------------------------
# Bases: a 2020-12 object schema (``$defs``), a full and a minimal valid instance, and the names
# that play each part.


@dataclass(frozen=True)
class Base:
    name: str
    schema: dict[str, Any]
    full: dict[str, Any]
    minimal: dict[str, Any]
    enum_prop: str  # a required enum (behind $ref when enum_def is set)
    enum_def: str | None
    int_prop: str  # an integer with minimum 0
    num_prop: str  # a number with minimum 0
    str_prop: str  # a string with maxLength 64
    opt_prop: str  # an optional string
    nested: str | None = None  # an optional object with required "inner_id" (string)
    array: str | None = None  # an array of objects with required "sku" (string), "qty" (int)


def _feedback_event() -> Base:
    schema = {
        "title": "FeedbackEvent",
        "type": "object",
        "$defs": {
            "BackpressureLevel": {
                "title": "BackpressureLevel",
                "type": "string",
                "enum": ["ok", "soft", "hard"],
            }
        },
        "properties": {
            "coordinator_id": {"type": "string", "maxLength": 64, "title": "Coordinator Id"},
            "queue_size": {"type": "integer", "minimum": 0, "title": "Queue Size"},
            "capacity": {"type": "integer", "exclusiveMinimum": 0},
            "level": {"$ref": "#/$defs/BackpressureLevel"},
            "source": {"type": "string", "default": "store"},
            "ts": {"type": "number", "minimum": 0, "description": "Unix epoch seconds"},
        },
        "required": ["coordinator_id", "queue_size", "capacity", "level", "ts"],
    }
    full = {
        "coordinator_id": "bars_coordinator_1",
        "queue_size": 850,
        "capacity": 1000,
        "level": "soft",
        "source": "store",
        "ts": 1700000000.5,
    }
    minimal = {k: v for k, v in full.items() if k != "source"}
    return Base(
        "feedback_event",
        schema,
        full,
        minimal,
        enum_prop="level",
        enum_def="BackpressureLevel",
        int_prop="queue_size",
        num_prop="ts",
        str_prop="coordinator_id",
        opt_prop="source",
    )


def _order_placed() -> Base:
    schema = {
        "title": "OrderPlaced",
        "description": "Emitted on the orders topic when a customer places an order.",
        "type": "object",
        "$defs": {
            "Currency": {"type": "string", "enum": ["USD", "EUR", "GBP"]},
            "Customer": {
                "type": "object",
                "properties": {
                    "inner_id": {"type": "string"},
                    "email": {"type": "string", "format": "email"},
                },
                "required": ["inner_id"],
            },
        },
        "properties": {
            "order_id": {"type": "string", "maxLength": 64},
            "currency": {"$ref": "#/$defs/Currency"},
            "line_count": {"type": "integer", "minimum": 0},
            "total": {"type": "number", "minimum": 0},
            "coupon": {"type": "string"},
            "customer": {"$ref": "#/$defs/Customer"},
            "lines": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "sku": {"type": "string"},
                        "qty": {"type": "integer", "minimum": 1},
                        "unit_price": {"type": "number"},
                    },
                    "required": ["sku", "qty"],
                },
            },
            "placed_at": {"type": "string", "format": "date-time"},
        },
        "required": ["order_id", "currency", "line_count", "total", "lines"],
    }
    full = {
        "order_id": "ord-1001",
        "currency": "EUR",
        "line_count": 2,
        "total": 42.5,
        "coupon": "WINTER",
        "customer": {"inner_id": "c-7", "email": "a@example.com"},
        "lines": [{"sku": "A-1", "qty": 1, "unit_price": 12.5}, {"sku": "B-2", "qty": 3}],
        "placed_at": "2024-01-01T10:00:00Z",
    }
    minimal = {"order_id": "ord-1", "currency": "USD", "line_count": 0, "total": 0, "lines": []}
    return Base(
        "order_placed",
        schema,
        full,
        minimal,
        enum_prop="currency",
        enum_def="Currency",
        int_prop="line_count",
        num_prop="total",
        str_prop="order_id",
        opt_prop="coupon",
        nested="customer",
        array="lines",
    )


def _user_payload() -> Base:
    schema = {
        "title": "User",
        "description": "Response body of GET /users/{id}.",
        "type": "object",
        "properties": {
            "username": {"type": "string", "maxLength": 64, "minLength": 0},
            "role": {"type": "string", "enum": ["admin", "editor", "viewer"]},
            "age": {"type": "integer", "minimum": 0},
            "score": {"type": "number", "minimum": 0},
            "nickname": {"type": "string"},
            "profile": {
                "type": "object",
                "properties": {
                    "inner_id": {"type": "string"},
                    "bio": {"type": "string"},
                },
                "required": ["inner_id"],
            },
            "tags": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["username", "role", "age", "score"],
    }
    full = {
        "username": "ada",
        "role": "editor",
        "age": 36,
        "score": 4.5,
        "nickname": "countess",
        "profile": {"inner_id": "p-1", "bio": "math"},
        "tags": ["x", "y"],
    }
    minimal = {"username": "bob", "role": "viewer", "age": 0, "score": 0}
    return Base(
        "user_payload",
        schema,
        full,
        minimal,
        enum_prop="role",
        enum_def=None,
        int_prop="age",
        num_prop="score",
        str_prop="username",
        opt_prop="nickname",
        nested="profile",
    )


def _service_config() -> Base:
    schema = {
        "title": "ServiceConfig",
        "description": "config.json of the ingestion service.",
        "type": "object",
        "$defs": {
            "LogLevel": {"enum": ["debug", "info", "warning", "error"]},
            "Endpoint": {
                "type": "object",
                "properties": {
                    "sku": {"type": "string", "description": "endpoint name"},
                    "qty": {"type": "integer", "minimum": 1, "description": "connections"},
                    "timeout": {"type": "number", "default": 5},
                },
                "required": ["sku", "qty"],
            },
        },
        "properties": {
            "name": {"type": "string", "maxLength": 64},
            "log_level": {"$ref": "#/$defs/LogLevel", "default": "info"},
            "replicas": {"type": "integer", "minimum": 0, "default": 1},
            "rate_limit": {"type": "number", "minimum": 0},
            "region": {"type": "string"},
            "endpoints": {"type": "array", "items": {"$ref": "#/$defs/Endpoint"}},
            "features": {"type": "object", "additionalProperties": {"type": "boolean"}},
        },
        "required": ["name", "log_level", "replicas", "rate_limit", "endpoints"],
    }
    full = {
        "name": "ingest",
        "log_level": "warning",
        "replicas": 3,
        "rate_limit": 2.5,
        "region": "eu-west-1",
        "endpoints": [{"sku": "primary", "qty": 4, "timeout": 2.5}],
        "features": {"compress": True},
    }
    minimal = {"name": "x", "log_level": "info", "replicas": 0, "rate_limit": 0, "endpoints": []}
    return Base(
        "service_config",
        schema,
        full,
        minimal,
        enum_prop="log_level",
        enum_def="LogLevel",
        int_prop="replicas",
        num_prop="rate_limit",
        str_prop="name",
        opt_prop="region",
        array="endpoints",
    )


def _market_tick() -> Base:
    schema = {
        "title": "MarketTick",
        "description": "Kafka value schema of the ticks topic.",
        "type": "object",
        "properties": {
            "symbol": {"type": "string", "maxLength": 64},
            "venue": {"type": "string", "enum": ["XNAS", "XNYS", "BATS"]},
            "size": {"type": "integer", "minimum": 0},
            "price": {"type": "number", "minimum": 0},
            "condition": {"type": "string"},
            "ts_ns": {"type": "integer"},
        },
        "required": ["symbol", "venue", "size", "price", "ts_ns"],
    }
    full = {
        "symbol": "AAPL",
        "venue": "XNAS",
        "size": 100,
        "price": 189.25,
        "condition": "regular",
        "ts_ns": 1700000000000000000,
    }
    minimal = {"symbol": "MSFT", "venue": "BATS", "size": 0, "price": 0, "ts_ns": 0}
    return Base(
        "market_tick",
        schema,
        full,
        minimal,
        enum_prop="venue",
        enum_def=None,
        int_prop="size",
        num_prop="price",
        str_prop="symbol",
        opt_prop="condition",
    )


BASES = (_feedback_event(), _order_placed(), _user_payload(), _service_config(), _market_tick())


# ---------------------------------------------------------------------------------------------
# Helpers


def _c(value: Any) -> Any:
    return copy.deepcopy(value)


def _with(instance: dict[str, Any], **changes: Any) -> dict[str, Any]:
    out = _c(instance)
    out.update(changes)
    return out


def _without(instance: dict[str, Any], *names: str) -> dict[str, Any]:
    return {k: _c(v) for k, v in instance.items() if k not in names}


def _closed(schema: dict[str, Any]) -> dict[str, Any]:
    out = _c(schema)
    out["additionalProperties"] = False
    return out


def _enum_node(base: Base, schema: dict[str, Any]) -> dict[str, Any]:
    """The node holding the enum of ``base.enum_prop`` (behind the $ref when there is one)."""
    if base.enum_def is not None:
        node: dict[str, Any] = schema["$defs"][base.enum_def]
        return node
    prop: dict[str, Any] = schema["properties"][base.enum_prop]
    return prop


def _enum_values(base: Base) -> list[Any]:
    return list(_enum_node(base, base.schema)["enum"])


def _edit(schema: dict[str, Any], function: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    out = _c(schema)
    function(out)
    return out


def _nested_node(base: Base, schema: dict[str, Any]) -> dict[str, Any]:
    assert base.nested is not None
    prop = schema["properties"][base.nested]
    if "$ref" in prop:
        node: dict[str, Any] = schema["$defs"][prop["$ref"].rsplit("/", 1)[1]]
        return node
    nested: dict[str, Any] = prop
    return nested


def _item_node(base: Base, schema: dict[str, Any]) -> dict[str, Any]:
    assert base.array is not None
    items = schema["properties"][base.array]["items"]
    if "$ref" in items:
        node: dict[str, Any] = schema["$defs"][items["$ref"].rsplit("/", 1)[1]]
        return node
    item: dict[str, Any] = items
    return item


def _full_with_array(base: Base) -> dict[str, Any]:
    """``full`` with an array of two distinct items (for item-level witnesses)."""
    return base.full


# ---------------------------------------------------------------------------------------------
# Edits of one base. Each yields (name, old, new, compatible, rationale, witness).

Edit = tuple[str, Any, Any, bool, str, Any]


def _object_edits(b: Base) -> Iterator[Edit]:
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


def _enum_edits(b: Base) -> Iterator[Edit]:
    s, full = b.schema, b.full
    values = _enum_values(b)
    where = "behind $ref" if b.enum_def else "inline"
    yield (
        "enum-widened",
        s,
        _edit(s, lambda n: _enum_node(b, n)["enum"].append("other")),
        True,
        f"an enum ({where}) gains a value",
        NO_WITNESS,
    )
    yield (
        "enum-narrowed",
        s,
        _edit(s, lambda n: _enum_node(b, n)["enum"].remove(values[-1])),
        False,
        f"an enum ({where}) loses a value old instances may hold",
        _with(full, **{b.enum_prop: values[-1]}),
    )
    yield (
        "enum-reordered",
        s,
        _edit(s, lambda n: _enum_node(b, n)["enum"].reverse()),
        True,
        "the order of enum values carries no meaning",
        NO_WITNESS,
    )
    yield (
        "enum-replaced-value",
        s,
        _edit(
            s,
            lambda n: _enum_node(b, n).update(enum=[*values[:-1], values[-1].upper() + "_V2"]),
        ),
        False,
        "renaming an enum value removes the old spelling",
        _with(full, **{b.enum_prop: values[-1]}),
    )
    yield (
        "enum-to-const",
        s,
        _edit(s, lambda n: _enum_node(b, n).update(enum=[values[0]])),
        False,
        "narrowing an enum to one value",
        _with(full, **{b.enum_prop: values[1]}),
    )
    yield (
        "enum-to-plain-string",
        s,
        _edit(s, lambda n: _enum_node(b, n).pop("enum") and _enum_node(b, n).update(type="string")),
        True,
        "dropping the enum of a string property widens it",
        NO_WITNESS,
    )
    yield (
        "plain-string-to-enum",
        _edit(s, lambda n: _enum_node(b, n).pop("enum") and _enum_node(b, n).update(type="string")),
        s,
        False,
        "a free string property becomes an enum",
        _with(full, **{b.enum_prop: "not-a-member"}),
    )
    yield (
        "enum-gains-null",
        s,
        _edit(
            s,
            lambda n: _enum_node(b, n).update(enum=[*values, None], type=["string", "null"]),
        ),
        True,
        "the enum and its type both admit null",
        NO_WITNESS,
    )
    if b.enum_def is not None:
        yield (
            "def-renamed",
            s,
            _rename_def(s, b.enum_def, b.enum_def + "V2"),
            True,
            "renaming a $defs entry and its $refs changes no instance",
            NO_WITNESS,
        )
        yield (
            "ref-inlined",
            s,
            _inline_def(s, b.enum_def),
            True,
            "replacing a $ref by the schema it points to changes no instance",
            NO_WITNESS,
        )
        yield (
            "def-narrowed-behind-renamed-ref",
            s,
            _edit(
                _rename_def(s, b.enum_def, b.enum_def + "V2"),
                lambda n: n["$defs"][b.enum_def + "V2"]["enum"].remove(values[0]),
            ),
            False,
            "a renamed $defs entry also loses an enum value",
            _with(full, **{b.enum_prop: values[0]}),
        )
    else:
        yield (
            "enum-moved-to-defs",
            s,
            _extract_def(s, b.enum_prop, "Choice"),
            True,
            "moving an inline schema into $defs behind a $ref changes no instance",
            NO_WITNESS,
        )
        yield (
            "enum-moved-to-defs-and-narrowed",
            s,
            _edit(
                _extract_def(s, b.enum_prop, "Choice"),
                lambda n: n["$defs"]["Choice"]["enum"].remove(values[0]),
            ),
            False,
            "an enum moved into $defs loses a value on the way",
            _with(full, **{b.enum_prop: values[0]}),
        )


def _rename_def(schema: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    out = _c(schema)
    out["$defs"] = {(new if k == old else k): v for k, v in out["$defs"].items()}
    return _replace_refs(out, f"#/$defs/{old}", f"#/$defs/{new}")


def _replace_refs(node: Any, old: str, new: str) -> Any:
    if isinstance(node, dict):
        return {
            k: (new if k == "$ref" and v == old else _replace_refs(v, old, new))
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_replace_refs(v, old, new) for v in node]
    return node


def _inline_def(schema: dict[str, Any], name: str) -> dict[str, Any]:
    target = schema["$defs"][name]

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            if node.get("$ref") == f"#/$defs/{name}":
                merged = {k: v for k, v in node.items() if k != "$ref"}
                merged.update(_c(target))
                return merged
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    out: dict[str, Any] = walk(_c(schema))
    del out["$defs"][name]
    if not out["$defs"]:
        del out["$defs"]
    return out


def _extract_def(schema: dict[str, Any], prop: str, name: str) -> dict[str, Any]:
    out = _c(schema)
    out.setdefault("$defs", {})[name] = out["properties"][prop]
    out["properties"][prop] = {"$ref": f"#/$defs/{name}"}
    return out


def _type_edits(b: Base) -> Iterator[Edit]:
    s, full, minimal = b.schema, b.full, b.minimal
    i, x, t, o = b.int_prop, b.num_prop, b.str_prop, b.opt_prop

    def set_prop(name: str, **kw: Any) -> Callable[[dict[str, Any]], None]:
        return lambda n: n["properties"][name].update(kw)

    def replace_prop(name: str, value: Any) -> Callable[[dict[str, Any]], None]:
        return lambda n: n["properties"].__setitem__(name, value)

    yield (
        "integer-to-number",
        s,
        _edit(s, set_prop(i, type="number")),
        True,
        "every integer is a number",
        NO_WITNESS,
    )
    yield (
        "number-to-integer",
        s,
        _edit(s, set_prop(x, type="integer")),
        False,
        "a fractional number is no integer",
        _with(full, **{x: 1.5}),
    )
    yield (
        "number-to-integer-whole-value-still-ok",
        _edit(s, set_prop(x, type="number", multipleOf=1)),
        _edit(s, set_prop(x, type="integer")),
        True,
        "a number that is a multiple of 1 is an integer (1.0 counts as an integer since draft-06)",
        NO_WITNESS,
    )
    yield (
        "integer-to-string",
        s,
        _edit(s, replace_prop(i, {"type": "string"})),
        False,
        "an integer property becomes a string",
        full,
    )
    yield (
        "type-list-widened",
        s,
        _edit(s, set_prop(i, type=["integer", "string"])),
        True,
        "a type list gains string",
        NO_WITNESS,
    )
    yield (
        "type-list-narrowed",
        _edit(s, set_prop(i, type=["integer", "string"])),
        s,
        False,
        "a type list loses string",
        _with(full, **{i: "7"}),
    )
    yield (
        "nullable-type-list-added",
        s,
        _edit(s, set_prop(t, type=["string", "null"])),
        True,
        "a string property becomes nullable through a type list",
        NO_WITNESS,
    )
    yield (
        "nullable-type-list-removed",
        _edit(s, set_prop(t, type=["string", "null"])),
        s,
        False,
        "null is no longer accepted",
        _with(full, **{t: None}),
    )
    nullable_any = {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None}
    yield (
        "nullable-anyof-added",
        s,
        _edit(s, replace_prop(o, nullable_any)),
        True,
        "Optional[str]: the property accepts a string or null",
        NO_WITNESS,
    )
    yield (
        "nullable-anyof-removed",
        _edit(s, replace_prop(o, nullable_any)),
        s,
        False,
        "the anyOf with null is replaced by a plain string",
        _with(full, **{o: None}),
    )
    nullable_one = {"oneOf": [{"type": "string"}, {"type": "null"}]}
    yield (
        "nullable-oneof-added",
        s,
        _edit(s, replace_prop(o, nullable_one)),
        True,
        "oneOf of disjoint string and null accepts every string",
        NO_WITNESS,
    )
    yield (
        "nullable-oneof-removed",
        _edit(s, replace_prop(o, nullable_one)),
        s,
        False,
        "the oneOf with null is replaced by a plain string",
        _with(full, **{o: None}),
    )
    yield (
        "nullable-anyof-to-type-list",
        _edit(s, replace_prop(o, nullable_any)),
        _edit(s, replace_prop(o, {"type": ["string", "null"]})),
        True,
        "anyOf [string, null] and type [string, null] are the same set",
        NO_WITNESS,
    )
    yield (
        "nullable-int-anyof-keeps-bound",
        _edit(s, replace_prop(i, {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "null"}]})),
        _edit(s, replace_prop(i, {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}]})),
        False,
        "the integer branch of a nullable property raised its minimum",
        _with(minimal, **{i: 0}),
    )
    yield (
        "integer-anyof-number-string",
        s,
        _edit(s, replace_prop(i, {"anyOf": [{"type": "number"}, {"type": "string"}]})),
        True,
        "every non-negative integer is a number",
        NO_WITNESS,
    )
    yield (
        "enum-prop-to-integer",
        s,
        _edit(s, replace_prop(b.enum_prop, {"type": "integer"})),
        False,
        "a string enum property becomes an integer",
        full,
    )


def _number_edits(b: Base) -> Iterator[Edit]:
    s, full = b.schema, b.full
    i, x = b.int_prop, b.num_prop

    def set_prop(name: str, **kw: Any) -> Callable[[dict[str, Any]], None]:
        return lambda n: n["properties"][name].update(kw)

    def drop(name: str, key: str) -> Callable[[dict[str, Any]], None]:
        return lambda n: n["properties"][name].pop(key)

    yield (
        "minimum-raised",
        s,
        _edit(s, set_prop(i, minimum=1)),
        False,
        "0 was allowed and is no longer",
        _with(full, **{i: 0}),
    )
    yield (
        "minimum-lowered",
        s,
        _edit(s, set_prop(i, minimum=-10)),
        True,
        "a lower minimum only allows more",
        NO_WITNESS,
    )
    yield (
        "minimum-removed",
        s,
        _edit(s, drop(i, "minimum")),
        True,
        "dropping a bound only allows more",
        NO_WITNESS,
    )
    yield (
        "maximum-added",
        s,
        _edit(s, set_prop(i, maximum=1000)),
        False,
        "old had no upper bound",
        _with(full, **{i: 1001}),
    )
    yield (
        "maximum-removed",
        _edit(s, set_prop(i, maximum=1000)),
        s,
        True,
        "dropping an upper bound only allows more",
        NO_WITNESS,
    )
    yield (
        "maximum-lowered",
        _edit(s, set_prop(i, maximum=1000)),
        _edit(s, set_prop(i, maximum=999)),
        False,
        "1000 is no longer allowed",
        _with(full, **{i: 1000}),
    )
    yield (
        "minimum-to-exclusive-minimum",
        s,
        _edit(s, lambda n: (drop(i, "minimum")(n), set_prop(i, exclusiveMinimum=0)(n))),
        False,
        "minimum 0 allows 0, exclusiveMinimum 0 does not",
        _with(full, **{i: 0}),
    )
    yield (
        "exclusive-minimum-to-minimum",
        _edit(s, lambda n: (drop(i, "minimum")(n), set_prop(i, exclusiveMinimum=0)(n))),
        s,
        True,
        "x > 0 implies x >= 0",
        NO_WITNESS,
    )
    yield (
        "integer-exclusive-minimum-equals-minimum",
        _edit(s, lambda n: (drop(i, "minimum")(n), set_prop(i, exclusiveMinimum=0)(n))),
        _edit(s, set_prop(i, minimum=1)),
        True,
        "for integers, > 0 and >= 1 are the same set",
        NO_WITNESS,
    )
    yield (
        "number-exclusive-minimum-vs-minimum-1",
        _edit(s, lambda n: (drop(x, "minimum")(n), set_prop(x, exclusiveMinimum=0)(n))),
        _edit(s, set_prop(x, minimum=1)),
        False,
        "for numbers, 0.5 is > 0 but not >= 1",
        _with(full, **{x: 0.5}),
    )
    yield (
        "multiple-of-added",
        s,
        _edit(s, set_prop(i, multipleOf=2)),
        False,
        "odd values are no longer allowed",
        _with(full, **{i: 3}),
    )
    yield (
        "multiple-of-refined",
        _edit(s, set_prop(i, multipleOf=2)),
        _edit(s, set_prop(i, multipleOf=4)),
        False,
        "2 is a multiple of 2, not of 4",
        _with(full, **{i: 2}),
    )
    yield (
        "multiple-of-coarsened",
        _edit(s, set_prop(i, multipleOf=4)),
        _edit(s, set_prop(i, multipleOf=2)),
        True,
        "every multiple of 4 is a multiple of 2",
        NO_WITNESS,
    )
    yield (
        "multiple-of-decimal-cents",
        _edit(s, set_prop(x, multipleOf=0.5)),
        _edit(s, set_prop(x, multipleOf=0.25)),
        True,
        "every multiple of 0.5 is a multiple of 0.25 (exact in binary)",
        NO_WITNESS,
    )
    yield (
        "number-maximum-added",
        s,
        _edit(s, set_prop(x, maximum=1e9)),
        False,
        "old had no upper bound on the number",
        _with(full, **{x: 2e9}),
    )
    yield (
        "number-minimum-lowered-negative",
        s,
        _edit(s, set_prop(x, minimum=-1.5)),
        True,
        "a lower minimum only allows more",
        NO_WITNESS,
    )
    yield (
        "number-bounds-tightened-fraction",
        _edit(s, set_prop(x, maximum=100.5)),
        _edit(s, set_prop(x, maximum=100.25)),
        False,
        "100.5 is no longer allowed",
        _with(full, **{x: 100.5}),
    )


def _string_edits(b: Base) -> Iterator[Edit]:
    s, full = b.schema, b.full
    t = b.str_prop

    def set_prop(**kw: Any) -> Callable[[dict[str, Any]], None]:
        return lambda n: n["properties"][t].update(kw)

    def drop(key: str) -> Callable[[dict[str, Any]], None]:
        return lambda n: n["properties"][t].pop(key)

    yield (
        "max-length-lowered",
        s,
        _edit(s, set_prop(maxLength=32)),
        False,
        "a 64-character string is too long now",
        _with(full, **{t: "a" * 64}),
    )
    yield (
        "max-length-raised",
        s,
        _edit(s, set_prop(maxLength=128)),
        True,
        "a higher maxLength only allows more",
        NO_WITNESS,
    )
    yield (
        "max-length-removed",
        s,
        _edit(s, drop("maxLength")),
        True,
        "dropping maxLength only allows more",
        NO_WITNESS,
    )
    yield (
        "min-length-added",
        s,
        _edit(s, set_prop(minLength=1)),
        False,
        "the empty string is no longer allowed",
        _with(full, **{t: ""}),
    )
    yield (
        "min-length-lowered",
        _edit(s, set_prop(minLength=3)),
        _edit(s, set_prop(minLength=1)),
        True,
        "a lower minLength only allows more",
        NO_WITNESS,
    )
    yield (
        "length-counts-code-points",
        _edit(s, set_prop(maxLength=2)),
        _edit(s, set_prop(maxLength=1)),
        False,
        "two astral characters are two characters (not four UTF-16 units)",
        _with(full, **{t: "\U0001f600\U0001f600"}),
    )
    yield (
        "pattern-added",
        s,
        _edit(s, set_prop(pattern="^[a-z0-9_-]+$")),
        False,
        "old accepts any string; new only some",
        _with(full, **{t: "Has Space"}),
    )
    yield (
        "pattern-removed",
        _edit(s, set_prop(pattern="^[a-z0-9_-]+$")),
        s,
        True,
        "dropping a pattern only allows more",
        NO_WITNESS,
    )
    yield (
        "pattern-widened-class",
        _edit(s, set_prop(pattern="^[a-z_]+$")),
        _edit(s, set_prop(pattern="^[a-z0-9_]+$")),
        True,
        "every string of [a-z_] is one of [a-z0-9_]",
        NO_WITNESS,
    )
    yield (
        "pattern-narrowed-class",
        _edit(s, set_prop(pattern="^[a-z0-9_]+$")),
        _edit(s, set_prop(pattern="^[a-z_]+$")),
        False,
        "digits are no longer allowed",
        _with(full, **{t: "a1"}),
    )
    yield (
        "pattern-unanchored-added",
        s,
        _edit(s, set_prop(pattern="[0-9]")),
        False,
        "an unanchored pattern still needs one digit somewhere",
        _with(full, **{t: "abc"}),
    )
    yield (
        "pattern-digit-class-rewritten",
        _edit(s, set_prop(pattern="^[0-9]+$")),
        _edit(s, set_prop(pattern="^\\d+$")),
        True,
        "every string of ASCII digits matches \\d+ (ECMA-262 and Python alike)",
        NO_WITNESS,
    )
    yield (
        "format-added",
        s,
        _edit(s, set_prop(format="email")),
        True,
        "format is an annotation by default (draft-07 and 2020-12): it asserts nothing",
        NO_WITNESS,
    )
    yield (
        "format-changed",
        _edit(s, set_prop(format="date-time")),
        _edit(s, set_prop(format="uuid")),
        True,
        "format is an annotation by default: changing it changes no instance",
        NO_WITNESS,
    )
    yield (
        "string-to-const",
        s,
        _edit(s, set_prop(const="fixed")),
        False,
        "a free string becomes a const",
        full,
    )


def _annotation_edits(b: Base) -> Iterator[Edit]:
    s = b.schema
    o, i = b.opt_prop, b.int_prop
    yield (
        "description-edited",
        s,
        _edit(s, lambda n: n.update(description="Reworded description.")),
        True,
        "a description is an annotation",
        NO_WITNESS,
    )
    yield (
        "title-and-examples-added",
        s,
        _edit(s, lambda n: n["properties"][i].update(title="Count", examples=[1, 2])),
        True,
        "title and examples are annotations",
        NO_WITNESS,
    )
    yield (
        "default-changed",
        s,
        _edit(s, lambda n: n["properties"][o].update(default="changed")),
        True,
        "default is an annotation",
        NO_WITNESS,
    )
    yield (
        "default-invalid-added",
        s,
        _edit(s, lambda n: n["properties"][i].update(default=-1)),
        True,
        "even a default that violates the schema asserts nothing",
        NO_WITNESS,
    )
    yield (
        "comment-and-read-only",
        s,
        _edit(
            s, lambda n: (n.update({"$comment": "v2"}), n["properties"][o].update(readOnly=True))
        ),
        True,
        "$comment and readOnly are annotations",
        NO_WITNESS,
    )


def _nested_edits(b: Base) -> Iterator[Edit]:
    if b.nested is None:
        return
    s, full = b.schema, b.full
    inner = full[b.nested]
    yield (
        "nested-required-added",
        s,
        _edit(
            s,
            lambda n: (
                _nested_node(b, n)["required"].append("bio_or_email")
                or _nested_node(b, n)["properties"].update(bio_or_email={"type": "string"})
            ),
        ),
        False,
        "a nested object requires a new property",
        full,
    )
    yield (
        "nested-required-dropped",
        s,
        _edit(s, lambda n: _nested_node(b, n).pop("required")),
        True,
        "a nested object requires less",
        NO_WITNESS,
    )
    yield (
        "nested-closed",
        s,
        _edit(s, lambda n: _nested_node(b, n).update(additionalProperties=False)),
        False,
        "a nested object is closed",
        _with(full, **{b.nested: _with(inner, extra=1)}),
    )
    yield (
        "nested-type-narrowed",
        s,
        _edit(s, lambda n: _nested_node(b, n)["properties"]["inner_id"].update(maxLength=2)),
        False,
        "a nested string gains a maxLength",
        _with(full, **{b.nested: _with(inner, inner_id="long-id")}),
    )
    yield (
        "nested-made-nullable",
        s,
        _edit(
            s,
            lambda n: n["properties"].__setitem__(
                b.nested, {"anyOf": [n["properties"][b.nested], {"type": "null"}]}
            ),
        ),
        True,
        "a nested object becomes nullable",
        NO_WITNESS,
    )
    yield (
        "nested-made-required",
        s,
        _edit(s, lambda n: n["required"].append(b.nested)),
        False,
        "the nested object becomes required",
        b.minimal,
    )


def _array_edits(b: Base) -> Iterator[Edit]:
    if b.array is None:
        return
    s, full, minimal = b.schema, b.full, b.minimal
    a = b.array
    items = full[a]

    def arr(**kw: Any) -> Callable[[dict[str, Any]], None]:
        return lambda n: n["properties"][a].update(kw)

    yield (
        "item-required-added",
        s,
        _edit(
            s,
            lambda n: (
                _item_node(b, n)["properties"].update(note={"type": "string"}),
                _item_node(b, n)["required"].append("note"),
            ),
        ),
        False,
        "each array item must now carry a new property",
        full,
    )
    yield (
        "item-property-widened",
        s,
        _edit(s, lambda n: _item_node(b, n)["properties"]["qty"].update(type="number")),
        True,
        "an item's integer property becomes a number",
        NO_WITNESS,
    )
    yield (
        "item-property-narrowed",
        s,
        _edit(s, lambda n: _item_node(b, n)["properties"]["qty"].update(maximum=2)),
        False,
        "an item's quantity gains a maximum",
        _with(full, **{a: [{"sku": "z", "qty": 3}]}),
    )
    yield (
        "item-closed",
        s,
        _edit(s, lambda n: _item_node(b, n).update(additionalProperties=False)),
        False,
        "array items become closed objects",
        _with(full, **{a: [{"sku": "z", "qty": 1, "gift": True}]}),
    )
    yield (
        "min-items-added",
        s,
        _edit(s, arr(minItems=1)),
        False,
        "the empty array is no longer allowed",
        _with(minimal, **{a: []}),
    )
    yield (
        "max-items-added",
        s,
        _edit(s, arr(maxItems=1)),
        False,
        "two items are now too many",
        _with(full, **{a: [items[0], items[0]]}),
    )
    yield (
        "max-items-raised",
        _edit(s, arr(maxItems=5)),
        _edit(s, arr(maxItems=50)),
        True,
        "a higher maxItems only allows more",
        NO_WITNESS,
    )
    yield (
        "unique-items-added",
        s,
        _edit(s, arr(uniqueItems=True)),
        False,
        "duplicate items are no longer allowed",
        _with(full, **{a: [items[0], items[0]]}),
    )
    yield (
        "unique-items-removed",
        _edit(s, arr(uniqueItems=True)),
        s,
        True,
        "dropping uniqueItems only allows more",
        NO_WITNESS,
    )
    yield (
        "items-type-changed",
        s,
        _edit(s, lambda n: n["properties"][a].update(items={"type": "string"})),
        False,
        "array items become strings",
        full,
    )
    yield (
        "array-made-nullable",
        s,
        _edit(s, lambda n: n["properties"][a].update(type=["array", "null"])),
        True,
        "the array property also accepts null",
        NO_WITNESS,
    )
    yield (
        "contains-added",
        s,
        _edit(s, arr(contains={"type": "object", "required": ["sku"]})),
        False,
        "the empty array has no item to contain",
        _with(minimal, **{a: []}),
    )


def _composition_edits(b: Base) -> Iterator[Edit]:
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


EDITORS = (
    ("object", _object_edits),
    ("enum", _enum_edits),
    ("type", _type_edits),
    ("number", _number_edits),
    ("string", _string_edits),
    ("annotation", _annotation_edits),
    ("nested", _nested_edits),
    ("array", _array_edits),
    ("composition", _composition_edits),
)


# ---------------------------------------------------------------------------------------------
# Dialects


def to_draft07(node: Any) -> Any:
    """The same schema written for draft-07: ``definitions`` for ``$defs``, array-form
    ``items`` + ``additionalItems`` for ``prefixItems``, ``dependencies`` for
    ``dependentRequired``/``dependentSchemas``."""
    if isinstance(node, list):
        return [to_draft07(v) for v in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "$defs":
            out["definitions"] = to_draft07(value)
        elif key == "$ref" and isinstance(value, str):
            out[key] = value.replace("#/$defs/", "#/definitions/")
        elif key == "prefixItems":
            out["items"] = to_draft07(value)
            if "items" in node:
                out["additionalItems"] = to_draft07(node["items"])
        elif key == "items" and "prefixItems" in node:
            continue
        elif key in ("dependentRequired", "dependentSchemas"):
            out.setdefault("dependencies", {}).update(to_draft07(value))
        else:
            out[key] = to_draft07(value)
    return out


def _needs_siblings(node: Any) -> bool:
    """Whether some ``$ref`` stands next to an assertion (draft-07 would ignore it)."""
    if isinstance(node, list):
        return any(_needs_siblings(v) for v in node)
    if not isinstance(node, dict):
        return False
    annotations = {"$ref", "description", "title", "default", "examples", "$comment"}
    if "$ref" in node and set(node) - annotations:
        return True
    return any(_needs_siblings(v) for v in node.values())


def with_dialect(schema: Any, dialect: str) -> Any:
    if not isinstance(schema, dict):
        return schema
    body = to_draft07(schema) if dialect == "draft-07" else _c(schema)
    return {"$schema": DIALECTS[dialect], **body}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-")


def base_cases() -> Iterator[Case]:
    for base in BASES:
        for family, editor in EDITORS:
            for name, old, new, compatible, rationale, witness in editor(base):
                for dialect in DIALECTS:
                    if dialect == "draft-07" and (_needs_siblings(old) or _needs_siblings(new)):
                        continue
                    yield Case(
                        family=f"{dialect}/{base.name}",
                        name=f"{family}-{_slug(name)}",
                        old=with_dialect(old, dialect),
                        new=with_dialect(new, dialect),
                        compatible=compatible,
                        rationale=rationale,
                        witness=witness,
                        probes=[base.full, base.minimal],
                    )


# ---------------------------------------------------------------------------------------------
# Hand-composed families: tagged unions, dialect-specific keywords, our own FeedbackEvent.


def _variant(tag: str, **props: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"type": {"const": tag}, **props},
        "required": ["type", *props],
    }


def _union_edits() -> Iterator[Edit]:
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


def _feedback_edits() -> Iterator[Edit]:
    core = {
        "title": "FeedbackEvent",
        "type": "object",
        "$defs": {"BackpressureLevel": {"type": "string", "enum": ["ok", "soft", "hard"]}},
        "properties": {
            "coordinator_id": {"type": "string"},
            "queue_size": {"type": "integer", "minimum": 0},
            "capacity": {"type": "integer", "exclusiveMinimum": 0},
            "level": {"$ref": "#/$defs/BackpressureLevel"},
            "source": {"type": "string", "default": "store"},
            "ts": {"type": "number"},
        },
        "required": ["coordinator_id", "queue_size", "capacity", "level", "ts"],
    }
    event = {"coordinator_id": "c", "queue_size": 1, "capacity": 2, "level": "ok", "ts": 1.0}
    reason = {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None}
    store = {
        "title": "FeedbackEvent",
        "$defs": {
            "Core": _c({k: v for k, v in core.items() if k != "$defs"}),
            "BackpressureLevel": core["$defs"]["BackpressureLevel"],
        },
        "allOf": [{"$ref": "#/$defs/Core"}],
        "properties": {"reason": reason},
    }
    core_closed = _closed(core)
    yield (
        "store-extends-core-backward",
        store,
        core,
        True,
        "every Store event is a Core event (the allOf keeps all of Core's constraints)",
        NO_WITNESS,
    )
    yield (
        "core-open-to-store",
        core,
        store,
        False,
        "Core is open, so it accepts a reason of any type; the Store types it",
        _with(event, reason=5),
    )
    yield (
        "core-closed-view-to-store",
        core_closed,
        store,
        True,
        "Core models emit no other keys; the Store accepts every such event",
        NO_WITNESS,
    )
    yield (
        "store-reason-narrowed-to-enum",
        store,
        _edit(
            store,
            lambda n: n["properties"].update(
                reason={
                    "anyOf": [{"enum": ["high_watermark", "queue_recovered"]}, {"type": "null"}]
                }
            ),
        ),
        False,
        "the free-text reason becomes an enum",
        _with(event, reason="other"),
    )
    yield (
        "core-level-gains-critical",
        core,
        _edit(core, lambda n: n["$defs"]["BackpressureLevel"]["enum"].append("critical")),
        True,
        "a new backpressure level",
        NO_WITNESS,
    )
    yield (
        "core-capacity-minimum-instead-of-exclusive",
        core,
        _edit(core, lambda n: n["properties"].update(capacity={"type": "integer", "minimum": 1})),
        True,
        "integer > 0 is integer >= 1",
        NO_WITNESS,
    )
    yield (
        "core-ts-integer",
        core,
        _edit(core, lambda n: n["properties"]["ts"].update(type="integer")),
        False,
        "epoch seconds lose their fraction",
        _with(event, ts=1.5),
    )


def _draft07_only() -> Iterator[Edit]:
    obj = {
        "type": "object",
        "properties": {"card": {"type": "string"}, "billing": {"type": "string"}},
    }
    yield (
        "dependencies-added",
        obj,
        {**obj, "dependencies": {"card": ["billing"]}},
        False,
        "a card now requires a billing address",
        {"card": "4242"},
    )
    yield (
        "dependencies-removed",
        {**obj, "dependencies": {"card": ["billing"]}},
        obj,
        True,
        "dropping a dependency only allows more",
        NO_WITNESS,
    )
    yield (
        "dependencies-swapped",
        {**obj, "dependencies": {"card": ["billing"]}},
        {**obj, "dependencies": {"billing": ["card"]}},
        False,
        "billing alone was fine before and now needs a card",
        {"billing": "x"},
    )
    yield (
        "dependencies-schema-form-added",
        obj,
        {**obj, "dependencies": {"card": {"required": ["billing"]}}},
        False,
        "the schema form of dependencies requires billing with a card",
        {"card": "4242"},
    )
    yield (
        "dependencies-array-to-schema-form",
        {**obj, "dependencies": {"card": ["billing"]}},
        {**obj, "dependencies": {"card": {"required": ["billing"]}}},
        True,
        "the same dependency written in the schema form",
        NO_WITNESS,
    )
    pair = {"type": "array", "items": [{"type": "number"}, {"type": "number"}]}
    yield (
        "tuple-closed-with-additional-items",
        pair,
        {**pair, "additionalItems": False},
        False,
        "a tuple without additionalItems accepts extra items",
        [1, 2, 3],
    )
    yield (
        "tuple-opened",
        {**pair, "additionalItems": False},
        pair,
        True,
        "dropping additionalItems: false only allows more",
        NO_WITNESS,
    )
    yield (
        "tuple-item-narrowed",
        pair,
        {"type": "array", "items": [{"type": "integer"}, {"type": "number"}]},
        False,
        "the first tuple member becomes an integer",
        [1.5, 2],
    )
    yield (
        "tuple-to-list",
        {**pair, "additionalItems": False},
        {"type": "array", "items": {"type": "number"}},
        True,
        "a closed pair of numbers is a list of numbers",
        NO_WITNESS,
    )
    yield (
        "list-to-tuple",
        {"type": "array", "items": {"type": "number"}},
        {**pair, "additionalItems": False},
        False,
        "a list may have three numbers",
        [1, 2, 3],
    )
    yield (
        "additional-items-typed",
        {**pair, "additionalItems": {"type": "number"}},
        {**pair, "additionalItems": {"type": "integer"}},
        False,
        "extra items beyond the tuple become integers",
        [1, 2, 3.5],
    )
    yield (
        "additional-items-without-tuple-ignored",
        {"type": "array"},
        {"type": "array", "items": {}, "additionalItems": False},
        True,
        "additionalItems is ignored when items is a single schema",
        NO_WITNESS,
    )
    defs = {"definitions": {"Code": {"type": "string", "maxLength": 8}}}
    yield (
        "ref-sibling-ignored-added",
        {**defs, "$ref": "#/definitions/Code"},
        {**defs, "$ref": "#/definitions/Code", "maxLength": 3},
        True,
        "before 2019-09 a $ref ignores its siblings, so the new maxLength is not applied",
        NO_WITNESS,
    )
    yield (
        "ref-sibling-ignored-removed",
        {**defs, "$ref": "#/definitions/Code", "minLength": 9},
        {**defs, "$ref": "#/definitions/Code"},
        True,
        "the ignored sibling made no difference in old either",
        NO_WITNESS,
    )
    yield (
        "ref-target-narrowed",
        {**defs, "$ref": "#/definitions/Code"},
        {"definitions": {"Code": {"type": "string", "maxLength": 4}}, "$ref": "#/definitions/Code"},
        False,
        "the referenced definition's maxLength drops",
        "abcdefgh",
    )
    yield (
        "definitions-renamed",
        {**defs, "$ref": "#/definitions/Code"},
        {
            "definitions": {"ShortCode": {"type": "string", "maxLength": 8}},
            "$ref": "#/definitions/ShortCode",
        },
        True,
        "renaming a definition changes no instance",
        NO_WITNESS,
    )
    yield (
        "if-then-added",
        obj,
        {**obj, "if": {"required": ["card"]}, "then": {"required": ["billing"]}},
        False,
        "if a card is given then billing is required",
        {"card": "4242"},
    )
    yield (
        "if-then-is-dependencies",
        {**obj, "dependencies": {"card": ["billing"]}},
        {**obj, "if": {"required": ["card"]}, "then": {"required": ["billing"]}},
        True,
        "if/then on required is the same as the dependency",
        NO_WITNESS,
    )
    yield (
        "exclusive-minimum-numeric",
        {"type": "number", "exclusiveMinimum": 0},
        {"type": "number", "minimum": 0},
        True,
        "x > 0 implies x >= 0",
        NO_WITNESS,
    )
    yield (
        "contains-draft07",
        {"type": "array"},
        {"type": "array", "contains": {"const": "admin"}},
        False,
        "an array needs an admin entry now",
        [],
    )


def _draft2020_only() -> Iterator[Edit]:
    obj = {
        "type": "object",
        "properties": {"card": {"type": "string"}, "billing": {"type": "string"}},
    }
    yield (
        "dependent-required-added",
        obj,
        {**obj, "dependentRequired": {"card": ["billing"]}},
        False,
        "a card now requires a billing address",
        {"card": "4242"},
    )
    yield (
        "dependent-required-removed",
        {**obj, "dependentRequired": {"card": ["billing"]}},
        obj,
        True,
        "dropping a dependency only allows more",
        NO_WITNESS,
    )
    yield (
        "dependent-required-widened",
        {**obj, "dependentRequired": {"card": ["billing"]}},
        {**obj, "dependentRequired": {"card": []}},
        True,
        "a card requires nothing more",
        NO_WITNESS,
    )
    yield (
        "dependent-schemas-added",
        obj,
        {**obj, "dependentSchemas": {"card": {"properties": {"billing": {"minLength": 5}}}}},
        False,
        "with a card, billing needs five characters",
        {"card": "1", "billing": "x"},
    )
    yield (
        "dependent-schemas-removed",
        {**obj, "dependentSchemas": {"card": {"required": ["billing"]}}},
        obj,
        True,
        "dropping a dependent schema only allows more",
        NO_WITNESS,
    )
    yield (
        "dependent-schemas-to-required",
        {**obj, "dependentSchemas": {"card": {"required": ["billing"]}}},
        {**obj, "dependentRequired": {"card": ["billing"]}},
        True,
        "the same dependency, written with dependentRequired",
        NO_WITNESS,
    )
    pair = {"type": "array", "prefixItems": [{"type": "number"}, {"type": "number"}]}
    yield (
        "prefix-items-closed",
        pair,
        {**pair, "items": False},
        False,
        "a tuple without items: false accepts extra items",
        [1, 2, 3],
    )
    yield (
        "prefix-items-opened",
        {**pair, "items": False},
        pair,
        True,
        "dropping items: false only allows more",
        NO_WITNESS,
    )
    yield (
        "prefix-items-narrowed",
        pair,
        {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "number"}]},
        False,
        "the first tuple member becomes an integer",
        [1.5, 2],
    )
    yield (
        "prefix-items-member-added",
        {**pair, "items": False},
        {
            "type": "array",
            "prefixItems": [*pair["prefixItems"], {"type": "string"}],
            "items": False,
        },
        True,
        "a closed pair may now have a third string member",
        NO_WITNESS,
    )
    yield (
        "prefix-items-min-items",
        {**pair, "items": False},
        {**pair, "items": False, "minItems": 2},
        False,
        "a shorter tuple was allowed",
        [1],
    )
    yield (
        "tuple-to-list-2020",
        {**pair, "items": False},
        {"type": "array", "items": {"type": "number"}},
        True,
        "a closed pair of numbers is a list of numbers",
        NO_WITNESS,
    )
    yield ("const-changed", {"const": "v1"}, {"const": "v2"}, False, "a different const", "v1")
    yield (
        "const-to-enum",
        {"const": "v1"},
        {"enum": ["v1", "v2"]},
        True,
        "an enum holding the const",
        NO_WITNESS,
    )
    yield (
        "const-integer-vs-float",
        {"const": 1},
        {"const": 1.0},
        True,
        "1 and 1.0 are the same JSON number",
        NO_WITNESS,
    )
    yield (
        "const-true-vs-one",
        {"const": True},
        {"const": 1},
        False,
        "true is not the number 1 in JSON Schema",
        True,
    )
    defs = {"$defs": {"Code": {"type": "string", "maxLength": 8}}}
    yield (
        "ref-sibling-honoured-added",
        {**defs, "$ref": "#/$defs/Code"},
        {**defs, "$ref": "#/$defs/Code", "maxLength": 3},
        False,
        "from 2019-09 on a $ref's siblings apply",
        "abcd",
    )
    yield (
        "ref-sibling-honoured-removed",
        {**defs, "$ref": "#/$defs/Code", "maxLength": 3},
        {**defs, "$ref": "#/$defs/Code"},
        True,
        "dropping a sibling constraint only allows more",
        NO_WITNESS,
    )
    base = {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}
    yield (
        "unevaluated-properties-added",
        {"allOf": [base], "properties": {"note": {"type": "string"}}},
        {
            "allOf": [base],
            "properties": {"note": {"type": "string"}},
            "unevaluatedProperties": False,
        },
        False,
        "names neither the allOf nor properties evaluate are now refused",
        {"id": "a", "extra": 1},
    )
    yield (
        "unevaluated-properties-removed",
        {"allOf": [base], "unevaluatedProperties": False},
        {"allOf": [base]},
        True,
        "dropping unevaluatedProperties: false only allows more",
        NO_WITNESS,
    )
    yield (
        "unevaluated-properties-extension",
        {"allOf": [base], "unevaluatedProperties": False},
        {
            "allOf": [base],
            "properties": {"note": {"type": "string"}},
            "unevaluatedProperties": False,
        },
        True,
        "the closed object now also allows note",
        NO_WITNESS,
    )
    yield (
        "unevaluated-properties-vs-additional",
        {**base, "additionalProperties": False},
        {"allOf": [base], "unevaluatedProperties": False},
        True,
        "both allow exactly the name id",
        NO_WITNESS,
    )
    yield (
        "unevaluated-items-added",
        {"type": "array", "prefixItems": [{"type": "string"}]},
        {"type": "array", "prefixItems": [{"type": "string"}], "unevaluatedItems": False},
        False,
        "items past the prefix are refused now",
        ["a", 1],
    )
    yield (
        "if-then-else-added",
        obj,
        {
            **obj,
            "if": {"required": ["card"]},
            "then": {"required": ["billing"]},
            "else": {"maxProperties": 1},
        },
        False,
        "without a card, at most one property",
        {"billing": "x", "other": 1},
    )
    yield (
        "if-const-then",
        {"type": "object", "properties": {"kind": {"enum": ["a", "b"]}}},
        {
            "type": "object",
            "properties": {"kind": {"enum": ["a", "b"]}},
            "if": {"properties": {"kind": {"const": "a"}}, "required": ["kind"]},
            "then": {"required": ["a_id"]},
        },
        False,
        "kind a now needs a_id",
        {"kind": "a"},
    )
    yield (
        "not-type-null-added",
        {"type": ["string", "null"]},
        {"type": ["string", "null"], "not": {"type": "null"}},
        False,
        "null is excluded",
        None,
    )
    yield (
        "not-enum-narrowed",
        {"type": "string", "not": {"enum": ["a", "b"]}},
        {"type": "string", "not": {"enum": ["a"]}},
        True,
        "fewer excluded values only allows more",
        NO_WITNESS,
    )
    yield (
        "contains-min-contains",
        {"type": "array", "contains": {"type": "integer"}},
        {"type": "array", "contains": {"type": "integer"}, "minContains": 2},
        False,
        "one integer was enough",
        [1],
    )
    yield (
        "property-names-max-length",
        {"type": "object"},
        {"type": "object", "propertyNames": {"maxLength": 3}},
        False,
        "long names are refused",
        {"long_name": 1},
    )


def special_cases() -> Iterator[Case]:
    groups: list[tuple[str, Callable[[], Iterator[Edit]], tuple[str, ...]]] = [
        ("union", _union_edits, tuple(DIALECTS)),
        ("feedback", _feedback_edits, tuple(DIALECTS)),
        ("idiom", _idiom_edits, tuple(DIALECTS)),
        ("dialect", _draft07_only, ("draft-07",)),
        ("dialect", _draft2020_only, ("2020-12",)),
    ]
    for family, editor, dialects in groups:
        for name, old, new, compatible, rationale, witness in editor():
            for dialect in dialects:
                if (
                    dialect == "draft-07"
                    and family != "dialect"
                    and (_needs_siblings(old) or _needs_siblings(new))
                ):
                    continue
                if dialect == "draft-07" and family == "dialect":
                    old_d = {"$schema": DRAFT7, **_c(old)}
                    new_d = {"$schema": DRAFT7, **_c(new)}
                else:
                    old_d, new_d = with_dialect(old, dialect), with_dialect(new, dialect)
                yield Case(
                    family=f"{dialect}/{family}",
                    name=_slug(name),
                    old=old_d,
                    new=new_d,
                    compatible=compatible,
                    rationale=rationale,
                    witness=witness,
                )


def all_cases() -> Iterator[Case]:
    yield from base_cases()
    yield from special_cases()


def _idiom_edits() -> Iterator[Edit]:
    """Idioms that generated and bundled schemas use: Pydantic's wrappers, maps, bundles with
    ``$id``, anchors, recursion, untyped bounds, overlapping unions."""
    level = {"type": "string", "enum": ["ok", "soft", "hard"]}
    wrapped = {
        "$defs": {"Level": level},
        "type": "object",
        "properties": {"level": {"allOf": [{"$ref": "#/$defs/Level"}], "default": "ok"}},
    }
    bare = {
        "$defs": {"Level": level},
        "type": "object",
        "properties": {"level": {"$ref": "#/$defs/Level", "default": "ok"}},
    }
    yield (
        "pydantic-allof-ref-unwrapped",
        wrapped,
        bare,
        True,
        "Pydantic < 2.9 wraps a $ref with siblings in allOf; 2.9 writes the bare $ref",
        NO_WITNESS,
    )
    yield (
        "pydantic-allof-ref-enum-narrowed",
        wrapped,
        _edit(bare, lambda n: n["$defs"]["Level"]["enum"].remove("hard")),
        False,
        "the unwrapped $ref also lost an enum value",
        {"level": "hard"},
    )
    counts = {"type": "object", "additionalProperties": {"type": "integer"}}
    yield (
        "map-values-widened",
        counts,
        {"type": "object", "additionalProperties": {"type": "number"}},
        True,
        "dict[str, int] becomes dict[str, float]",
        NO_WITNESS,
    )
    yield (
        "map-values-narrowed",
        {"type": "object", "additionalProperties": {"type": "number"}},
        counts,
        False,
        "dict[str, float] becomes dict[str, int]",
        {"a": 0.5},
    )
    yield (
        "map-keys-restricted",
        counts,
        {**counts, "propertyNames": {"enum": ["bid", "ask"]}},
        False,
        "a map gets a closed set of keys",
        {"last": 1},
    )
    yield (
        "map-keys-widened",
        {**counts, "propertyNames": {"enum": ["bid", "ask"]}},
        {**counts, "propertyNames": {"enum": ["bid", "ask", "last"]}},
        True,
        "a map's closed set of keys gains one",
        NO_WITNESS,
    )
    customer = {
        "$id": "https://example.com/schemas/customer",
        "type": "object",
        "properties": {"id": {"type": "string"}, "tier": {"enum": ["gold", "silver"]}},
        "required": ["id"],
    }
    bundle = {
        "$id": "https://example.com/schemas/order",
        "type": "object",
        "$defs": {"customer": customer},
        "properties": {"customer": {"$ref": "customer"}},
        "required": ["customer"],
    }
    yield (
        "bundled-id-ref-same",
        bundle,
        _edit(bundle, lambda n: n.update(description="An order.")),
        True,
        "a bundle whose resource is referenced by its relative $id; only a description changes",
        NO_WITNESS,
    )
    yield (
        "bundled-id-ref-narrowed",
        bundle,
        _edit(bundle, lambda n: n["$defs"]["customer"]["properties"]["tier"]["enum"].pop()),
        False,
        "the bundled resource's enum loses a value",
        {"customer": {"id": "c", "tier": "silver"}},
    )
    yield (
        "bundled-id-ref-to-pointer",
        bundle,
        _edit(
            bundle,
            lambda n: (
                n["$defs"]["customer"].pop("$id"),
                n["properties"]["customer"].update({"$ref": "#/$defs/customer"}),
            ),
        ),
        True,
        "the same resource referenced by a JSON pointer instead of its $id",
        NO_WITNESS,
    )
    tree = {
        "type": "object",
        "properties": {
            "value": {"type": "integer"},
            "children": {"type": "array", "items": {"$ref": "#"}},
        },
        "required": ["value"],
    }
    yield (
        "recursive-leaf-widened",
        tree,
        _edit(tree, lambda n: n["properties"]["value"].update(type="number")),
        True,
        "every node of a recursive tree may now hold a number",
        NO_WITNESS,
    )
    yield (
        "recursive-leaf-narrowed",
        tree,
        _edit(tree, lambda n: n["properties"]["value"].update(minimum=0)),
        False,
        "a negative value deep in the tree is refused",
        {"value": 1, "children": [{"value": -1}]},
    )
    yield (
        "recursive-via-defs",
        tree,
        {
            "$defs": {
                "Node": _c(tree)
                | {
                    "properties": {
                        "value": {"type": "integer"},
                        "children": {"type": "array", "items": {"$ref": "#/$defs/Node"}},
                    }
                }
            },
            "$ref": "#/$defs/Node",
        },
        True,
        "the same tree written through $defs",
        NO_WITNESS,
    )
    yield (
        "untyped-bound-gets-type",
        {"minimum": 0},
        {"type": "number", "minimum": 0},
        False,
        "a bound alone constrains only numbers; old accepts any string",
        "text",
    )
    yield (
        "typed-bound-loses-type",
        {"type": "number", "minimum": 0},
        {"minimum": 0},
        True,
        "dropping the type only allows more",
        NO_WITNESS,
    )
    yield (
        "oneof-integer-number-overlap",
        {"oneOf": [{"type": "integer"}, {"type": "number"}]},
        {"type": "number"},
        True,
        "an integer matches both branches, so old accepts only non-integers",
        NO_WITNESS,
    )
    yield (
        "number-to-overlapping-oneof",
        {"type": "number"},
        {"oneOf": [{"type": "integer"}, {"type": "number"}]},
        False,
        "an integer matches both branches of new's oneOf",
        1,
    )
    yield (
        "integer-as-multiple-of-one",
        {"type": "integer"},
        {"type": "number", "multipleOf": 1},
        True,
        "integers are exactly the numbers that are multiples of 1",
        NO_WITNESS,
    )
    yield (
        "unique-items-one-and-one-point-zero",
        {"type": "array", "items": {"type": "number"}},
        {"type": "array", "items": {"type": "number"}, "uniqueItems": True},
        False,
        "1 and 1.0 are equal JSON numbers, so [1, 1.0] has duplicates",
        [1, 1.0],
    )
    yield (
        "required-without-property-on-closed",
        {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": False},
        {
            "type": "object",
            "properties": {"a": {"type": "string"}},
            "additionalProperties": False,
            "required": ["b"],
        },
        False,
        "new requires a name its closed object forbids: it accepts no object",
        {},
    )
    yield (
        "old-unsatisfiable",
        {"type": "object", "properties": {"a": False}, "required": ["a"]},
        {"type": "string"},
        True,
        "old requires a property whose schema is false: it accepts nothing",
        NO_WITNESS,
    )
    yield (
        "empty-schema-to-true",
        {},
        {"description": "anything"},
        True,
        "both accept everything",
        NO_WITNESS,
    )
    yield (
        "anything-to-object",
        {},
        {"type": "object"},
        False,
        "old accepts every JSON value",
        "text",
    )
    yield (
        "enum-with-null-no-type",
        {"enum": ["a", "b", None]},
        {"type": ["string", "null"], "enum": ["a", "b", None]},
        True,
        "the added type list admits every enum value",
        NO_WITNESS,
    )
    yield (
        "enum-drops-null",
        {"enum": ["a", "b", None]},
        {"type": "string", "enum": ["a", "b", None]},
        False,
        "the type drops null from the enum",
        None,
    )
    yield (
        "dependent-required-already-required",
        {"type": "object", "required": ["b"]},
        {"type": "object", "required": ["b"], "dependentRequired": {"a": ["b"]}},
        True,
        "b is always present, so a dependency on it adds nothing",
        NO_WITNESS,
    )
    yield (
        "if-then-removed",
        {"type": "object", "if": {"required": ["a"]}, "then": {"required": ["b"]}},
        {"type": "object"},
        True,
        "dropping a condition only allows more",
        NO_WITNESS,
    )
    yield (
        "not-required-removed",
        {"type": "object", "not": {"required": ["legacy"]}},
        {"type": "object"},
        True,
        "dropping a not only allows more",
        NO_WITNESS,
    )
    x_names = {
        "type": "object",
        "patternProperties": {"^x-": {"type": "string"}},
        "additionalProperties": False,
    }
    yield (
        "pattern-properties-regex-rewritten",
        x_names,
        _edit(x_names, lambda n: n.update(patternProperties={"^x-.*": {"type": "string"}})),
        True,
        "^x- and ^x-.* match the same names",
        NO_WITNESS,
    )
    yield (
        "pattern-properties-regex-anchored-at-end",
        x_names,
        _edit(x_names, lambda n: n.update(patternProperties={"^x-.*$": {"type": "string"}})),
        False,
        "'.' matches no line break, so ^x-.*$ misses a name with one inside",
        {"x-a\nb": "s"},
    )
    yield (
        "max-properties-raised",
        {"type": "object", "maxProperties": 3},
        {"type": "object", "maxProperties": 5},
        True,
        "a higher maxProperties only allows more",
        NO_WITNESS,
    )
    yield (
        "integer-exclusive-maximum-as-maximum",
        {"type": "integer", "exclusiveMaximum": 10},
        {"type": "integer", "maximum": 9},
        True,
        "for integers, < 10 and <= 9 are the same set",
        NO_WITNESS,
    )
    yield (
        "array-of-arrays-inner-narrowed",
        {"type": "array", "items": {"type": "array", "items": {"type": "number"}}},
        {"type": "array", "items": {"type": "array", "items": {"type": "integer"}}},
        False,
        "an inner array's members become integers",
        [[1], [0.5]],
    )
    yield (
        "anyof-string-formats-to-string",
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "format": "date-time"},
            ]
        },
        {"type": "string"},
        True,
        "a union of two string formats is within string",
        NO_WITNESS,
    )
    yield (
        "contains-widened",
        {"type": "array", "contains": {"const": "admin"}},
        {"type": "array", "contains": {"enum": ["admin", "owner"]}},
        True,
        "an array with an admin also has an admin-or-owner",
        NO_WITNESS,
    )
    yield (
        "discriminator-in-anyof-nested",
        {
            "type": "object",
            "properties": {
                "payload": {
                    "anyOf": [
                        {
                            "type": "object",
                            "properties": {"kind": {"const": "a"}},
                            "required": ["kind"],
                        },
                        {
                            "type": "object",
                            "properties": {"kind": {"const": "b"}},
                            "required": ["kind"],
                        },
                    ]
                }
            },
        },
        {
            "type": "object",
            "properties": {
                "payload": {
                    "anyOf": [
                        {
                            "type": "object",
                            "properties": {"kind": {"const": "a"}},
                            "required": ["kind"],
                        },
                    ]
                }
            },
        },
        False,
        "a nested union loses its b variant",
        {"payload": {"kind": "b"}},
    )
