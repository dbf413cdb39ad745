"""The README's Python examples run as written, each in a fresh interpreter."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: A block that needs servers says which test runs it, in a comment on the line above it.
_FOUND = re.findall(
    r"^(?:<!-- runs against real servers in (\S+) -->\n)?```python\n(.*?)^```",
    (ROOT / "README.md").read_text("utf-8"),
    re.S | re.M,
)
BLOCKS = [block for runner, block in _FOUND if not runner]
RUN_ELSEWHERE = [runner for runner, _ in _FOUND if runner]


def test_the_readme_has_python_examples():
    assert len(BLOCKS) >= 3


@pytest.mark.parametrize("runner", RUN_ELSEWHERE)
def test_a_block_that_needs_servers_names_a_test_that_runs_it(runner):
    test = (ROOT / runner).read_text("utf-8")
    assert "README" in test
    assert "def test_" in test


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block-{i}" for i in range(len(BLOCKS))])
def test_each_python_block_of_the_readme_runs_as_a_script(block, tmp_path):
    script = tmp_path / "example.py"
    script.write_text(block, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-W", "error", "-W", "ignore::DeprecationWarning", str(script)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
