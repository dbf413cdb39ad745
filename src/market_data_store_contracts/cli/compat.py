"""``store-contracts compat OLD.json NEW.json``: the checker on the command line."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from referencing import Registry
from referencing.jsonschema import DRAFT202012

from .._documents.io import STDIN, STDIN_SHOWN, load_json, shown_name
from .._output import FORMATS, of_compat
from ..compat._check import MODES, check_with, deep_recursion
from ..compat._reading import Resources, read_document
from ..compat.dialects import DIALECTS, identifier
from ..errors import ContractsError, ExitCode


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", metavar="OLD.json", help="the previous schema (- for stdin)")
    parser.add_argument("new", metavar="NEW.json", help="the current schema (- for stdin)")
    parser.add_argument(
        "--mode",
        choices=MODES,
        default="backward",
        help="backward: OLD instances stay valid (default); forward: NEW instances were valid; "
        "full: both",
    )
    parser.add_argument(
        "--format", choices=sorted(FORMATS), default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--close-old", action="store_true", help="read OLD's open objects as closed"
    )
    parser.add_argument(
        "--close-new", action="store_true", help="read NEW's open objects as closed"
    )
    parser.add_argument(
        "--dialect",
        choices=DIALECTS,
        default=None,
        help="the dialect of schemas without $schema (default: 2020-12); openapi-3.0 reads "
        "every schema as an OpenAPI 3.0 Schema Object",
    )
    parser.add_argument(
        "--ref",
        metavar="FILE",
        action="append",
        default=[],
        help="a schema that $refs may point to, by its $id (repeatable); nothing is fetched",
    )


def _resources(files: list[str], dialect: str | None) -> Resources:
    """The ``--ref`` files, each read once: here, so that an error names the file."""
    registry: Registry[Any] = Registry()
    translations = []
    for file in files:
        document = load_json(file, written=True)
        read = read_document(document, shown_name(file), dialect)
        uri = identifier(document, read.dialect)
        if uri is None:
            raise ContractsError(
                shown_name(file),
                "has no $id, so no $ref can point to it",
                "",
                hint='add "$id": "urn:..."',
            )
        registry = registry.with_resource(uri, DRAFT202012.create_resource(document))
        translations.append((uri, read))
    resources = Resources(registry if files else None, dialect)
    for uri, read in translations:
        resources.seed(uri, read)
    return resources


def execute(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    if [args.old, args.new, *args.ref].count(STDIN) > 1:
        raise ContractsError(STDIN_SHOWN, "can hold only one of the schemas", document=False)
    with deep_recursion():
        resources = _resources(args.ref, args.dialect)
    report = check_with(
        load_json(args.old, written=True),
        load_json(args.new, written=True),
        resources,
        mode=args.mode,
        close_old=args.close_old,
        close_new=args.close_new,
        old_name=shown_name(args.old),
        new_name=shown_name(args.new),
    )
    stdout.write(FORMATS[args.format](of_compat(report)))
    return _EXIT_CODES[report.verdict]


#: ``Report.verdict`` -> the exit code of ``store-contracts compat``
_EXIT_CODES = {
    "compatible": ExitCode.OK,
    "incompatible": ExitCode.FAILED,
    "undecided": ExitCode.UNDECIDED,
}
