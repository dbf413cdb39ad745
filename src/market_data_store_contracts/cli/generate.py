"""``store-contracts generate``: refresh the Core snapshot and every generated file."""

from __future__ import annotations

import argparse
from typing import TextIO

from .. import _checkout
from ..errors import ExitCode


def configure(parser: argparse.ArgumentParser) -> None:
    _checkout.add_root_argument(parser)


def execute(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    codegen, project = _checkout.load(args.root)
    files = codegen.generate_tree(project)
    changed = codegen.write_tree(project, files)
    for path in changed:
        stdout.write(f"wrote {project.relative(path)}\n")
    stdout.write(
        f"{len(files)} generated files from market-data-core {codegen.core_version()}, "
        f"{len(changed)} changed\n"
    )
    return ExitCode.OK
