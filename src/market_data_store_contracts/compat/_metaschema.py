"""A fast yes/no check of a document against the JSON Schema 2020-12 metaschema.

The 2020-12 metaschema is seven vocabulary schemas joined by ``$dynamicRef``; ``jsonschema``
resolves every ``$dynamicRef`` through the dynamic scope, which makes checking a small schema
cost about 13 ms. In the metaschema every ``$dynamicRef`` ("#meta") lands on the metaschema
itself, so the same rules written as one document with plain ``$ref``s to its root accept
exactly the same documents, about four times faster. :func:`metaschema_accepts` answers with
that document; only a document it refuses needs the real metaschema (for the best error
message). ``tests/compat/test_metaschema.py`` checks that both agree.
"""

from __future__ import annotations

import functools
from typing import Any

from jsonschema import Draft202012Validator

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_BASE = "https://json-schema.org/draft/2020-12/"
#: keywords whose value maps names to subschemas (the names are not keywords)
_NAMED = ("properties", "patternProperties", "dependentSchemas", "$defs")
#: identifiers and annotations of the vocabulary schemas, meaningless once they are joined
_DROPPED = ("$id", "$schema", "$vocabulary", "$dynamicAnchor", "$comment", "title")


def _joined(node: Any) -> Any:
    if isinstance(node, list):
        return [_joined(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for keyword, value in node.items():
        if keyword in _NAMED and isinstance(value, dict):
            out[keyword] = {name: _joined(sub) for name, sub in value.items()}
        elif keyword == "$dynamicRef":
            out["$ref"] = "#"  # "#meta": the metaschema itself, i.e. the joined root
        elif keyword == "$ref":
            out["$ref"] = "#/$defs/" + str(value).split("#/$defs/", 1)[1]
        elif keyword not in _DROPPED:
            out[keyword] = _joined(value)
    return out


@functools.cache
def _validator() -> Draft202012Validator:
    # jsonschema's own registry of the metaschemas (a dependency of jsonschema)
    from jsonschema_specifications import REGISTRY  # type: ignore[import-untyped]  # no stubs

    root = REGISTRY.contents(_DIALECT)
    parts: list[Any] = []
    definitions: dict[str, Any] = {}
    for member in root["allOf"]:
        vocabulary = _joined(REGISTRY.contents(_BASE + member["$ref"]))
        definitions.update(vocabulary.pop("$defs", {}))
        parts.append(vocabulary)
    top = _joined({keyword: value for keyword, value in root.items() if keyword != "allOf"})
    definitions.update(top.pop("$defs", {}))
    return Draft202012Validator({**top, "allOf": parts, "$defs": definitions})


def metaschema_accepts(document: Any) -> bool:
    """Whether ``document`` is a valid JSON Schema 2020-12 (same answer as the metaschema)."""
    return bool(_validator().is_valid(document))
