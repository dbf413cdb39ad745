"""``unevaluatedProperties``/``unevaluatedItems`` where what they leave is known statically.

In 2019-09 and 2020-12, ``unevaluatedProperties: S`` applies ``S`` to every property of the
instance that no keyword of the schema itself, nor of any subschema applied in place to the same
instance *and successful*, has evaluated: the names of ``properties``, the names matching
``patternProperties``, and every name where ``additionalProperties`` or ``unevaluatedProperties``
stands. ``unevaluatedItems`` does the same for items: ``prefixItems`` evaluates a prefix,
``items`` and ``unevaluatedItems`` every item, ``contains`` the items it matches. ``not``
contributes nothing, nor does a boolean schema.

Where every subschema applied in place is reached through ``allOf`` and ``$ref`` only, each of
them succeeds whenever the schema does, so the evaluated names (items) are the same for every
valid instance. Then ``unevaluatedProperties: S`` accepts exactly what one more ``allOf``
member ``{"properties": {n: true, ...}, "patternProperties": {p: true, ...},
"additionalProperties": S}`` accepts (``unevaluatedItems: S``: ``{"prefixItems": [true] * n,
"items": S}``), and :func:`rewrite_unevaluated` writes that member. The keyword itself stays,
as ``true``: it then changes nothing, and a closed view still reads the object as one that says
what other names may be. Where everything is evaluated anyway, only that ``true`` is written.

``anyOf``, ``oneOf``, ``if``/``then``/``else`` and ``dependentSchemas`` (and ``contains``) add
what they evaluate only where they hold. When all they could add is evaluated statically
anyway, the result is the same; otherwise the keyword stays as written (the checker reports it
undecided) and :func:`rewrite_unevaluated` says why, naming the keyword that made it so. So does
a ``$dynamicRef`` (its target depends on the dynamic scope), a ``$ref`` into a document of a
dialect without these keywords, and a ``$ref`` that points into an ``unevaluated*`` keyword.

The rewrite works on the 2020-12 translations, before the side's registry is built, and keeps
the pointer map: the added member (and anything moved into it) points at the ``unevaluated*``
keyword in the file as written. Witnesses are still verified on the documents as written.
"""

from __future__ import annotations

from typing import Any

from .._documents.keywords import walk
from .._documents.pointers import pointer_join
from ._evaluated import ITEMS, PROPERTIES, Evaluated, Part, Place, Reader
from .dialects import Translation


def _part_text(part: Part, noun: str) -> str:
    kind, value = part
    if kind == "name":
        return f"the name {value!r}"
    if kind == "pattern":
        return f"the names matching {value!r}"
    if kind == "prefix":
        return f"the first {value} items"
    if kind == "contains":
        return "the items it matches"
    return f"every {noun[:-1]}"


def _reason(evaluated: Evaluated, keyword: str) -> str | None:
    """Why ``keyword`` is not decided (``None``: it is)."""
    if evaluated.blocked is not None:
        return evaluated.blocked
    noun = "names" if keyword == PROPERTIES else "items"
    for part, where, holds in evaluated.possible:
        if not evaluated.covers(part):
            return (
                f"the subschema at {where} evaluates {_part_text(part, noun)} only {holds}, so "
                f"the {noun} {keyword} applies to are not known statically"
            )
    return None


def rewrite_unevaluated(
    translations: dict[str, Translation], root_uri: str
) -> dict[tuple[int, str], str]:
    """Rewrite, in place, each ``unevaluated*`` keyword of ``translations`` whose evaluated
    names (items) are known statically (see the module's documentation); return why each other
    one was not, by (``id`` of its schema object, keyword)."""
    if not any(
        isinstance(node, dict) and (PROPERTIES in node or ITEMS in node)
        for translation in translations.values()
        for _, node in walk(translation.translated)
    ):
        return {}
    reader = Reader(translations, root_uri)
    decided: list[tuple[Place, str, Evaluated]] = []
    reasons: dict[tuple[int, str], str] = {}
    for place in reader.places():
        contents = place.contents
        if not isinstance(contents, dict) or place.uri is None or place.pointer is None:
            continue
        for keyword in (PROPERTIES, ITEMS):
            if keyword not in contents or contents[keyword] in (True, {}):
                continue
            evaluated = reader.evaluated(place, keyword)
            reason = _reason(evaluated, keyword)
            if reason is None:
                decided.append((place, keyword, evaluated))
            else:
                reasons[(id(contents), keyword)] = reason
    # every keyword is read before any is rewritten (a rewrite changes what no other reads:
    # the added member evaluates everything, as the keyword it stands for did); inner ones
    # first, so that the pointers of each are still those of its place when it is rewritten
    for place, keyword, evaluated in reversed(decided):
        assert place.uri is not None
        assert place.pointer is not None
        _rewrite(translations[place.uri], place.contents, place.pointer, keyword, evaluated)
    return reasons


def _rewrite(
    translation: Translation,
    contents: dict[str, Any],
    pointer: str,
    keyword: str,
    evaluated: Evaluated,
) -> None:
    subschema = contents[keyword]
    contents[keyword] = True
    if evaluated.everything:
        return
    written = translation.original_pointer(pointer_join(pointer, keyword))
    member, moved_to = _member(keyword, evaluated, subschema)
    if not isinstance(contents.get("allOf"), list):
        contents["allOf"] = []
        translation.origins[pointer_join(pointer, "allOf")] = written
    here = pointer_join(pointer, "allOf", len(contents["allOf"]))
    contents["allOf"].append(member)
    origins = translation.origins
    origins[here] = written
    for name, value in member.items():
        if name == moved_to:
            continue
        origins[pointer_join(here, name)] = written
        for token in value if isinstance(value, dict) else range(len(value)):
            origins[pointer_join(here, name, token)] = written
    old_prefix, new_prefix = pointer_join(pointer, keyword), pointer_join(here, moved_to)
    if isinstance(subschema, dict) and subschema:  # the places inside it moved along
        for place, origin in list(origins.items()):
            if place.startswith(old_prefix + "/"):
                origins[new_prefix + place[len(old_prefix) :]] = origin
    origins[new_prefix] = written


def _member(keyword: str, evaluated: Evaluated, subschema: Any) -> tuple[dict[str, Any], str]:
    """The ``allOf`` member that ``keyword: subschema`` stands for, and where ``subschema`` is
    in it."""
    member: dict[str, Any] = {}
    if keyword == PROPERTIES:
        names = dict.fromkeys(value for kind, value in evaluated.certain if kind == "name")
        patterns = dict.fromkeys(value for kind, value in evaluated.certain if kind == "pattern")
        if names:
            member["properties"] = dict.fromkeys(names, True)
        if patterns:
            member["patternProperties"] = dict.fromkeys(patterns, True)
        member["additionalProperties"] = subschema
        return member, "additionalProperties"
    prefix = max((value for kind, value in evaluated.certain if kind == "prefix"), default=0)
    if prefix:
        member["prefixItems"] = [True] * prefix
    member["items"] = subschema
    return member, "items"


def unevaluated_reason(reasons: dict[tuple[int, str], str], node: Any, keyword: str) -> str | None:
    """Why ``keyword`` of ``node`` (a schema object) was left undecided, if it was read."""
    return reasons.get((id(node), keyword)) if isinstance(node, dict) else None
