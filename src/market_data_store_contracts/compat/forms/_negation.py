"""The complement of a simple schema, written without ``not`` where the normal form can read it.

The normal form (``_shape``) reads no ``not`` on the side that must be contained, so
``{"not": S}`` reads there as ``true``: sound, but blind to the instances ``S`` rejects. For the
tests an ``if`` is mostly made of (``type``, ``required``, ``properties``, bounds and counts),
:func:`complement` gives alternatives whose union holds every instance ``S`` rejects, by De
Morgan's law: ``S`` is the conjunction of its keywords, so an instance it rejects fails one of
them. Beside the ``not`` itself (``{"not": S, "anyOf": alternatives}``), they give the negation
a shape and change no instance set.
"""

from __future__ import annotations

from typing import Any

_TYPES = ("null", "boolean", "integer", "number", "string", "array", "object")

#: keywords that assert nothing
_ANNOTATIONS = frozenset(
    {"title", "description", "$comment", "default", "examples", "deprecated", "readOnly"}
    | {"writeOnly"}
)


#: bound -> the kind it constrains, the bound that holds the instances it rejects, and the
#: shift from one to the other (0: the same number, the other way round and exclusive)
_BOUNDS: dict[str, tuple[str, str, int]] = {
    "minimum": ("number", "exclusiveMaximum", 0),
    "exclusiveMinimum": ("number", "maximum", 0),
    "maximum": ("number", "exclusiveMinimum", 0),
    "exclusiveMaximum": ("number", "minimum", 0),
    "minLength": ("string", "maxLength", -1),
    "maxLength": ("string", "minLength", 1),
    "minItems": ("array", "maxItems", -1),
    "maxItems": ("array", "minItems", 1),
    "minProperties": ("object", "maxProperties", -1),
    "maxProperties": ("object", "minProperties", 1),
}

#: keywords :func:`complement` reads
_READ = frozenset({"type", "required", "properties", *_BOUNDS})


def negated(schema: Any) -> Any:
    """``{"not": schema}``, with the alternatives of :func:`complement` where it has them."""
    alternatives = complement(schema)
    if alternatives is None:
        return {"not": schema}
    return {"not": schema, "anyOf": alternatives}


def complement(schema: Any) -> list[Any] | None:
    """Schemas whose union holds every instance ``schema`` rejects; ``None`` when there are no
    such schemas short of ``true`` (a keyword outside ``type``, ``required``, ``properties``,
    the numeric bounds, the counts and annotations)."""
    if schema is True or schema == {}:
        return [False]
    if not isinstance(schema, dict) or schema.keys() - _ANNOTATIONS - _READ:
        return None
    alternatives: list[Any] = []
    for keyword, (kind, opposite, shift) in _BOUNDS.items():
        if keyword in schema:
            limit = schema[keyword]
            if shift == 0:
                alternatives.append({"type": kind, opposite: limit})
            elif limit + shift >= 0:  # ``minLength: 0`` and its kin reject nothing
                alternatives.append({"type": kind, opposite: limit + shift})
    if "type" in schema:
        declared = schema["type"]
        named = {declared} if isinstance(declared, str) else set(declared)
        if "number" in named:
            named.add("integer")  # every integer is a number
        # ``number`` stays among the others beside a lone ``integer``: numbers with a fraction
        others = [kind for kind in _TYPES if kind not in named]
        if others:
            alternatives.append({"type": others})
    for name in dict.fromkeys(schema.get("required", ())):
        alternatives.append({"type": "object", "properties": {name: False}})
    for name, inner in schema.get("properties", {}).items():
        alternatives.append(
            {"type": "object", "required": [name], "properties": {name: negated(inner)}}
        )
    return alternatives or [False]
