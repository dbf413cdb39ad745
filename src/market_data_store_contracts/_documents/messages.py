"""Values quoted in messages as JSON, and ``jsonschema``'s messages written that way."""

from __future__ import annotations

import json
from typing import Any

#: Longest JSON value quoted in a message; longer ones are cut with an ellipsis.
_MAX_QUOTED = 80


def as_json(value: Any) -> str:
    """``value`` as JSON text for a message (``true``, ``{"type": "string"}``), shortened."""
    try:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= _MAX_QUOTED else text[: _MAX_QUOTED - 3] + "..."


def schema_error_message(error: Any) -> str:
    """The message of a ``jsonschema`` validation error with every value written as JSON.

    ``jsonschema`` writes the values in its messages with Python's ``repr`` (``True``,
    ``{'type': 'string'}``, ``None``); the people reading ours write JSON. The instance and the
    keyword's value are the values such a message quotes."""
    message: str = error.message
    if error.validator == "type":
        expected = error.validator_value
        names = expected if isinstance(expected, list) else [expected]
        return f"{as_json(error.instance)} is not of type {', '.join(map(as_json, names))}"
    for value in (error.instance, error.validator_value):
        if isinstance(value, (dict, list, str, bool, int, float)) or value is None:
            message = message.replace(repr(value), as_json(value))
    return message
