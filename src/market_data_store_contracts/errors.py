"""Every error this package raises, under one root: ``StoreContractsError``.

- :class:`ContractsError` (a ``ValueError``): a problem with an input the user gave, such as a
  schema file or a policy; it names the file and the JSON pointer;
- :class:`SettingsError` (a ``ValueError``): the environment holds no valid ``StoreSettings``;
- :class:`PublishError`: a feedback event that did not reach every destination;
- :class:`UnknownSchemaError` (a ``KeyError``): ``schemas.load()`` got a name no schema has;
- :class:`MissingExtraError` (an ``ImportError``): a feature whose extra is not installed.

``ExitCode`` lists the exit codes of every ``store-contracts`` command. This module imports
nothing beyond the standard library and the package's ``_lazy``, which imports no more.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from typing import TYPE_CHECKING

from ._lazy import lazy_names

if TYPE_CHECKING:
    from .transport._errors import DeliveryFailure, PublishError

__all__ = [
    "ContractsError",
    "DeliveryFailure",
    "ExitCode",
    "MissingExtraError",
    "PublishError",
    "SettingsError",
    "StoreContractsError",
    "UnknownSchemaError",
]


class ExitCode(IntEnum):
    """Exit codes of every ``store-contracts`` command (documented in docs/exit-codes.md)."""

    OK = 0
    #: ``compat``: the schemas are incompatible (a verified witness). ``check``: generated
    #: files are stale.
    FAILED = 1
    #: Bad usage, or an unreadable or invalid input file.
    USAGE = 2
    #: ``check``: the Store can no longer extend Core compatibly.
    BREAKING = 3
    #: A defect of this package, not of the input: the traceback is printed for a bug report.
    INTERNAL = 4
    #: ``compat``: a break is claimed that no verified witness proves (neither compatible nor
    #: incompatible). ``check``: some finding is undecided and none is breaking.
    UNDECIDED = 5


class StoreContractsError(Exception):
    """The root of every error ``market_data_store_contracts`` raises."""


class ContractsError(StoreContractsError, ValueError):
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


class SettingsError(StoreContractsError, ValueError):
    """The environment does not hold valid settings; ``str()`` is one line for the log."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        super().__init__(dict(problems))
        self.problems = dict(problems)

    def __str__(self) -> str:
        return "invalid settings: " + "; ".join(
            f"{variable}: {problem}" for variable, problem in self.problems.items()
        )


class UnknownSchemaError(StoreContractsError, KeyError):
    """``schemas.load()`` was given a name that no published schema has."""

    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(name)
        self.name = name
        self.known = known

    def __str__(self) -> str:
        hint = [known for known in self.known if known.rpartition(".")[2] == self.name]
        text = f"no published schema named {self.name!r}; valid names: {', '.join(self.known)}"
        if hint:
            text += f" (did you mean {' or '.join(repr(name) for name in hint)}?)"
        return text


class MissingExtraError(StoreContractsError, ImportError):
    """A feature needs an optional dependency that is not installed; the message names the
    extra that installs it."""


#: Errors defined next to the code that raises them, loaded on first use.
_HOMES = {
    "DeliveryFailure": "market_data_store_contracts.transport._errors",
    "PublishError": "market_data_store_contracts.transport._errors",
}


__getattr__, __dir__ = lazy_names(__name__, globals(), _HOMES)
