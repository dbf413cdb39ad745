"""Hypothesis profiles of the differential tests and the example counts in the test summary.

Profiles: ``ci`` (1,000 examples per property, the default) and ``deep`` (20,000), chosen with
``HYPOTHESIS_PROFILE=deep``.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import pytest
from hypothesis import settings

#: ``ci`` runs in every ``make test``; ``deep`` on demand: ``HYPOTHESIS_PROFILE=deep make test``.
PROFILES = {"ci": 1_000, "deep": 20_000}
for _name, _examples in PROFILES.items():
    # deadline=None: generating an open-schema instance takes a few ms, with spikes when
    # hypothesis-jsonschema builds nested strategies; a per-example deadline would be flaky.
    settings.register_profile(_name, max_examples=_examples, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


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
