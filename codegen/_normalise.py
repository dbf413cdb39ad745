"""One written form for each meaning: what Core's schemas look like before they are snapshotted.

Pydantic's ``model_json_schema()`` writes the same schema in different forms across its
versions. Everything written from it (the snapshot, the published bundle and both of its hashes)
must be a function of the meaning only, or a consumer pinning ``sha256_semantic`` would see a
change that never happened. Each rewrite below maps one such form to the one Pydantic's latest
versions write, and is an equivalence in JSON Schema 2020-12 (same valid instances, same
annotations), found by comparing what the supported Pydantic versions write for Core's models.

Rewrites are plain functions of one schema node, registered in :data:`REWRITES` with the form
they remove; :func:`normal_form` applies them to every subschema (never to instance data such as
``default``, ``enum`` or ``const``).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from market_data_store_contracts._documents.keywords import children, refs

__all__ = ["REWRITES", "Rewrite", "normal_form"]


@dataclass(frozen=True)
class Rewrite:
    """One form of writing a schema, and the function that rewrites a node out of it."""

    name: str
    purpose: str
    apply: Callable[[dict[str, Any]], None]


def _unwrap_single_ref_allof(node: dict[str, Any]) -> None:
    """``{"allOf": [{"$ref": R}], ...}`` -> ``{"$ref": R, ...}``.

    Pydantic < 2.9 wraps a ``$ref`` that has sibling keywords (a ``default``, a
    ``description``) in a one-entry ``allOf``, because draft 7 ignored a ``$ref``'s siblings;
    2.9 and later write the bare ``$ref``, as 2020-12 allows. Both apply the referenced schema
    to the instance in place, so they accept the same instances and collect the same
    annotations (``unevaluated*`` sees both)."""
    entries = node.get("allOf")
    if (
        "$ref" not in node
        and isinstance(entries, list)
        and len(entries) == 1
        and isinstance(entries[0], dict)
        and set(entries[0]) == {"$ref"}
        and isinstance(entries[0]["$ref"], str)
    ):
        del node["allOf"]
        node["$ref"] = entries[0]["$ref"]


REWRITES: tuple[Rewrite, ...] = (
    Rewrite(
        "REF_WRAPPED_IN_ALLOF",
        "Writes a $ref that has sibling keywords bare instead of in a one-entry allOf "
        "(Pydantic < 2.9).",
        _unwrap_single_ref_allof,
    ),
)


def _pointed_into(document: dict[str, Any], keyword: str) -> bool:
    """Whether a local ``$ref`` points inside some ``keyword`` (rewriting would move its target)."""
    return any(ref.startswith("#") and f"/{keyword}/" in f"{ref}/" for _, ref, _ in refs(document))


def normal_form(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``schema`` with every registered rewrite applied to every subschema: the one
    form of its meaning that this package writes, whichever supported Pydantic produced it.
    Idempotent; ``schema`` itself is left unchanged."""
    document = copy.deepcopy(schema)
    if _pointed_into(document, "allOf"):
        return document  # no Pydantic writes such a pointer; keep the document as it is
    stack: list[Any] = [document]
    while stack:
        node = stack.pop()
        if not isinstance(node, dict):
            continue
        for rewrite in REWRITES:
            rewrite.apply(node)
        stack.extend(child for _, child in children(node))
    return document
