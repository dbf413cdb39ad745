"""``store-contracts``: the command line of the package.

Every sub-command lives in its own module of this package, named for the command, that
provides ``configure(parser)`` and ``execute(args, stdout, stderr) -> int``; this module only
dispatches. Modules are imported when their command runs, so ``store-contracts --help`` stays
cheap. Nothing but ``__main__`` and the ``store-contracts`` entry point imports this package.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from collections.abc import Sequence
from typing import TextIO

from ..errors import ContractsError, ExitCode

#: command name -> (module that implements it, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "compat": (
        "market_data_store_contracts.cli.compat",
        "Decide whether one JSON Schema is compatible with another.",
    ),
    "check": (
        "market_data_store_contracts.cli.check",
        "The drift and release gate: Core drift, the Store against Core both ways, stale "
        "generated files, and the bundle against every frozen release under the policy.",
    ),
    "consumers": (
        "market_data_store_contracts.cli.consumers",
        "Whether every declared consumer still reads what the Store writes, and which fields "
        "each reads; `consumers add` declares one.",
    ),
    "release": (
        "market_data_store_contracts.cli.release",
        "Freeze the published bundle as the release of the package's version.",
    ),
    "generate": (
        "market_data_store_contracts.cli.generate",
        "Refresh the Core snapshot and every generated file, atomically.",
    ),
    "export": (
        "market_data_store_contracts.cli.export",
        "Write the published schema bundle into a folder.",
    ),
}


#: The extra each command needs beyond the base install (``pip install "...[extra]"``).
EXTRAS: dict[str, str] = {
    "compat": "compat",
    "check": "codegen",
    "consumers": "codegen",
    "generate": "codegen",
}
#: Top-level modules that only an extra installs: a command that misses one names its extra.
EXTRA_MODULES: dict[str, str] = {
    "jsonschema": "compat",
    "referencing": "compat",
    "rpds": "compat",
    "interegular": "compat",
    "datamodel_code_generator": "codegen",
}
DISTRIBUTION = "market-data-store-contracts"


def _missing_extra(command: str, error: ModuleNotFoundError) -> str | None:
    """One line saying which extra to install, if ``error`` is a module that an extra provides."""
    module = (error.name or "").partition(".")[0]
    if module not in EXTRA_MODULES:
        return None
    extra = EXTRAS.get(command, EXTRA_MODULES[module])
    return (
        f"store-contracts {command}: needs the '{extra}' extra (no module named {module!r}); "
        f'install it with: pip install "{DISTRIBUTION}[{extra}]"'
    )


def _version() -> str:
    from importlib import metadata

    def of(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    return (
        f"store-contracts {of(DISTRIBUTION)} (market-data-core {of('market-data-core')}, "
        f"pydantic {of('pydantic')})"
    )


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that reports usage errors as an exception instead of exiting."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: {message}")


class _UsageError(Exception):
    pass


def _build_parser() -> tuple[_Parser, dict[str, argparse.ArgumentParser]]:
    parser = _Parser(
        prog="store-contracts",
        description="Contracts of the market-data Store and the tools that keep them compatible.",
        epilog="Exit codes: 0 success, 1 incompatible or stale, 2 bad usage or input, "
        "3 breaking (check), 4 internal error.",
    )
    parser.add_argument(
        "--version",
        action="store_true",
        help="print the versions of this package, Core and Pydantic, and exit",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers: dict[str, argparse.ArgumentParser] = {}
    for name, (_module, help_text) in COMMANDS.items():
        subparsers[name] = commands.add_parser(name, help=help_text, description=help_text)
    return parser, subparsers


def run(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    """Run one command line; return its exit code. Never raises for a user mistake."""
    argv = list(argv)
    name = next((arg for arg in argv if not arg.startswith("-")), None)
    try:
        return _run(name, argv, stdout, stderr)
    except ModuleNotFoundError as error:  # a tool whose extra is not installed
        line = _missing_extra(str(name), error)
        if line is None:
            raise
        stderr.write(f"{line}\n")
        return ExitCode.USAGE


def _run(name: str | None, argv: list[str], stdout: TextIO, stderr: TextIO) -> int:
    parser, subparsers = _build_parser()
    module = None
    if name in COMMANDS:
        module = importlib.import_module(COMMANDS[name][0])
        module.configure(subparsers[name])
    try:
        args = parser.parse_args(argv)
    except _UsageError as error:
        stderr.write(f"{error}\n")
        return ExitCode.USAGE
    except SystemExit as exit_:  # --help
        return int(exit_.code or 0)
    if args.version:
        stdout.write(f"{_version()}\n")
        return ExitCode.OK
    if module is None:  # no command: one line, like every other usage error
        stderr.write(
            f"{parser.prog}: a COMMAND is required ({', '.join(COMMANDS)}); "
            f"see {parser.prog} --help\n"
        )
        return ExitCode.USAGE
    try:
        return int(module.execute(args, stdout, stderr))
    except ContractsError as error:
        stderr.write(f"error: {error}\n")
        return ExitCode.USAGE


def main() -> None:
    """Console-script entry point."""
    try:
        code = run(sys.argv[1:], sys.stdout, sys.stderr)
    except Exception:  # a defect, not a user mistake: keep its exit code apart from 1 and 3
        traceback.print_exc()
        sys.stderr.write("internal error: please report it with the traceback above\n")
        code = ExitCode.INTERNAL
    sys.exit(code)
