"""``store-contracts export DIR``: write the published bundle (schemas + ``index.json``)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from .._documents.io import write_atomic
from ..errors import ContractsError, ExitCode
from ..schemas._bundle import INDEX_FILE, _file, index


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "directory",
        type=Path,
        metavar="DIR",
        help="folder to write into (created if missing); files of the bundle are replaced, "
        "other files are left alone",
    )


def execute(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    target: Path = args.directory
    shown = str(target)
    if target.exists() and not target.is_dir():
        raise ContractsError(shown, "exists and is not a directory", document=False)
    try:
        files = [INDEX_FILE, *(entry["file"] for entry in index())]
    except FileNotFoundError:  # pragma: no cover - only a checkout that was never generated
        raise ContractsError(
            "market_data_store_contracts/schemas/bundle",
            "is missing from this installation",
            hint="run `make generate` in the checkout",
            document=False,
        ) from None
    try:
        for relative in files:
            write_atomic(target.joinpath(*relative.split("/")), _file(relative).read_text("utf-8"))
    except OSError as error:
        raise ContractsError(
            shown, f"cannot be written: {error.strerror or error}", document=False
        ) from None
    stdout.write(f"wrote {len(files)} files to {shown}\n")
    return ExitCode.OK
