"""The Makefile: `make test` needs no npm, every target says what it does."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not on PATH")


def _plan(target: str, path: str) -> str:
    """The commands ``make`` would run for ``target`` (``-n``: nothing runs), with ``PATH``."""
    make = shutil.which("make")
    assert make is not None
    done = subprocess.run(
        [make, "-n", "-B", target],
        cwd=ROOT,
        env={**os.environ, "PATH": path},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_make_test_without_npm_plans_no_npm_command(tmp_path):
    bin_dir = tmp_path / "bin"  # a PATH with the tools make needs, and no npm
    bin_dir.mkdir()
    for tool in ("sh", "python3", "touch"):
        found = shutil.which(tool)
        if found is not None:
            (bin_dir / tool).symlink_to(found)
    plan = _plan("test", str(bin_dir))
    assert "npm" not in plan
    assert "-m pytest" in plan


@pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not on PATH")
def test_make_test_with_npm_installs_the_typescript_consumer():
    assert "npm ci" in _plan("test", os.environ["PATH"])


def test_every_target_has_a_description():
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    rules = re.findall(r"^([a-z][a-z-]*):(?!=)(.*)$", text, re.MULTILINE)
    assert "test-matrix" in {target for target, _ in rules}
    for target, rest in rules:
        assert " ## " in rest, target
