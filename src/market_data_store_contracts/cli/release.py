"""``store-contracts release``: freeze the published bundle as ``schemas/releases/<version>``,
the version being ``pyproject.toml``'s. Freezing the same content again does nothing (exit 0);
a version already frozen with other content is refused (exit 2): a release never changes."""

from __future__ import annotations

import argparse
from typing import TextIO

from .. import _checkout
from .._gate._frozen import freeze
from .._gate._policy import read_policy
from ..errors import ExitCode


def configure(parser: argparse.ArgumentParser) -> None:
    _checkout.add_root_argument(parser)


def execute(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    _codegen, project = _checkout.load(args.root)
    version = read_policy(project).version
    target, written = freeze(project, version)
    shown = project.relative(target)
    if written:
        stdout.write(f"froze release {version} into {shown}\n")
    else:
        stdout.write(f"release {version} is already frozen in {shown} with this content\n")
    return ExitCode.OK
