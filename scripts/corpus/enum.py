"""Family ``enum``: values added and removed, and ``$defs`` renamed, inlined and extracted."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ._shared import NO_WITNESS, Base, Edit, _c, _edit, _enum_node, _enum_values, _with


def enum_edits(b: Base) -> Iterator[Edit]:
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
