"""The one error type a user mistake becomes: it names the file and the JSON pointer."""

from __future__ import annotations

from enum import IntEnum


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
    (``""`` for the whole document).
    """

    def __init__(self, file: str, message: str, pointer: str = "", hint: str | None = None) -> None:
        super().__init__(file, message, pointer, hint)
        self.file = file
        self.message = message
        self.pointer = pointer
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.file}#{self.pointer}: {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


def pointer_join(pointer: str, *parts: str | int) -> str:
    """Extend a JSON pointer by escaped reference tokens (RFC 6901)."""
    for part in parts:
        token = str(part).replace("~", "~0").replace("/", "~1")
        pointer = f"{pointer}/{token}"
    return pointer
