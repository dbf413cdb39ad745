"""Helpers shared by the compat tests, written independently of the checker's internals."""

from __future__ import annotations

import copy
import json
from io import StringIO
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from market_data_store_contracts.cli import run
from market_data_store_contracts.compat import Report


def write_json(folder: Path, name: str, document: Any) -> str:
    """Write ``document`` as ``folder/name`` and return the path as a command-line argument."""
    path = folder / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def run_compat(*argv: str) -> tuple[int, str, str]:
    """``store-contracts compat ARGV``: the exit code, stdout and stderr."""
    stdout, stderr = StringIO(), StringIO()
    code = run(["compat", *argv], stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def closed(document: Any) -> Any:
    """The closed view, as the checker documents it: ``additionalProperties: false`` on every
    object schema that declares ``properties`` and says nothing about other names."""
    document = copy.deepcopy(document)
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("properties"), dict) and not (
                {"additionalProperties", "patternProperties", "unevaluatedProperties"} & node.keys()
            ):
                node["additionalProperties"] = False
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return document


def validator(document: Any, registry: Registry[Any] | None, close: bool) -> Draft202012Validator:
    fresh: Registry[Any] = Registry()
    for uri in registry or ():
        contents = registry[uri].contents if registry is not None else None
        fresh = fresh.with_resource(
            uri, DRAFT202012.create_resource(closed(contents) if close else contents)
        )
    return Draft202012Validator(closed(document) if close else document, registry=fresh)


def assert_witnesses_hold(
    report: Report,
    old: Any,
    new: Any,
    *,
    registry: Registry[Any] | None = None,
    close_old: bool = False,
    close_new: bool = False,
) -> int:
    """Re-validate every reported witness; return how many there were."""
    return assert_witnesses_between(
        report, validator(old, registry, close_old), validator(new, registry, close_new)
    )


def assert_witnesses_between(report: Report, old_validator: Any, new_validator: Any) -> int:
    """Re-validate every reported witness with the given validators of the old and the new
    side; return how many there were. Non-breaking findings and noted ones carry none."""
    count = 0
    for finding in report.findings:
        if not finding.breaking:
            assert finding.witness is None
            continue
        if finding.witness_note is not None:
            assert finding.witness is None
            continue
        accepts, rejects = (
            (old_validator, new_validator)
            if finding.direction == "backward"
            else (new_validator, old_validator)
        )
        assert accepts.is_valid(finding.witness), finding
        assert not rejects.is_valid(finding.witness), finding
        count += 1
    return count
