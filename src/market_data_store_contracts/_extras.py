"""An optional dependency that is missing, told as the extra that installs it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from .errors import MissingExtraError

__all__ = ["needs_extra"]


@contextlib.contextmanager
def needs_extra(
    what: str, extra: str, distribution: str, module: str | None = None
) -> Iterator[None]:
    """Turn the block's ``ModuleNotFoundError`` for ``module`` (``distribution``'s import name,
    the same by default) into a ``MissingExtraError`` (an ``ImportError``) saying that
    ``what`` needs ``extra`` and how to install it. A missing module of any other name is
    raised as it is."""
    try:
        yield
    except ModuleNotFoundError as error:
        if error.name is None or error.name.partition(".")[0] != (module or distribution):
            raise
        raise MissingExtraError(
            f"{what} needs the {extra!r} extra ({distribution} is not installed): "
            f"pip install 'market-data-store-contracts[{extra}]'",
            name=error.name,
        ) from error
