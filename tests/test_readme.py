"""The examples of the README and of every page of docs/ run as written.

Each ``python`` block runs as a script in a fresh interpreter; a block that needs servers says
which test runs it instead, in a comment on the line above it; a ``toml`` block parses.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
_BLOCK = re.compile(
    r"^(?:<!-- runs against real servers in (\S+) -->\n)?```(\w*)\n(.*?)^```", re.S | re.M
)
#: (page, runner or "", language, text) for every fenced block of every page.
_FOUND = [
    (page.relative_to(ROOT).as_posix(), *found)
    for page in PAGES
    for found in _BLOCK.findall(page.read_text("utf-8"))
]
BLOCKS = [
    (page, text) for page, runner, language, text in _FOUND if language == "python" and not runner
]
RUN_ELSEWHERE = [(page, runner) for page, runner, language, _ in _FOUND if runner]
TOML = [(page, text) for page, _, language, text in _FOUND if language == "toml"]
#: A link from the README into the manuals: ``[text](docs/page.md)`` or ``(docs/page.md#anchor)``.
_README_LINK = re.compile(r"\]\((docs/[^)#\s]+)(?:#[^)\s]*)?\)")


def _ids(found: list[tuple[str, str]]) -> list[str]:
    seen: dict[str, int] = {}
    ids = []
    for page, _ in found:
        seen[page] = seen.get(page, -1) + 1
        ids.append(f"{page}-{seen[page]}")
    return ids


def test_the_readme_and_the_manuals_have_python_examples():
    pages = {page for page, _ in BLOCKS}
    assert "README.md" in pages
    assert len(pages) >= 3
    assert len(BLOCKS) >= 5


def test_every_link_of_the_readme_into_the_manuals_names_a_page():
    links = _README_LINK.findall((ROOT / "README.md").read_text("utf-8"))
    assert len(links) >= 10
    missing = sorted({link for link in links if not (ROOT / link).is_file()})
    assert not missing


@pytest.mark.parametrize(("page", "runner"), RUN_ELSEWHERE, ids=_ids(RUN_ELSEWHERE))
def test_a_block_that_needs_servers_names_a_test_that_runs_it(page, runner):
    test = (ROOT / runner).read_text("utf-8")
    assert page in test
    assert "def test_" in test


@pytest.mark.parametrize(("page", "block"), TOML, ids=_ids(TOML))
def test_each_toml_block_parses(page, block):
    assert tomllib.loads(block)


@pytest.mark.parametrize(("page", "block"), BLOCKS, ids=_ids(BLOCKS))
def test_each_python_block_runs_as_a_script(page, block, tmp_path):
    script = tmp_path / "example.py"
    script.write_text(block, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-W", "error", "-W", "ignore::DeprecationWarning", str(script)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"{page}: {done.stderr}"
