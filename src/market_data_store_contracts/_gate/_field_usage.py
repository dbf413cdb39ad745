"""Which fields of a contract each consumer reads or requires, and which none reads.

A reader *reads* a field when its schema declares it under ``properties`` and *requires* it
when it lists it under ``required``, at the top of the schema, through a local ``$ref`` and
the members of an ``allOf`` (what every branch applies); ``anyOf``/``oneOf`` members count as
read, not required. A writer field no declared consumer reads is information: a candidate
to deprecate, not a finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .._documents.keywords import resolve_pointer

__all__ = ["Usage", "field_usage", "reader_fields"]


@dataclass(frozen=True)
class Usage:
    """The fields of one contract's writer, by consumer."""

    contract: str
    #: field -> consumers that read it, and those that require it (sorted names)
    read_by: dict[str, tuple[str, ...]]
    required_by: dict[str, tuple[str, ...]]

    @property
    def unread(self) -> tuple[str, ...]:
        return tuple(name for name, readers in self.read_by.items() if not readers)

    def to_dict(self) -> dict[str, Any]:
        return {
            "fields": {
                name: {"read_by": list(readers), "required_by": list(self.required_by[name])}
                for name, readers in self.read_by.items()
            },
            "unread": list(self.unread),
        }


def reader_fields(document: Any) -> tuple[frozenset[str], frozenset[str]]:
    """The top-level fields a reader's schema reads, and those it requires."""
    read: set[str] = set()
    required: set[str] = set()
    seen: set[int] = set()

    def visit(node: Any, must: bool) -> None:
        if not isinstance(node, dict) or id(node) in seen:
            return
        seen.add(id(node))
        properties = node.get("properties")
        if isinstance(properties, dict):
            read.update(properties)
        if must and isinstance(node.get("required"), list):
            required.update(name for name in node["required"] if isinstance(name, str))
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#"):
            try:
                visit(resolve_pointer(document, ref), must)
            except LookupError:  # a dangling $ref: the checker refuses the reader
                return
        for keyword, applies in (("allOf", must), ("anyOf", False), ("oneOf", False)):
            members = node.get(keyword)
            for member in members if isinstance(members, list) else []:
                visit(member, applies)

    visit(document, True)
    return frozenset(read), frozenset(required)


def field_usage(
    contract: str, writer: Mapping[str, Any], readers: Iterable[tuple[str, Any]]
) -> Usage:
    """The usage of the top-level fields of ``writer`` by ``readers`` (name, schema)."""
    fields = sorted(writer.get("properties", {}))
    read_by: dict[str, list[str]] = {name: [] for name in fields}
    required_by: dict[str, list[str]] = {name: [] for name in fields}
    for consumer, document in sorted(readers, key=lambda pair: pair[0]):
        read, required = reader_fields(document)
        for name in fields:
            if name in read or name in required:
                read_by[name].append(consumer)
            if name in required:
                required_by[name].append(consumer)
    return Usage(
        contract,
        {name: tuple(names) for name, names in read_by.items()},
        {name: tuple(names) for name, names in required_by.items()},
    )
