"""Shared fixtures: the checkout under test and its generation step; the hypothesis profiles.

Profiles, chosen with ``HYPOTHESIS_PROFILE``:

- ``ci`` (the default): the same examples on every run and every machine. Derandomized (the
  seed comes from each test's name), no example database (a failure found once must not change
  what the next run draws), no deadline (a per-example time limit fails on a busy machine).
- ``deep`` (``make test-deep``): random and with larger budgets, keeping what it finds in the
  local database ``.hypothesis/``; budgets that tests set per profile (``_fuzz.budget``,
  ``properties_support.max_examples``) grow with it.

A test's own ``@settings`` inherits from the loaded profile what it does not set, so none sets
``derandomize`` or ``database``: the profile decides.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import settings

#: ``ci`` keeps hypothesis' 100 examples for a test that sets no budget of its own.
settings.register_profile("ci", derandomize=True, database=None, deadline=None)
settings.register_profile("deep", max_examples=1_000, derandomize=False, deadline=None)
# loaded here, before any test module: ``@settings`` resolves what it leaves unset when applied
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def _draw_no_constants_of_the_source() -> None:
    """Hypothesis mixes into its draws the literals of every local module loaded so far (our
    src/ and codegen/, not tests/), so the same derandomized test drew other examples when run
    alone or in the whole suite, from a checkout or an installed wheel, and after any edit of a
    literal anywhere. ``ci`` draws without them; ``deep`` keeps them (they find edge values)."""
    from hypothesis.internal.conjecture import providers  # no public switch for this

    if not hasattr(providers, "_get_local_constants"):
        return  # a hypothesis that mixes in no local constants: nothing to switch off
    empty = providers.Constants()
    providers._get_local_constants = lambda: empty


if settings.get_current_profile_name() == "ci":
    _draw_no_constants_of_the_source()

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
