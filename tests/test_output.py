"""One output layer: every command's report is written and escaped by ``_output``."""

from __future__ import annotations

import json

import pytest

from market_data_store_contracts._gate import GateReport
from market_data_store_contracts._gate._report import Finding
from market_data_store_contracts._output import (
    FORMATS,
    Annotation,
    Output,
    escape_data,
    escape_property,
    of_compat,
    of_gate,
)
from market_data_store_contracts.compat import check


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("50% done", "50%25 done", "50%25 done"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
        ("%0A", "%250A", "%250A"),
        ("plain/path.json", "plain/path.json", "plain/path.json"),
    ],
)
def test_github_escaping_follows_the_workflow_command_rules(text, data, prop):
    assert escape_data(text) == data
    assert escape_property(text) == prop


def test_a_github_annotation_escapes_its_properties_and_its_message():
    output = Output(
        (Annotation("error", "a,b:c.json", "/x", "CODE,1", "text", "line 1\nline 2 100%"),),
        "summary",
        {},
    )
    assert FORMATS["github"](output) == (
        "::error file=a%2Cb%3Ac.json,title=CODE%2C1::line 1%0Aline 2 100%25\n"
    )


def test_the_gate_escapes_a_file_name_in_an_annotation():
    finding = Finding("odd,name:1.json", "/p", "RELEASE_MISSING", "stale", "two\nlines")
    output = of_gate(GateReport("1.0", "1.0", [finding]))
    [annotation, summary] = FORMATS["github"](output).splitlines()
    assert annotation == ("::warning file=odd%2Cname%3A1.json,title=RELEASE_MISSING::two%0Alines")
    assert summary == "drift gate: stale (market-data-core 1.0)"


def test_text_shows_each_annotation_its_notes_and_the_summary():
    output = Output(
        (Annotation("notice", "f.json", "/a", "T", "said (T)", "said", ("fix: x", "- y")),),
        "done",
        {},
    )
    assert FORMATS["text"](output) == "f.json#/a: said (T)\n  fix: x\n  - y\ndone\n"


def test_both_commands_turn_into_the_same_three_formats():
    compat = of_compat(check({"type": "integer"}, {"type": "string"}))
    gate = of_gate(GateReport("1.0", None, []))
    assert sorted(FORMATS) == ["github", "json", "text"]
    for output in (compat, gate):
        assert json.loads(FORMATS["json"](output)) == json.loads(json.dumps(output.document))
        assert FORMATS["text"](output).endswith(output.summary + "\n")


def test_json_keeps_each_commands_encoding_of_non_ascii_text():
    compat = of_compat(check({"enum": ["é"]}, {"enum": ["e"]}))
    gate = of_gate(GateReport("1.0", None, [Finding("f", "", "C", "info", "é")]))
    assert '"é"' in FORMATS["json"](compat)
    assert "\\u00e9" in FORMATS["json"](gate)
