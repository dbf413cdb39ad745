"""Shared fixtures: the checkout under test and its generation step."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # codegen/ is a package of the checkout, not of the wheel
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def codegen() -> ModuleType:
    import codegen as module

    return module


@pytest.fixture(scope="session")
def project(codegen: ModuleType) -> Any:
    return codegen.Project.load(ROOT)
