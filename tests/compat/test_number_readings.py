"""The readings of numbers the checker documents: literals read as written on the command line,
numbers no JSON text can hold refused through the API, and huge literals that never crash."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from market_data_store_contracts.compat import check
from market_data_store_contracts.errors import ContractsError, ExitCode

from ._support import run_compat

DRAFT_04 = "http://json-schema.org/draft-04/schema#"


def _write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_command_line_reads_a_literal_as_written(tmp_path: Path) -> None:
    # 9007199254740993.0 is no double: Python's json makes 9007199254740992.0 of it, which
    # equals the new bound, while the decimal reading keeps 9007199254740993 out of NEW
    old = _write(tmp_path, "old.json", '{"type": "integer", "maximum": 9007199254740993.0}')
    new = _write(tmp_path, "new.json", '{"type": "integer", "maximum": 9007199254740992}')
    code, out, _ = run_compat(old, new)
    assert code == ExitCode.UNDECIDED
    assert "NUMBER_UNDECIDED" in out
    assert "9007199254740993.0 has no exact double" in out


def test_the_command_line_proves_what_every_reading_agrees_on(tmp_path: Path) -> None:
    old = _write(tmp_path, "old.json", '{"type": "integer", "maximum": 9007199254740992.0}')
    new = _write(tmp_path, "new.json", '{"type": "integer", "maximum": 9007199254740992}')
    code, _, _ = run_compat(old, new)
    assert code == ExitCode.OK


def test_a_literal_beyond_every_double_on_the_command_line_is_an_input_error(
    tmp_path: Path,
) -> None:
    old = _write(tmp_path, "old.json", '{"type": "number", "maximum": 1e400}')
    new = _write(tmp_path, "new.json", '{"type": "number"}')
    code, out, err = run_compat(old, new)
    assert code == ExitCode.USAGE
    assert "/maximum" in err
    assert "1e400" in err
    assert "Traceback" not in err + out


@pytest.mark.parametrize(
    ("schema", "pointer"),
    [
        ({"type": "number", "maximum": math.inf}, "/maximum"),
        ({"type": "number", "exclusiveMinimum": -math.inf}, "/exclusiveMinimum"),
        ({"type": "number", "minimum": math.nan}, "/minimum"),
        ({"multipleOf": math.inf}, "/multipleOf"),
        ({"enum": [1, math.nan]}, "/enum/1"),
        ({"const": math.inf}, "/const"),
        ({"properties": {"a": {"maximum": math.inf}}}, "/properties/a/maximum"),
    ],
)
def test_a_non_finite_number_through_the_api_is_an_input_error(
    schema: dict[str, Any], pointer: str
) -> None:
    with pytest.raises(ContractsError) as raised:
        check({"type": "number"}, schema, new_name="new.json")
    assert raised.value.file == "new.json"
    assert raised.value.pointer == pointer


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ({"type": "number", "minimum": 10**309}, {"type": "integer"}),
        ({"type": "integer"}, {"type": "integer", "maximum": 10**309}),
        ({"type": "number", "maximum": 10**309, "minimum": 10**308}, {"type": "integer"}),
    ],
)
def test_a_huge_integer_bound_in_draft_04_never_crashes(old: Any, new: Any) -> None:
    report = check({"$schema": DRAFT_04, **old}, {"$schema": DRAFT_04, **new})
    assert report.verdict != "compatible"


def test_a_witness_beyond_every_double_is_written_as_its_json_text(tmp_path: Path) -> None:
    old = _write(tmp_path, "old.json", '{"type": "number", "minimum": 4503599627370496}')
    new = _write(tmp_path, "new.json", '{"type": "integer"}')
    code, out, _ = run_compat(old, new)
    assert code == ExitCode.FAILED
    assert "witness: 1e400" in out
    code, out, _ = run_compat("--format", "json", old, new)
    assert "Infinity" not in out
    witnesses = [finding["witness"] for finding in json.loads(out)["findings"]]
    assert witnesses == [math.inf]
