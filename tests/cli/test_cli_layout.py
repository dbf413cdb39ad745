"""The command line's shape: one module per command in ``cli/``, imported only by the entry."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from market_data_store_contracts.cli import COMMANDS

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "market_data_store_contracts"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_command_is_a_module_of_cli_named_for_it(name: str) -> None:
    home = COMMANDS[name][0]
    assert home == f"market_data_store_contracts.cli.{name}"
    module = importlib.import_module(home)
    assert callable(module.configure)
    assert callable(module.execute)


def _imports(path: Path) -> set[str]:
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            found |= {module} | {f"{module}.{alias.name}" for alias in node.names}
    return found


def test_nobody_but_the_entry_imports_cli() -> None:
    cli = "market_data_store_contracts.cli"
    for path in PACKAGE.rglob("*.py"):
        inside = path.parent == PACKAGE / "cli" or path == PACKAGE / "__main__.py"
        if not inside:
            importers = {name for name in _imports(path) if name.startswith(cli)}
            assert not importers, path
    assert cli in _imports(PACKAGE / "__main__.py")
