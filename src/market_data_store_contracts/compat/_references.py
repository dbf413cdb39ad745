"""The ``$ref``s of a side: each one reachable from the root resolves (nothing is ever
fetched), and no ``$ref`` cycle fails to consume any part of the instance."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote, urldefrag, urlsplit

from referencing.exceptions import PointerToNowhere, Unresolvable

from .._documents.keywords import children
from .._documents.pointers import pointer_join
from ..errors import ContractsError
from ._schema import Node, Side

#: Keywords that apply a subschema to the instance itself (not to a part of it). A cycle made
#: only of these never terminates: the validator would recurse forever.
IN_PLACE_KEYWORDS = ("allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas")

#: In-place keywords through which one object schema is composed of others.
_COMPOSING_KEYWORDS = ("allOf", "anyOf", "oneOf")


def check_references(side: Side) -> dict[int, list[Any]]:
    """Resolve every ``$ref`` reachable from the root, and refuse cycles that never descend."""
    assert side.root is not None
    # in-place successors of each node, for cycle detection: id -> list of (node, edge pointer)
    edges: dict[int, list[tuple[Node, str]]] = {}
    nodes: dict[int, Node] = {}
    composition: dict[int, list[Any]] = {}
    # a $dynamicRef may land on any schema with the $dynamicAnchor its fragment names (which one
    # depends on the dynamic scope): every such schema counts as an in-place successor
    dynamic_refs: list[tuple[Node, str]] = []
    anchors: dict[str, list[Node]] = {}
    stack = [side.root]
    while stack:
        node = stack.pop()
        if not isinstance(node.contents, dict) or id(node.contents) in nodes:
            continue
        nodes[id(node.contents)] = node
        side.contents_by_id[id(node.contents)] = node.contents
        successors: list[tuple[Node, str]] = []
        members: list[Any] = []
        for path, _value in children(node.contents):
            child = side.child(node, *path)
            stack.append(child)
            if path[0] in IN_PLACE_KEYWORDS:
                successors.append((child, _where(side, node, path)))
            if path[0] in _COMPOSING_KEYWORDS and isinstance(child.contents, dict):
                members.append(child.contents)
        if "$ref" in node.contents:
            target = _resolve(side, node)
            stack.append(target)
            successors.append((target, _where(side, node, ("$ref",))))
            if isinstance(target.contents, dict):
                members.append(target.contents)
        if isinstance(node.contents.get("$dynamicRef"), str):
            dynamic_refs.append((node, urldefrag(node.contents["$dynamicRef"])[1]))
        if isinstance(node.contents.get("$dynamicAnchor"), str):
            anchors.setdefault(node.contents["$dynamicAnchor"], []).append(node)
        edges[id(node.contents)] = successors
        composition[id(node.contents)] = members
    for node, name in dynamic_refs:
        where = _where(side, node, ("$dynamicRef",))
        edges[id(node.contents)].extend((target, where) for target in anchors.get(name, ()))
    _refuse_cycles(side, edges)
    return composition


def _where(side: Side, node: Node, path: tuple[str | int, ...]) -> str:
    """The pointer of a keyword in the user's document or resource, for error messages."""
    location = side.locations.get(id(node.contents))
    if location is None:
        return side.original_pointer(pointer_join(node.pointer, *path))
    return side.original_pointer(pointer_join(location[1], *path), location[0])


def _file_and_pointer(side: Side, node: Node, *path: str | int) -> tuple[str, str]:
    location = side.locations.get(id(node.contents))
    if location is None or location[0] == side.root_uri:
        return side.file, side.original_pointer(pointer_join(node.pointer, *path))
    return location[0], side.original_pointer(pointer_join(location[1], *path), location[0])


_REF_HINT = "add the document to the registry (store-contracts compat --ref FILE)"


def _resolve(side: Side, node: Node) -> Node:
    ref = node.contents["$ref"]
    file, pointer = _file_and_pointer(side, node, "$ref")
    try:
        return side.follow(node)
    except PointerToNowhere:
        base, fragment = urldefrag(ref)
        if not base:
            raise ContractsError(file, f"$ref {ref!r} does not resolve", pointer) from None
        raise ContractsError(
            file, f"$ref {ref!r} does not resolve: no {unquote(fragment)!r} in {base}", pointer
        ) from None
    except Unresolvable:
        if urlsplit(ref).scheme in {"http", "https", "file", "ftp"}:
            raise ContractsError(
                file,
                f"$ref {ref!r} points to a remote document that is not in the registry; "
                "nothing is fetched",
                pointer,
                hint=_REF_HINT,
            ) from None
        if urlsplit(ref).scheme:  # urn:, tag: ... name a document, never fetched either
            raise ContractsError(
                file,
                f"$ref {ref!r} names a document that is not in the registry",
                pointer,
                hint=_REF_HINT,
            ) from None
        raise ContractsError(file, f"$ref {ref!r} does not resolve", pointer) from None
    except (ValueError, LookupError, TypeError) as error:
        raise ContractsError(file, f"$ref {ref!r} does not resolve: {error}", pointer) from None


def _refuse_cycles(side: Side, edges: dict[int, list[tuple[Node, str]]]) -> None:
    """Iterative depth-first search over in-place edges; a back edge is a cycle."""
    state: dict[int, int] = {}  # 1 = on the stack, 2 = done
    for start in list(edges):
        if state.get(start):
            continue
        state[start] = 1
        stack: list[tuple[int, Iterator[tuple[Node, str]]]] = [(start, iter(edges[start]))]
        while stack:
            current, successors = stack[-1]
            advanced = False
            for successor, where in successors:
                key = id(successor.contents)
                if not isinstance(successor.contents, dict) or key not in edges:
                    continue
                if state.get(key) == 1:
                    location = side.locations.get(current)
                    file = (
                        side.file
                        if location is None or location[0] == side.root_uri
                        else location[0]
                    )
                    raise ContractsError(
                        file,
                        "$ref cycle never reaches a keyword that consumes part of the instance "
                        "(no base case), so no validator could terminate",
                        where,
                    )
                if not state.get(key):
                    state[key] = 1
                    stack.append((key, iter(edges[key])))
                    advanced = True
                    break
            if not advanced:
                state[current] = 2
                stack.pop()
