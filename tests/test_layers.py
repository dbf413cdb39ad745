"""The layers of ``[tool.importlinter]`` hold, and ``lint-imports`` would see one broken.

``make lint`` runs ``lint-imports`` on the tree; this test runs it on a copy of the package with
one forbidden import planted per contract, so a contract that can no longer fail is noticed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "market_data_store_contracts"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(
    not LINT_IMPORTS.exists(), reason="needs import-linter (the dev extra)"
)

#: a module of each layer, the import planted in it, and the contract that must then break
PLANTED = [
    ("settings.py", "from .compat import check", "The runtime imports no tool"),
    ("transport/_base.py", "import jsonschema", "The runtime imports no tool"),
    ("_documents/pointers.py", "from ..compat import check", "The document plumbing imports"),
    ("compat/_walk.py", "from .._gate import _codes", "The checker imports neither"),
    ("_gate/_codes.py", "from .. import cli", "Nobody imports the command line"),
]


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", str(ROOT / "pyproject.toml")],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": str(LINT_IMPORTS.parent)},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_tree_keeps_every_layer() -> None:
    result = _lint(PACKAGE.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(("module", "line", "contract"), PLANTED, ids=[p[0] for p in PLANTED])
def test_a_planted_import_breaks_its_layer(
    tmp_path: Path, module: str, line: str, contract: str
) -> None:
    copy = tmp_path / "market_data_store_contracts"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    with (copy / module).open("a", encoding="utf-8") as file:
        file.write(f"\n{line}  # noqa\n")
    result = _lint(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    broken = [text for text in result.stdout.splitlines() if text.endswith(" BROKEN")]
    assert any(text.startswith(contract) for text in broken), broken
