"""The published JSON Schemas of the Store's contracts, for consumers in any language.

``index()`` lists the schemas (``core.FeedbackEvent``, ``store.FeedbackEvent``, ...) with their
``$id``, file, versions and hashes; ``load(name)`` returns one schema. Every schema is
self-contained (only ``#/...`` references). ``store-contracts export DIR`` writes them out.
Nothing here imports a validator: reading a schema costs one JSON parse.
"""

from ._bundle import UnknownSchemaError, index, load

__all__ = ["UnknownSchemaError", "index", "load"]
