"""The one error type a user mistake becomes: it names the file and the JSON pointer."""

from __future__ import annotations

import json
from enum import IntEnum
from typing import Any


class ExitCode(IntEnum):
    """Exit codes of every ``store-contracts`` command (documented in the README)."""

    OK = 0
    #: ``compat``: the schemas are incompatible. ``check``: generated files are stale.
    FAILED = 1
    #: Bad usage, or an unreadable or invalid input file.
    USAGE = 2
    #: ``check``: the Store can no longer extend Core compatibly.
    BREAKING = 3
    #: A defect of this package, not of the input: the traceback is printed for a bug report.
    INTERNAL = 4


class ContractsError(Exception):
    """A problem with an input the user gave: reported as one line, never a traceback.

    ``file`` is the path as the user named it, ``pointer`` a JSON pointer into that file
    (``""`` for the whole document). A path that names no document (a folder, a ``--root``)
    is given with ``document=False`` and shown without a pointer: ``DIR: message``.
    """

    def __init__(
        self,
        file: str,
        message: str,
        pointer: str = "",
        hint: str | None = None,
        *,
        document: bool = True,
    ) -> None:
        super().__init__(file, message, pointer, hint)
        self.file = file
        self.message = message
        self.pointer = pointer
        self.hint = hint
        self.document = document

    def __str__(self) -> str:
        where = f"{self.file}#{self.pointer}" if self.document else self.file
        text = f"{where}: {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


def pointer_join(pointer: str, *parts: str | int) -> str:
    """Extend a JSON pointer by escaped reference tokens (RFC 6901)."""
    for part in parts:
        token = str(part).replace("~", "~0").replace("/", "~1")
        pointer = f"{pointer}/{token}"
    return pointer


def pointer_token(escaped: str) -> str:
    """One reference token of a JSON pointer, unescaped (RFC 6901): ``a~1b`` is ``a/b``."""
    return escaped.replace("~1", "/").replace("~0", "~")


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
