"""Reading the golden examples (tests/golden/) and the verdicts Python gives on them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from pydantic import TypeAdapter, ValidationError

import market_data_store_contracts
from market_data_store_contracts import schemas

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
VERDICTS = ("accepts", "rejects")


@dataclass(frozen=True)
class Case:
    file: Path
    schema: str
    name: str
    instance: Any
    valid: bool
    pydantic: str | None  # the verdict Pydantic gives where it differs from the schema's
    because: str | None

    @property
    def id(self) -> str:
        return f"{self.schema}: {self.name}"


def golden_files() -> list[Path]:
    return sorted(GOLDEN.rglob("*.json"))


def cases() -> list[Case]:
    found = []
    for path in golden_files():
        document = json.loads(path.read_text(encoding="utf-8"))
        for case in document["cases"]:
            marked = case.get("pydantic")
            found.append(
                Case(
                    file=path,
                    schema=document["schema"],
                    name=case["name"],
                    instance=case["instance"],
                    valid=case["valid"],
                    pydantic=None if marked is None else marked["verdict"],
                    because=None if marked is None else marked["because"],
                )
            )
    return found


def model(schema_name: str) -> Any:
    """The Pydantic class a Python consumer uses for a published schema: Core's own class for
    ``core.X``, this package's for ``store.X``."""
    kind, _, name = schema_name.partition(".")
    if kind == "core":
        import market_data_core.telemetry

        return getattr(market_data_core.telemetry, name)
    return getattr(market_data_store_contracts, name)


def pydantic_verdict(case: Case) -> str:
    """What Pydantic says about the example read from JSON, as a consumer reads the wire."""
    try:
        TypeAdapter(model(case.schema)).validate_json(json.dumps(case.instance))
    except ValidationError:
        return "rejects"
    return "accepts"


def jsonschema_table() -> dict[str, dict[str, bool]]:
    """``{schema name: {case name: valid?}}`` by jsonschema against the packaged bundle."""
    validators: dict[str, Draft202012Validator] = {}
    table: dict[str, dict[str, bool]] = {}
    for case in cases():
        if case.schema not in validators:
            validators[case.schema] = Draft202012Validator(schemas.load(case.schema))
        table.setdefault(case.schema, {})[case.name] = validators[case.schema].is_valid(
            case.instance
        )
    return table
