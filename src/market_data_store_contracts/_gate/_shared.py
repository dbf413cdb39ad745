"""What more than one stage uses: what counts as an annotation, and comparing by meaning."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .._documents.keywords import DOC_KEYWORDS, strip_keywords
from .._documents.pointers import pointer_token

#: Hints to the code generator (where a generated class lives and what it extends).
GENERATOR_HINTS = frozenset({"customBasePath", "customTypePath"})
#: Keywords that never change which instances a schema accepts.
ANNOTATIONS = DOC_KEYWORDS | {"default"} | GENERATOR_HINTS
#: Keywords naming a document rather than constraining it.
IDENTITY = frozenset({"$schema", "$id"})
#: Where a Core snapshot records its origin (class, version, model settings).
ORIGIN = "x-market-data-core"


def strip_annotations(schema: Any) -> Any:
    """``schema`` without annotations, identity keywords and ``x-`` keywords, removed only
    where a keyword can stand: what decides validity, for comparison."""
    return strip_keywords(schema, ANNOTATIONS | IDENTITY, extensions=True)


def registry(documents: Mapping[str, Mapping[str, Any]]) -> Any:
    """A ``referencing`` registry holding ``documents`` by their ``$id``."""
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    return Registry().with_resources(
        (doc["$id"], DRAFT202012.create_resource(dict(doc))) for doc in documents.values()
    )


def meaning(old: Mapping[str, Any], new: Mapping[str, Any], names: tuple[str, str]) -> str:
    """The checker's verdict on the two schemas both ways: ``"compatible"`` (the same
    instances, proven), ``"incompatible"`` (a witness tells them apart) or ``"undecided"``."""
    from ..compat import check

    return check(dict(old), dict(new), mode="full", old_name=names[0], new_name=names[1]).verdict


def compact(value: Any) -> str:
    """``value`` as one line of JSON with sorted keys."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def describe(subschema: Any) -> str:
    """A subschema as one line of JSON, without its annotations."""
    return compact(strip_annotations(subschema))


def verified_witness(writer: Any, reader: Any, pointer: str, witness: Any) -> Any:
    """The checker's ``witness`` for a break between a ``writer`` and a ``reader`` schema at
    ``pointer`` (into the writer), checked again with ``jsonschema``: the writer's schema must
    accept it and the reader's reject it, else ``None``. When the break is at a top-level
    property with ``examples`` in the writer, an example that still breaks is preferred: a
    value a real event carries reads better than ``""``."""
    parts = pointer.split("/")
    if isinstance(witness, dict) and len(parts) >= 3 and parts[1] == "properties":
        prop = pointer_token(parts[2])
        examples = writer.get("properties", {}).get(prop, {}).get("examples", [])
        for example in examples if isinstance(examples, list) else []:
            candidate = {**witness, prop: example}
            if _accepts(writer, candidate) and not _accepts(reader, candidate):
                return candidate
    if witness is not None and _accepts(writer, witness) and not _accepts(reader, witness):
        return witness
    return None


def _accepts(schema: Any, instance: Any) -> bool:
    from jsonschema import Draft202012Validator

    return bool(Draft202012Validator(schema).is_valid(instance))
