"""What every family of the corpus shares: the dialects, :class:`Case`, :class:`Base`, the
helpers that edit a schema or an instance, and the rewriting of a 2020-12 schema for draft-07.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
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


#: an edit of a schema: (name, old, new, compatible, rationale, witness)
Edit = tuple[str, Any, Any, bool, str, Any]


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
