"""``store-contracts check``: the drift and release gate (see ``_gate``) on a checkout."""

from __future__ import annotations

import argparse
from typing import TextIO

from .. import _checkout
from .._gate import run_gate
from .._output import FORMATS, of_gate


def configure(parser: argparse.ArgumentParser) -> None:
    _checkout.add_root_argument(parser)
    parser.add_argument("--format", choices=sorted(FORMATS), default="text")
    parser.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="run the generator even when its inputs are unchanged since the last run",
    )


def execute(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    codegen, project = _checkout.load(args.root)
    report = run_gate(codegen, project, cache=args.cache)
    stdout.write(FORMATS[args.format](of_gate(report)))
    return report.exit_code
