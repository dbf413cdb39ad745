"""The command line's shape: one module per command in ``cli/`` (that only the entry point
imports it is a layer ``lint-imports`` enforces: ``tests/test_layers.py``)."""

from __future__ import annotations

import importlib

import pytest

from market_data_store_contracts.cli import COMMANDS


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_command_is_a_module_of_cli_named_for_it(name: str) -> None:
    home = COMMANDS[name][0]
    assert home == f"market_data_store_contracts.cli.{name}"
    module = importlib.import_module(home)
    assert callable(module.configure)
    assert callable(module.execute)
