"""Fixtures of the published-bundle tests: the checkout, its ``codegen`` step and the bundle."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from market_data_store_contracts import _checkout

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def codegen() -> ModuleType:
    module, _project = _checkout.load(ROOT)
    return module


@pytest.fixture(scope="session")
def project(codegen: ModuleType) -> Any:
    return codegen.Project.load(ROOT)


@pytest.fixture(scope="session")
def bundle_dir(project: Any) -> Path:
    path: Path = project.bundle_dir
    if not (path / "index.json").is_file():
        pytest.fail(f"{path} has no index.json: run `make generate`")
    return path
