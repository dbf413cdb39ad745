"""The dialect cases: ``dialect_cases/<RULE>/<dialect>-<case>/`` with old.json, new.json and
expected.json (``compatible``, ``mode``, ``rule_ids`` and, for documents without ``$schema``,
the ``dialect`` they are read in). ``compatible`` is the true verdict; ``known_undecided``
marks a compatible pair the checker does not decide yet (it must answer "not compatible" with
``*_UNDECIDED`` findings only, and the mark goes once it decides). Witnesses are re-validated
here with the ``jsonschema`` validator of each document's own dialect, independently of the
checker."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis_jsonschema import from_schema
from jsonschema import Draft4Validator, Draft202012Validator, validators

from market_data_store_contracts._documents.keywords import walk
from market_data_store_contracts.compat import DIALECTS, RULES, check

from . import _fuzz
from ._support import assert_witnesses_between

CASES = Path(__file__).parent / "dialect_cases"
CASE_DIRS = sorted(path for path in CASES.glob("*/*") if path.is_dir())

_SCHEMA_OF = {
    "draft-04": "http://json-schema.org/draft-04/schema#",
    "draft-06": "http://json-schema.org/draft-06/schema#",
    "draft-07": "http://json-schema.org/draft-07/schema#",
    "2019-09": "https://json-schema.org/draft/2019-09/schema",
    "2020-12": "https://json-schema.org/draft/2020-12/schema",
}


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _openapi_as_2020_12(schema: Any) -> Any:
    """The OpenAPI 3.0 reading, written out by hand for the few constructs the cases use."""
    if not isinstance(schema, dict):
        return schema
    out = {key: _openapi_as_2020_12(value) for key, value in schema.items()}
    if "$ref" in schema:
        out = {key: out[key] for key in ("$ref", "definitions") if key in out}
    for keyword in ("properties", "definitions"):
        if keyword in out:
            out[keyword] = {k: _openapi_as_2020_12(v) for k, v in schema[keyword].items()}
    if out.pop("nullable", False) is True and isinstance(out.get("type"), str):
        out["type"] = [out["type"], "null"]
    for exclusive, inclusive in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if isinstance(out.get(exclusive), bool):
            flag = out.pop(exclusive)
            if flag:
                out[exclusive] = out.pop(inclusive)
    return out


#: OpenAPI 3.0's "integer" is "a JSON number without a fraction or exponent part" (its Data
#: Types section): draft-04's type checker says exactly that
_OPENAPI = validators.extend(Draft202012Validator, type_checker=Draft4Validator.TYPE_CHECKER)


def _validator(document: Any, dialect: str | None) -> Any:
    """A validator of the document as written: its ``$schema``, else the case's dialect."""
    if isinstance(document, dict) and "$schema" in document:
        return validators.validator_for(document)(document)
    if dialect == "openapi-3.0":
        return _OPENAPI(_openapi_as_2020_12(document))
    if dialect is None:
        return Draft202012Validator(document)
    cls = validators.validator_for({"$schema": _SCHEMA_OF[dialect]})
    return cls(document)


@pytest.mark.parametrize(
    "case", CASE_DIRS, ids=[f"{path.parent.name}/{path.name}" for path in CASE_DIRS]
)
def test_each_dialect_case_gets_the_expected_verdict_rules_and_verified_witnesses(
    case: Path,
) -> None:
    old, new, expected = (
        _load(case / "old.json"),
        _load(case / "new.json"),
        _load(case / "expected.json"),
    )
    dialect = expected.get("dialect")
    report = check(old, new, mode=expected["mode"], dialect=dialect)
    if expected.get("known_undecided"):  # true verdict "compatible", not decided yet
        assert expected["compatible"] is True
        assert report.compatible is False, "now decided: drop known_undecided"
        assert all(f.rule_id.endswith("_UNDECIDED") for f in report.findings if f.breaking)
    else:
        assert report.compatible is expected["compatible"]
    assert sorted({finding.rule_id for finding in report.findings}) == expected["rule_ids"]
    proven = assert_witnesses_between(report, _validator(old, dialect), _validator(new, dialect))
    breaks = [f for f in report.findings if f.breaking and not f.rule_id.endswith("_UNDECIDED")]
    assert proven == len(breaks), "every proven break carries a verified witness"


def test_every_dialect_case_folder_names_a_registered_rule_and_a_dialect() -> None:
    assert CASE_DIRS
    assert {path.parent.name for path in CASE_DIRS} - set(RULES) == set()
    prefixes = (*DIALECTS, "mixed")
    assert [path for path in CASE_DIRS if not path.name.startswith(prefixes)] == []


#: The rules whose keywords are read differently from one dialect to another, and the dialects
#: in which each is exercised both ways (OpenAPI 3.0 has no dependencies and no tuples).
AFFECTED = {
    "NUMBER_MINIMUM_RAISED": DIALECTS,
    "NUMBER_MAXIMUM_LOWERED": DIALECTS,
    "DEPENDENT_REQUIRED_ADDED": ("draft-04", "draft-06", "draft-07", "2019-09", "2020-12"),
    "TYPE_NARROWED": DIALECTS,
    "STRING_MAX_LENGTH_LOWERED": DIALECTS,
    "PROPERTY_REQUIRED_ADDED": DIALECTS,
    "CONST_CHANGED": ("draft-06", "draft-07"),
    "KEYWORD_UNDECIDED": ("draft-04", "draft-07", "2019-09"),
    "CONDITION_TIGHTENED": ("draft-07", "2019-09"),
    "DEPENDENT_SCHEMA_TIGHTENED": ("draft-04", "draft-06", "draft-07", "2019-09"),
    "ENUM_VALUE_REMOVED": ("openapi-3.0",),
}


@pytest.mark.parametrize("rule_id", sorted(AFFECTED))
def test_each_dialect_has_a_compatible_and_an_incompatible_case_per_affected_rule(
    rule_id: str,
) -> None:
    seen: dict[str, set[bool]] = {dialect: set() for dialect in AFFECTED[rule_id]}
    for path in (CASES / rule_id).iterdir():
        dialect = next(d for d in (*DIALECTS, "mixed") if path.name.startswith(d))
        expected = _load(path / "expected.json")
        if dialect in seen and not expected.get("known_undecided"):
            seen[dialect].add(expected["compatible"])
    assert {d: v for d, v in seen.items() if v != {True, False}} == {}


#: dialects hypothesis-jsonschema draws instances for (it reads draft-04 to draft-07)
_DRAWN = {_SCHEMA_OF[name] for name in ("draft-04", "draft-06", "draft-07")}


def _drawable(path: Path) -> bool:
    """Whether hypothesis-jsonschema can draw from the document: draft-04 to draft-07, and
    ``$ref``s only to JSON pointers of the same document."""
    document = _load(path)
    refs = [v for _, v in walk(document) if isinstance(v, dict) and "$ref" in v]
    return (
        isinstance(document, dict)
        and document.get("$schema") in _DRAWN
        and all(str(ref["$ref"]).startswith("#/") for ref in refs)
    )


_COMPATIBLE = [
    path
    for path in CASE_DIRS
    if _load(path / "expected.json")["compatible"]
    and _drawable(path / "old.json")
    and _drawable(path / "new.json")
]
_ATTACKS = _fuzz.budget({"ci": 8, "deep": 200})


@pytest.mark.parametrize(
    "case", _COMPATIBLE, ids=[f"{path.parent.name}/{path.name}" for path in _COMPATIBLE]
)
def test_each_compatible_dialect_case_withstands_instances_drawn_from_its_schemas(
    case: Path,
) -> None:
    """The truth of a "compatible" case, attacked: instances drawn from one side (from the
    other too, in full mode) are accepted by the other, each read in its own dialect."""
    expected = _load(case / "expected.json")
    old, new = _load(case / "old.json"), _load(case / "new.json")
    pairs = [(old, new)] + ([(new, old)] if expected["mode"] == "full" else [])
    for source, target in pairs:
        _attack(source, target)


def _attack(source: Any, target: Any) -> None:
    accepts, other = _validator(source, None), _validator(target, None)

    @settings(
        max_examples=_ATTACKS,
        suppress_health_check=list(HealthCheck),
    )
    @given(from_schema(copy.deepcopy(source)))  # it rewrites the schema it is given
    def attack(instance: Any) -> None:
        assume(accepts.is_valid(instance))
        assert other.is_valid(instance), instance

    attack()
