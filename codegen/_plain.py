"""Generated Python that reads like hand-written Python: plain annotated types, no wrappers.

datamodel-code-generator turns a constrained type that stands inside a union or a list into a
``RootModel`` class (``class Shard(RootModel[int]): root: Annotated[int, Field(ge=0)]``), so an
optional constrained field has to be filled with ``Shard(root=3)`` where ``3`` is what a person
would write. Two steps avoid that, both deterministic:

- :func:`plain_schema`, before generation, rewrites a declaration into an equivalent form the
  generator renders as a plain annotation: a nullable ``anyOf`` of one constrained type and
  ``null`` becomes a type list (``{"type": ["integer", "null"], "minimum": 0}``), which it
  writes as ``shard: int | None = Field(None, ge=0)``. Only keywords that never apply to ``null``
  move, so the same instances are valid. The published bundle keeps the declaration as written.
- :func:`inline_root_wrappers`, after generation, replaces every remaining wrapper whose whole
  body is one constrained ``root`` field (a constrained item of a list, say) by a type alias:
  ``Tag = Annotated[str, Field(min_length=1)]``, used as ``list[Tag]``.
"""

from __future__ import annotations

import ast
import copy
import re
from typing import Any

from market_data_store_contracts._documents.keywords import children

__all__ = ["inline_root_wrappers", "plain_schema"]

_NUMBER = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"})
#: Per JSON type, the keywords that constrain only instances of that type (``null`` passes them).
_APPLY_ONLY_TO = {
    "integer": _NUMBER,
    "number": _NUMBER,
    "string": frozenset({"minLength", "maxLength", "pattern", "format"}),
    "array": frozenset(
        {"items", "prefixItems", "minItems", "maxItems", "uniqueItems", "contains"}
        | {"minContains", "maxContains"}
    ),
}
_ANNOTATIONS = frozenset({"title", "description"})
_NULL = {"type": "null"}


def _nullable_type_list(node: dict[str, Any]) -> None:
    """``{"anyOf": [{"type": T, <T's constraints>}, {"type": "null"}]}`` ->
    ``{"type": [T, "null"], <T's constraints>}``, in either order of the two entries."""
    entries = node.get("anyOf")
    if not isinstance(entries, list) or len(entries) != 2 or _NULL not in entries:
        return
    typed = entries[1 - entries.index(_NULL)]
    if not isinstance(typed, dict) or not isinstance(typed.get("type"), str):
        return
    allowed = _APPLY_ONLY_TO.get(typed["type"])
    if allowed is None or "type" in node or set(typed) - {"type"} - allowed - _ANNOTATIONS:
        return
    if set(typed) & set(node):
        return  # a keyword on both levels: merging would drop one of them
    del node["anyOf"]
    node["type"] = [typed["type"], "null"]
    node.update({key: value for key, value in typed.items() if key != "type"})


def plain_schema(document: dict[str, Any]) -> dict[str, Any]:
    """A copy of a declaration (as the generator reads it) in the forms it renders as plain
    annotated types; same valid instances."""
    result = copy.deepcopy(document)
    stack: list[Any] = [result]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            _nullable_type_list(node)
            stack.extend(child for _, child in children(node))
    return result


def _root_wrapper_alias(node: ast.stmt, code: str) -> str | None:
    """The annotation a ``RootModel`` class stands for, if its whole body is one ``root`` field
    (``root: T = Field(..., ge=0)`` or ``root: Annotated[T, Field(ge=0)]``); else ``None``."""
    if not isinstance(node, ast.ClassDef) or node.decorator_list or len(node.bases) != 1:
        return None
    base = node.bases[0]
    if not (
        isinstance(base, ast.Subscript)
        and isinstance(base.value, ast.Name)
        and base.value.id == "RootModel"
        and len(node.body) == 1
        and isinstance(field := node.body[0], ast.AnnAssign)
        and isinstance(field.target, ast.Name)
        and field.target.id == "root"
    ):
        return None
    annotation = ast.get_source_segment(code, field.annotation)
    if field.value is None:
        wrapped = field.annotation
        annotated = isinstance(wrapped, ast.Subscript) and (
            isinstance(wrapped.value, ast.Name) and wrapped.value.id == "Annotated"
        )
        return annotation if annotated else None
    call = field.value
    if not (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name)
        and call.func.id == "Field"
        and len(call.args) == 1
        and isinstance(call.args[0], ast.Constant)
        and call.args[0].value is Ellipsis
        and call.keywords
    ):
        return None  # a default or no constraint: not a plain constrained type
    keywords = ", ".join(str(ast.get_source_segment(code, keyword)) for keyword in call.keywords)
    return f"Annotated[{annotation}, Field({keywords})]"


def _import_annotated(code: str) -> str:
    if re.search(r"^from typing import .*\bAnnotated\b", code, re.MULTILINE):
        return code
    found = re.search(r"^from typing import ([^(\n]+)$", code, re.MULTILINE)
    if found:
        names = sorted({*found.group(1).split(", "), "Annotated"})
        return code[: found.start(1)] + ", ".join(names) + code[found.end(1) :]
    future = "from __future__ import annotations\n\n"
    if future in code:
        return code.replace(future, future + "from typing import Annotated\n\n", 1)
    return "from typing import Annotated\n\n" + code


def inline_root_wrappers(code: str, keep: frozenset[str] = frozenset()) -> str:
    """``code`` with each ``RootModel`` class that only constrains one type (and whose name is
    not in ``keep``) replaced by a type alias: ``Name = Annotated[T, Field(...)]``."""
    tree = ast.parse(code)
    lines = code.splitlines(keepends=True)
    replaced = False
    for node in reversed(tree.body):
        alias = _root_wrapper_alias(node, code)
        if alias is None or not isinstance(node, ast.ClassDef) or node.name in keep:
            continue
        assert node.end_lineno is not None
        lines[node.lineno - 1 : node.end_lineno] = [f"{node.name} = {alias}\n"]
        replaced = True
    if not replaced:
        return code
    result = _import_annotated("".join(lines))
    if len(re.findall(r"\bRootModel\b", result)) == 1:  # only its import is left
        result = re.sub(r", RootModel\b|\bRootModel, |\n    RootModel,", "", result, count=1)
    return result
