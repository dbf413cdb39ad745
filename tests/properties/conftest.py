"""The example counts of the differential tests in the test summary.

The hypothesis profiles are those of every test (``tests/conftest.py``); the differential
budgets per profile are in ``properties_support.BUDGET``.
"""

from __future__ import annotations

import sys
from typing import Any

import pytest
from hypothesis import settings


def pytest_terminal_summary(terminalreporter: Any) -> None:
    properties_support = sys.modules.get("properties_support")
    if properties_support is None or not properties_support.COUNTS:
        return
    terminalreporter.section(
        f"differential examples (hypothesis profile {settings.get_current_profile_name()!r}, "
        f"max_examples={properties_support.max_examples()})"
    )
    for count in properties_support.COUNTS:
        terminalreporter.write_line(
            f"{count.calls:>7} examples ({len(count.distinct):>7} distinct)  {count.label}"
        )
        if count.kinds:
            kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(count.kinds.items()))
            terminalreporter.write_line(f"{'':>27}{kinds}")


@pytest.fixture
def examples(record_property: Any) -> Any:
    """``examples(label)`` -> a :class:`properties_support.Counter`; its count is recorded as a
    test property (``--junitxml``) and printed in the summary."""
    import properties_support  # not at conftest import: it loads hypothesis-jsonschema

    made: list[properties_support.Counter] = []

    def make(label: str) -> properties_support.Counter:
        made.append(properties_support.counter(label))
        return made[-1]

    yield make
    for count in made:
        record_property(f"examples: {count.label}", count.calls)
