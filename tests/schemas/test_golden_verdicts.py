"""The golden examples get the same verdict from the published schema (jsonschema) and from
the Pydantic model a Python consumer uses, except where a file marks a disagreement by design,
which is then pinned exactly."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from golden_support import (
    GOLDEN,
    VERDICTS,
    Case,
    cases,
    golden_files,
    jsonschema_table,
    pydantic_verdict,
)
from jsonschema import Draft202012Validator

from market_data_store_contracts import schemas

CASES = cases()


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_the_published_schema_gives_the_golden_verdict(case: Case) -> None:
    validator = Draft202012Validator(schemas.load(case.schema))
    assert validator.is_valid(case.instance) is case.valid


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_pydantic_agrees_with_the_schema_unless_the_case_pins_a_disagreement(case: Case) -> None:
    expected = case.pydantic or ("accepts" if case.valid else "rejects")
    assert pydantic_verdict(case) == expected


def test_every_published_schema_has_a_golden_file_beside_its_bundle_path() -> None:
    entries = {entry["name"]: entry["file"] for entry in schemas.index()}
    files = {
        json.loads(path.read_text(encoding="utf-8"))["schema"]: path.relative_to(GOLDEN).as_posix()
        for path in golden_files()
    }
    assert files == entries


@pytest.mark.parametrize(
    "path", golden_files(), ids=lambda path: path.relative_to(GOLDEN).as_posix()
)
def test_every_golden_file_has_valid_and_invalid_examples_with_unique_names(path: object) -> None:
    mine = [case for case in CASES if case.file == path]
    assert {case.valid for case in mine} == {True, False}
    assert [name for name, count in Counter(case.name for case in mine).items() if count > 1] == []


def test_a_marked_disagreement_is_a_real_one_and_says_why() -> None:
    marked = [case for case in CASES if case.pydantic is not None]
    for case in marked:
        assert case.pydantic in VERDICTS, case.id
        assert case.pydantic != ("accepts" if case.valid else "rejects"), case.id
        assert case.because, case.id
    # Lax coercion is the disagreement the README warns about: the examples must show it.
    assert {case.id for case in marked} >= {
        "store.FeedbackEvent: queue_size is a numeric string",
        "store.FeedbackEvent: capacity is true",
        "core.Probe: passed is the string true",
    }


def test_the_store_schema_rejects_a_numeric_reason_that_the_open_core_schema_accepts() -> None:
    table = jsonschema_table()
    assert table["core.FeedbackEvent"]["reason 5 is only an unknown key to Core"] is True
    assert table["store.FeedbackEvent"]["reason is a number"] is False


def test_every_valid_store_example_is_a_valid_core_event() -> None:
    core = Draft202012Validator(schemas.load("core.FeedbackEvent"))
    valid = [case for case in CASES if case.schema == "store.FeedbackEvent" and case.valid]
    assert valid
    assert [case.name for case in valid if not core.is_valid(case.instance)] == []
