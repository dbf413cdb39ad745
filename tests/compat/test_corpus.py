"""The compatibility corpus (tests/compat/corpus/, built by scripts/build_compat_corpus.py).

Every answer in it is checked here without the checker (each witness with the ``jsonschema``
validator of each document's own dialect), and the checker must never call an incompatible
case compatible: neither as written nor with ``$schema`` removed from the draft-07 documents
(then a clear refusal is fine). Agreement on the compatible cases and timing are reported by
``make corpus``, not asserted here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema.validators import validator_for

from market_data_store_contracts.compat import check
from market_data_store_contracts.errors import ContractsError

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).parent / "corpus"
PATHS = sorted(CORPUS.rglob("*.json"))
DRAFT7 = "http://json-schema.org/draft-07/schema#"
DIALECTS = {DRAFT7, "https://json-schema.org/draft/2020-12/schema"}


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


CASES = {str(path.relative_to(CORPUS).with_suffix("")): _load(path) for path in PATHS}
INCOMPATIBLE = sorted(name for name, case in CASES.items() if not case["compatible"])


def _valid(schema: Any, instance: Any) -> bool:
    cls = validator_for(schema)
    return bool(cls(schema).is_valid(instance))


def _strip(document: Any) -> Any:
    if isinstance(document, dict) and document.get("$schema") == DRAFT7:
        return {k: v for k, v in document.items() if k != "$schema"}
    return document


def test_the_corpus_has_several_hundred_cases_of_both_answers_and_both_dialects() -> None:
    assert len(CASES) >= 300
    assert 0.3 < len(INCOMPATIBLE) / len(CASES) < 0.7
    assert {name.split("/", 1)[0] for name in CASES} == {"draft-07", "2020-12"}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_case_is_well_formed_and_names_its_dialect(name: str) -> None:
    case = CASES[name]
    assert set(case) == {"old", "new", "compatible", "rationale"} | (
        set() if case["compatible"] else {"witness"}
    )
    assert case["rationale"].strip()
    assert "\n" not in case["rationale"]
    assert case["old"]["$schema"] in DIALECTS
    assert case["new"]["$schema"] == case["old"]["$schema"]
    assert name.startswith("draft-07/" if case["old"]["$schema"] == DRAFT7 else "2020-12/")


@pytest.mark.parametrize("name", INCOMPATIBLE)
def test_each_witness_is_valid_under_old_and_invalid_under_new(name: str) -> None:
    case = CASES[name]
    assert _valid(case["old"], case["witness"])
    assert not _valid(case["new"], case["witness"])


@pytest.mark.parametrize("name", INCOMPATIBLE)
def test_the_checker_never_calls_an_incompatible_case_compatible(name: str) -> None:
    case = CASES[name]
    assert not check(case["old"], case["new"]).compatible
    refusal = ""
    try:
        stripped = check(_strip(case["old"]), _strip(case["new"]))
    except ContractsError as error:  # refusing a schema without $schema is fine, if clear
        refusal = str(error)
    if refusal:
        assert "set `$schema` or `--dialect`" in refusal
    else:
        assert not stripped.compatible


def test_the_corpus_on_disk_is_what_its_builder_writes() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_compat_corpus.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=300,  # a guard against a hang, not a time limit
        check=False,
    )
    assert done.returncode == 0, done.stderr
