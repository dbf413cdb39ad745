"""One small function per keyword whose meaning depends on the dialect, named after the keyword and
the dialects it serves (as jsonschema's ``_legacy_keywords`` names ``items_draft3_draft4``), and
registered per dialect in :data:`STEPS`.

Each step is handed the translator, the schema object being read (:class:`At`) and the 2020-12
object written so far; it returns that object, changed where its keyword asks for it (or what
replaces it: draft-04's ``{"not": {}}`` is ``false``). Steps run in the order registered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag

from ..._documents.pointers import pointer_join

if TYPE_CHECKING:
    from ._translator import Translator

#: Where the translation keeps a schema-form ``dependencies`` entry that says only
#: ``required`` (read as ``dependentRequired``), for ``$ref``s into it.
REQUIRED_DEPENDENCIES = "x-dependencies-read-as-required"

#: The ``$dynamicAnchor`` a 2019-09 ``$recursiveAnchor: true`` becomes.
RECURSIVE_ANCHOR = "recursiveAnchor"

NULLABLE_WITHOUT_TYPE = (
    "'nullable: true' without 'type' has no effect in OpenAPI 3.0.3, so null is not allowed "
    "here (some tools allow it)"
)
NULLABLE_BESIDE_REF = (
    "'nullable: true' beside a $ref is ignored in OpenAPI 3.0, so null is not allowed here "
    "(some tools allow it)"
)


@dataclass(frozen=True)
class At:
    """One schema object being read: its keywords (without the siblings a legacy ``$ref``
    ignores), its dialect, its pointer in the translation (``here``) and in the original
    (``there``), and whether it holds the ignored siblings of a ``$ref``."""

    schema: dict[str, Any]
    dialect: str
    here: str
    there: str
    holder: bool


Step = Callable[["Translator", At, dict[str, Any]], Any]


def _child(
    translator: Translator, at: At, value: Any, here: tuple[Any, ...], there: tuple[Any, ...]
) -> Any:
    return translator.node(
        value, at.dialect, pointer_join(at.here, *here), pointer_join(at.there, *there), False
    )


def items_one_schema(translator: Translator, at: At, out: dict[str, Any]) -> Any:
    """``items`` as one subschema (2020-12, OpenAPI 3.0, and the object form of older drafts)."""
    if "items" in at.schema:
        out["items"] = _child(translator, at, at.schema["items"], ("items",), ("items",))
    return out


def items_draft4_to_2019_09(translator: Translator, at: At, out: dict[str, Any]) -> Any:
    """An array-form ``items`` (with ``additionalItems``) becomes ``prefixItems`` (with
    ``items``)."""
    items = at.schema.get("items")
    if not isinstance(items, list):
        return items_one_schema(translator, at, out)
    translator.origins[pointer_join(at.here, "prefixItems")] = pointer_join(at.there, "items")
    out["prefixItems"] = [
        _child(translator, at, item, ("prefixItems", index), ("items", index))
        for index, item in enumerate(items)
    ]
    if "additionalItems" in at.schema:
        out["items"] = _child(
            translator, at, at.schema["additionalItems"], ("items",), ("additionalItems",)
        )
    return out


def _only_required(dependency: Any) -> bool:
    """Whether a schema-form dependency says only ``required`` (then it is read as the
    ``dependentRequired`` it equals)."""
    return (
        isinstance(dependency, dict)
        and dependency.keys() == {"required"}
        and isinstance(dependency["required"], list)
        and all(isinstance(name, str) for name in dependency["required"])
    )


def dependencies_draft4_to_draft7(translator: Translator, at: At, out: dict[str, Any]) -> Any:
    """``dependencies`` becomes ``dependentRequired`` (array form, and a schema form that says
    only ``required``) and ``dependentSchemas`` (other schema forms)."""
    value = at.schema.get("dependencies")
    if not isinstance(value, dict):
        return out
    origins = translator.origins
    required: dict[str, Any] = {}
    schemas: dict[str, Any] = {}
    kept: dict[str, Any] = {}
    for name, dependency in value.items():
        there = ("dependencies", name)
        if isinstance(dependency, list):
            origins[pointer_join(at.here, "dependentRequired", name)] = pointer_join(
                at.there, *there
            )
            required[name] = list(dependency)
        elif _only_required(dependency):
            # the same constraint as dependentRequired, which the checker decides; the
            # schema is kept where no validator looks, for a $ref into it
            required[name] = list(dependency["required"])
            kept[name] = _child(translator, at, dependency, (REQUIRED_DEPENDENCIES, name), there)
        else:
            schemas[name] = _child(translator, at, dependency, ("dependentSchemas", name), there)
    if kept:
        out[REQUIRED_DEPENDENCIES] = kept
    if required:
        origins[pointer_join(at.here, "dependentRequired")] = pointer_join(at.there, "dependencies")
        out["dependentRequired"] = required
    if schemas:
        origins[pointer_join(at.here, "dependentSchemas")] = pointer_join(at.there, "dependencies")
        out["dependentSchemas"] = schemas
    return out


def anchors_before_2019_09(translator: Translator, at: At, out: dict[str, Any]) -> Any:
    """``$anchor``, ``$dynamicAnchor`` and ``$recursiveAnchor`` mean nothing before 2019-09:
    never an anchor."""
    for keyword in ("$dynamicAnchor", "$recursiveAnchor", "$anchor"):
        out.pop(keyword, None)
    return out


def _split_id(
    translator: Translator, ident: str, at: At, keyword: str, out: dict[str, Any]
) -> None:
    """An ``id``/``$id`` with a fragment becomes ``$id`` (its base) and ``$anchor``."""
    out.pop("$id", None)
    base, fragment = urldefrag(ident)
    if base:
        out["$id"] = base
        translator.origins[pointer_join(at.here, "$id")] = pointer_join(at.there, keyword)
    if fragment:
        out["$anchor"] = fragment
        translator.origins[pointer_join(at.here, "$anchor")] = pointer_join(at.there, keyword)


def id_draft4(translator: Translator, at: At, out: dict[str, Any]) -> Any:
    """Draft-04's identifier is ``id`` (``$id`` is none)."""
    out.pop("$id", None)
    ident = at.schema.get("id")
    out.pop("id", None)
    if isinstance(ident, str):
        _split_id(translator, ident, at, "id", out)
    return out


def id_draft6_draft7(translator: Translator, at: At, out: dict[str, Any]) -> Any:
    """A ``$id`` with a fragment names an anchor in draft-06 and draft-07."""
    if isinstance(at.schema.get("$id"), str):
        _split_id(translator, at.schema["$id"], at, "$id", out)
    return out


def id_openapi_3_0(translator: Translator, at: At, out: dict[str, Any]) -> Any:
    """A Schema Object has no identifier."""
    out.pop("$id", None)
    return out


def recursive_ref_2019_09(translator: Translator, at: At, out: dict[str, Any]) -> Any:
    """``$recursiveRef``/``$recursiveAnchor`` become ``$dynamicRef``/``$dynamicAnchor``, or a
    plain ``$ref`` where the recursion always lands on the root."""
    if at.schema.get("$recursiveAnchor") is True:
        out["$dynamicAnchor"] = RECURSIVE_ANCHOR
    out.pop("$recursiveAnchor", None)
    if "$recursiveRef" in at.schema:
        # without $recursiveAnchor in its resource, $recursiveRef is a plain $ref
        out.pop("$recursiveRef", None)
        # the outermost resource with $recursiveAnchor: true in the dynamic scope is
        # the root, where validation starts in the entry document
        dynamic = translator.recursive and not (translator.entry and not translator.scoped)
        target = "$dynamicRef" if dynamic else "$ref"
        out[target] = f"#{RECURSIVE_ANCHOR}" if dynamic else "#"
        translator.origins[pointer_join(at.here, target)] = pointer_join(at.there, "$recursiveRef")
    return out


def exclusive_bounds_draft4_openapi_3_0(translator: Translator, at: At, out: dict[str, Any]) -> Any:
    """A boolean ``exclusiveMinimum``/``exclusiveMaximum`` becomes a numeric bound."""
    for exclusive, inclusive in (
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ):
        flag = out.get(exclusive)
        if not isinstance(flag, bool):
            continue
        del out[exclusive]
        if flag and inclusive in out:
            out[exclusive] = out.pop(inclusive)
    return out


def false_draft4(translator: Translator, at: At, out: dict[str, Any]) -> Any:
    """Draft-04 has no boolean schemas; ``{"not": {}}`` is how it writes ``false``."""
    return False if out == {"not": {}} else out


def nullable_openapi_3_0(translator: Translator, at: At, out: dict[str, Any]) -> Any:
    """``nullable: true`` adds ``"null"`` to ``type`` (OpenAPI 3.0.3: only where ``type`` is
    given; elsewhere it is noted as having no effect)."""
    if at.schema.get("nullable") is True and isinstance(out.get("type"), str):
        out["type"] = [out["type"], "null"]
    elif at.schema.get("nullable") is True and not at.holder:
        translator.notes.append((pointer_join(at.there, "nullable"), NULLABLE_WITHOUT_TYPE))
    out.pop("nullable", None)
    return out


_DRAFT6_DRAFT7 = (
    items_draft4_to_2019_09,
    dependencies_draft4_to_draft7,
    anchors_before_2019_09,
    id_draft6_draft7,
)

#: dialect -> the steps that read its dialect-dependent keywords, in order
STEPS: dict[str, tuple[Step, ...]] = {
    "draft-04": (
        items_draft4_to_2019_09,
        dependencies_draft4_to_draft7,
        anchors_before_2019_09,
        id_draft4,
        exclusive_bounds_draft4_openapi_3_0,
        false_draft4,
    ),
    "draft-06": _DRAFT6_DRAFT7,
    "draft-07": _DRAFT6_DRAFT7,
    "2019-09": (items_draft4_to_2019_09, recursive_ref_2019_09),
    "2020-12": (items_one_schema,),
    "openapi-3.0": (
        items_one_schema,
        anchors_before_2019_09,
        id_openapi_3_0,
        exclusive_bounds_draft4_openapi_3_0,
        nullable_openapi_3_0,
    ),
}
