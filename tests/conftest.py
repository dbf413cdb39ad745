"""Shared fixtures: the checkout under test and its generation step."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # codegen/ is a package of the checkout, not of the wheel
    sys.path.insert(0, str(ROOT))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked ``codegen`` run the generator: they skip, with the reason, where the codegen
    extra is not installed (it needs Pydantic >= 2.8.2; the oldest set of ``make test-matrix``
    runs the models and the checker on Pydantic 2.7 without it)."""
    if importlib.util.find_spec("datamodel_code_generator") is not None:
        return
    skip = pytest.mark.skip(reason="needs the codegen extra (datamodel-code-generator)")
    for item in items:
        if item.get_closest_marker("codegen") is not None:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def codegen() -> ModuleType:
    import codegen as module

    return module


@pytest.fixture(scope="session")
def project(codegen: ModuleType) -> Any:
    return codegen.Project.load(ROOT)


@pytest.fixture(scope="session")
def committed_tree(codegen: ModuleType, project: Any) -> dict[Path, str]:
    """``generated_as_committed`` for the installed Core and Pydantic."""
    from codegen_support import generated_as_committed

    return generated_as_committed(codegen, project)
