"""Whether a branch of a normal form certainly has no instance (a cheap, incomplete test:
``False`` only means "not proven empty")."""

from __future__ import annotations

from typing import Any

from ..._documents.keywords import DOC_KEYWORDS
from ._examples import Examples, int_bounds, int_values, non_integers
from ._shape import Branch


def provably_empty(branch: Branch, examples: Examples) -> bool:  # noqa: PLR0911  one answer per kind
    """True only when the branch (of the side ``examples`` builds for) certainly has no
    instance."""
    if any(accepts_everything(node.contents) for node in branch.nots):
        return True  # ``not: {}``, ``not: true``, ``not: {"description": ...}``
    if branch.values is not None:
        return not branch.values
    kind = branch.kind
    if kind == "integer":
        lo, hi, step = int_bounds(branch)
        return lo is not None and hi is not None and not int_values(lo, hi, step, count=1)
    if kind == "number":
        return not non_integers(branch, count=1)  # a complete search
    if kind == "string":
        return (
            branch.min_length is not None
            and branch.max_length is not None
            and branch.min_length.value > branch.max_length.value
        )
    if kind == "array":
        low = branch.min_items.value if branch.min_items else 0
        high = branch.effective_max_items
        return high is not None and low > high
    if kind == "object":
        return _no_object(branch, examples)
    return False


def accepts_everything(contents: Any) -> bool:
    """True only when a schema certainly accepts every instance: ``true``, or an object of
    annotations alone (its meta-data, ``default`` and ``x-`` keywords), in any dialect."""
    if contents is True:
        return True
    return isinstance(contents, dict) and all(
        keyword in _NOT_ASSERTING or keyword.startswith("x-") for keyword in contents
    )


#: keywords that assert nothing in any dialect the checker reads
_NOT_ASSERTING = DOC_KEYWORDS | {"default"}


def _no_object(branch: Branch, examples: Examples) -> bool:
    if (
        branch.min_properties
        and branch.max_properties
        and branch.min_properties.value > branch.max_properties.value
    ):
        return True
    required = examples.required(branch)
    if branch.max_properties and len(required) > branch.max_properties.value:
        return True
    return any(
        examples.forbidden(branch, name) or not _has_value(branch, name, examples)
        for name in required
    )


def _has_value(branch: Branch, name: str, examples: Examples) -> bool:
    """False only when the schemas of a property (of an old branch) have no branch: e.g.
    two different ``const``. Not recursive, so it stays cheap and finite."""
    nodes = examples.value_nodes(branch, name)
    if len(nodes) < 2 or not branch.atoms:
        return True
    return bool(examples.normaliser.conjunction(nodes, branch.atoms[0]).branches)
