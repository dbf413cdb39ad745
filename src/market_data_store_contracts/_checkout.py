"""Commands that work on a checkout (``generate``, ``check``) load its ``codegen/`` step here."""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from .errors import ContractsError


def add_root_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        help="the checkout of market-data-store-contracts (default: the one around the working "
        "folder)",
    )


def load(root_arg: Path | None) -> tuple[ModuleType, Any]:
    """The checkout's ``codegen`` package and its ``Project``."""
    start = Path.cwd() if root_arg is None else root_arg
    if root_arg is not None and not (root_arg / "codegen" / "__init__.py").is_file():
        raise ContractsError(
            str(root_arg), "is not a checkout (no codegen/ package in it)", document=False
        )
    root = _find(start)
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    codegen = importlib.import_module("codegen")
    if Path(codegen.__file__ or "").resolve().parent != (root / "codegen").resolve():
        raise ContractsError(
            str(root), f"codegen is imported from {codegen.__file__}, not here", document=False
        )
    return codegen, codegen.Project.load(root)


def _find(start: Path) -> Path:
    for folder in (start.resolve(), *start.resolve().parents):
        if (folder / "codegen" / "__init__.py").is_file() and (folder / "schemas").is_dir():
            return folder
    raise ContractsError(
        str(start),
        "is not inside a checkout of market-data-store-contracts (no codegen/ and schemas/)",
        hint="run from the checkout or pass --root",
        document=False,
    )
