"""Every code the gate can emit is registered once in ``_gate._codes``, and documented."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from market_data_store_contracts._gate import _codes
from market_data_store_contracts._gate._codes import CODES, Code

ROOT = Path(__file__).resolve().parents[2]
GATE = ROOT / "src" / "market_data_store_contracts" / "_gate"
CODE_LIKE = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")
#: upper-case strings in the gate that are no finding codes: the policy's levels
NOT_CODES = {"BACKWARD_TRANSITIVE", "FORWARD_TRANSITIVE", "FULL_TRANSITIVE", "XDG_CACHE_HOME"}


def _strings(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    # the names the module defines (``__all__`` spells them out) are no codes either
    defined = {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and node.value not in defined
    }


def test_the_table_is_keyed_by_each_codes_id_and_has_every_entry():
    entries = [value for value in vars(_codes).values() if isinstance(value, Code)]
    assert len(CODES) == len(entries) >= 26
    for code_id, code in CODES.items():
        assert code.id == code_id
        assert getattr(_codes, code_id) is code
        assert code.severity in ("info", "stale", "undecided", "breaking")
        assert code.purpose.endswith(".")
        assert "\n" not in code.purpose


STAGES = sorted(path for path in GATE.glob("*.py") if path.name != "_codes.py")


@pytest.mark.parametrize("module", STAGES, ids=lambda path: path.name)
def test_no_stage_writes_a_code_the_table_lacks(module: Path):
    written = {text for text in _strings(module) if CODE_LIKE.fullmatch(text)} - NOT_CODES
    assert written <= set(CODES), "register these in _gate/_codes.py and refer to the entry"


def test_stages_refer_to_the_table_and_never_spell_a_code_out():
    for module in STAGES:
        assert not _strings(module) & set(CODES), module.name


def test_every_code_in_the_table_is_documented():
    manual = (ROOT / "docs" / "gate.md").read_text("utf-8")
    rows = [line for line in manual.splitlines() if line.startswith("| `")]
    documented = {code for row in rows for code in re.findall(r"`([A-Z_]+)`", row.split("|")[1])}
    assert set(CODES) == documented
    for row in rows:
        names = re.findall(r"`([A-Z_]+)`", row.split("|")[1])
        severity = row.split("|")[2].strip()
        assert {CODES[name].severity for name in names} == {severity}, row


@pytest.mark.parametrize(
    ("severities", "status", "exit_code"),
    [
        ((), "clean", 0),
        (("info",), "clean", 0),
        (("stale", "info"), "stale", 1),
        (("undecided", "stale"), "undecided", 5),
        (("breaking", "undecided", "stale"), "breaking", 3),
        (("breaking",), "breaking", 3),
    ],
)
def test_the_worst_severity_decides_status_and_exit_code(severities, status, exit_code):
    from market_data_store_contracts._gate._report import Finding, GateReport

    findings = [Finding("f.json", "", f"CODE_{n}", s, "m") for n, s in enumerate(severities)]
    report = GateReport("1.0", None, findings)
    assert (report.status, int(report.exit_code)) == (status, exit_code)
