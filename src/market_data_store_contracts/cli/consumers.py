"""``store-contracts consumers``: the state of every declared consumer (ok, broken with its
witness, undecided) and, per contract, which writer fields each consumer reads or requires and
which none reads (candidates to deprecate). ``--reader SOURCE --contract NAME`` checks one
reader ad hoc without declaring it; ``consumers add NAME --contract C --reader SOURCE``
declares one.

Exit 0 when every consumer reads what the Store publishes, 3 when one is broken, 5 when none is
broken and one is undecided, 2 for bad usage or input.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from .. import _checkout
from .._gate._consumers import State
from .._gate._consumers_add import add_consumer
from .._gate._declarations import DIALECT_URIS
from .._gate._field_usage import Usage, field_usage
from .._gate._frozen import INDEX, Bundle, parse_schema, read_bundle
from .._gate._report import GateReport
from .._gate._states import Status, ad_hoc_status, statuses
from .._output import FORMATS, Output, of_gate
from ..errors import ContractsError, ExitCode

__all__ = ["configure", "execute"]

ADD = (
    "Declare a consumer: copy its reader into schemas/consumers/NAME/ with where it came from "
    "and its sha256, and append the declaration to pyproject.toml."
)


def configure(parser: argparse.ArgumentParser) -> None:
    _checkout.add_root_argument(parser)
    parser.add_argument("--format", choices=sorted(FORMATS), default="text")
    _reader_arguments(parser, None)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", parser_class=type(parser))
    add = actions.add_parser("add", help=ADD, description=ADD)
    add.add_argument("name", metavar="NAME", help="the consumer's name, used in every message")
    # SUPPRESS: an option given before `add` is not reset by the sub-command's default
    _reader_arguments(add, argparse.SUPPRESS)
    add.add_argument("--owner", default=argparse.SUPPRESS, help="who owns the consumer")
    add.add_argument(
        "--since",
        default=argparse.SUPPRESS,
        help="the oldest release whose events the consumer may still read from a queue",
    )
    add.add_argument(
        "--root",
        type=Path,
        default=argparse.SUPPRESS,
        help="the checkout (default: the one around the working folder)",
    )


def _reader_arguments(parser: argparse.ArgumentParser, default: Any) -> None:
    parser.add_argument(
        "--reader",
        default=default,
        help="the reader: a JSON Schema file, or python:module:Attr (a Pydantic model)",
    )
    parser.add_argument("--contract", default=default, help="the contract it reads, by name")
    parser.add_argument(
        "--dialect",
        choices=list(DIALECT_URIS),
        default=default,
        help="the reader's dialect, for a reader whose $schema names none",
    )


def execute(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    codegen, project = _checkout.load(args.root)
    if not (project.bundle_dir / INDEX).is_file():
        raise ContractsError(
            project.relative(project.bundle_dir),
            "holds no published bundle",
            hint="run `make generate` first",
            document=False,
        )
    bundle = read_bundle(project.bundle_dir, project.relative(project.bundle_dir))
    if args.action == "add":
        return _add(args, project, bundle, stdout, stderr)
    if (args.reader is None) != (args.contract is None):
        stderr.write("store-contracts consumers: --reader and --contract go together\n")
        return ExitCode.USAGE
    if args.reader is not None:
        found = [ad_hoc_status(project, bundle, args.reader, args.contract, args.dialect)]
    else:
        found = statuses(codegen, project, bundle)
    stdout.write(FORMATS[args.format](_output(found, _usages(bundle, found))))
    return {"ok": ExitCode.OK, "broken": ExitCode.BREAKING, "undecided": ExitCode.UNDECIDED}[
        _overall(found)
    ]


def _add(
    args: argparse.Namespace, project: Any, bundle: Bundle, stdout: TextIO, stderr: TextIO
) -> int:
    if getattr(args, "reader", None) is None or getattr(args, "contract", None) is None:
        stderr.write("store-contracts consumers add: --contract and --reader are required\n")
        return ExitCode.USAGE
    entry = {"name": args.name, "contract": args.contract}
    for key in ("owner", "since", "dialect"):
        if getattr(args, key, None) is not None:
            entry[key] = getattr(args, key)
    added = add_consumer(project, bundle, entry, args.reader)
    stdout.write(
        f"added consumer {added.consumer.name} ({added.consumer.contract}): {added.reader}, "
        f"sha256 {added.sha256}; it is {added.state} against what the Store publishes now\n"
    )
    return ExitCode.OK


def _usages(bundle: Bundle, found: list[Status]) -> list[Usage]:
    """The field-usage view of every contract some consumer reads."""
    usages = []
    for contract in sorted({status.consumer.contract for status in found}):
        entry = bundle.entries[contract]
        shown = str(entry.path)
        writer = parse_schema(entry.raw, shown) if entry.raw is not None else {}
        readers = [(s.consumer.name, s.document) for s in found if s.consumer.contract == contract]
        usages.append(field_usage(contract, writer, readers))
    return usages


def _overall(found: list[Status]) -> State:
    states = {status.state for status in found}
    return "broken" if "broken" in states else "undecided" if "undecided" in states else "ok"


def _table(found: list[Status], usages: list[Usage]) -> list[str]:
    """Per contract: each consumer's state and reader, then which consumers read each field."""
    width = max((len(status.consumer.name) for status in found), default=0)
    lines = []
    for usage in usages:
        lines.append(f"{usage.contract}:")
        lines += [
            f"  {s.consumer.name:<{width}}  {s.state:<9}  {s.reader}"
            for s in found
            if s.consumer.contract == usage.contract
        ]
        names = max((len(name) for name in usage.read_by), default=0)
        lines.append("  fields:")
        for name, readers in usage.read_by.items():
            said = f"read by {', '.join(readers)}" if readers else "read by no consumer"
            if usage.required_by[name]:
                said += f"; required by {', '.join(usage.required_by[name])}"
            lines.append(f"    {name:<{names}}  {said}")
        unread = ", ".join(usage.unread) or "none"
        lines.append(f"  read by no declared consumer (candidates to deprecate): {unread}")
    counts = {
        state: sum(s.state == state for s in found) for state in ("ok", "broken", "undecided")
    }
    lines.append(
        f"{_overall(found)}: {len(found)} consumer(s), {counts['ok']} ok, "
        f"{counts['broken']} broken, {counts['undecided']} undecided"
    )
    return lines


def _output(found: list[Status], usages: list[Usage]) -> Output:
    """The findings as the gate writes them, then the table as the summary."""
    findings = sorted({item for status in found for item in status.findings})
    annotations = of_gate(GateReport("", None, findings)).annotations
    document = {
        "status": _overall(found),
        "consumers": [status.to_dict() for status in found],
        "contracts": {usage.contract: usage.to_dict() for usage in usages},
    }
    return Output(
        annotations,
        "\n".join(_table(found, usages)),
        document,
        github_summary=f"consumers: {_overall(found)}",
    )
