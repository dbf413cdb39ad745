"""The RFC 8785 canonicaliser, checked against the RFC's own examples (and ECMAScript itself)."""

from __future__ import annotations

import json
import math
import random
import shutil
import struct
import subprocess

import pytest

from market_data_store_contracts._documents.canonical import canonical_json

# RFC 8785 appendix B: IEEE 754 bit patterns and how ECMAScript prints them.
RFC_NUMBERS = [
    ("0000000000000000", "0"),
    ("8000000000000000", "0"),
    ("0000000000000001", "5e-324"),
    ("8000000000000001", "-5e-324"),
    ("7fefffffffffffff", "1.7976931348623157e+308"),
    ("ffefffffffffffff", "-1.7976931348623157e+308"),
    ("4340000000000000", "9007199254740992"),
    ("c340000000000000", "-9007199254740992"),
    ("4430000000000000", "295147905179352830000"),
    ("44b52d02c7e14af5", "9.999999999999997e+22"),
    ("44b52d02c7e14af6", "1e+23"),
    ("44b52d02c7e14af7", "1.0000000000000001e+23"),
    ("444b1ae4d6e2ef4e", "999999999999999700000"),
    ("444b1ae4d6e2ef4f", "999999999999999900000"),
    ("444b1ae4d6e2ef50", "1e+21"),
    ("3eb0c6f7a0b5ed8c", "9.999999999999997e-7"),
    ("3eb0c6f7a0b5ed8d", "0.000001"),
    ("41b3de4355555553", "333333333.3333332"),
    ("41b3de4355555554", "333333333.33333325"),
    ("41b3de4355555555", "333333333.3333333"),
    ("41b3de4355555556", "333333333.3333334"),
    ("41b3de4355555557", "333333333.33333343"),
    ("becbf647612f3696", "-0.0000033333333333333333"),
    ("43143ff3c1cb0959", "1424953923781206.2"),
]


def _double(bits: str) -> float:
    value: float = struct.unpack(">d", bytes.fromhex(bits))[0]
    return value


@pytest.mark.parametrize(("bits", "expected"), RFC_NUMBERS, ids=[bits for bits, _ in RFC_NUMBERS])
def test_numbers_print_as_rfc_8785_appendix_b_says(bits: str, expected: str) -> None:
    assert canonical_json(_double(bits)) == expected.encode()


@pytest.mark.parametrize("bits", ["7fffffffffffffff", "7ff0000000000000", "fff0000000000000"])
def test_nan_and_infinities_are_refused(bits: str) -> None:
    with pytest.raises(ValueError, match="no JSON form"):
        canonical_json(_double(bits))


def test_the_rfc_8785_section_3_2_2_example_canonicalises_byte_for_byte() -> None:
    source = r"""{
      "numbers": [333333333.33333329, 1E30, 4.50,
                  2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }"""
    expected = (
        '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],'
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}'
    )
    assert canonical_json(json.loads(source)) == expected.encode("utf-8")


def test_members_sort_by_utf16_code_units_as_in_rfc_8785_section_3_2_3() -> None:
    source = r"""{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }"""
    values = [
        "Carriage Return",
        "One",
        "Control",
        "Latin Small Letter O With Diaeresis",
        "Euro Sign",
        "Emoji: Grinning Face",
        "Hebrew Letter Dalet With Dagesh",
    ]
    text = canonical_json(json.loads(source)).decode("utf-8")
    assert [text.index(value) for value in values] == sorted(text.index(value) for value in values)
    # U+1F600 (a surrogate pair, 0xD83D...) sorts before U+FB33 although its code point is larger.
    assert text.startswith('{"\\r":"Carriage Return","1":"One","\u0080":"Control"')


def test_integers_print_like_doubles_and_large_ones_are_refused() -> None:
    assert canonical_json([0, -1, 10**21, 2**53]) == b"[0,-1,1e+21,9007199254740992]"
    for number in (2**53 + 1, 10**400):
        with pytest.raises(ValueError, match="not exactly representable"):
            canonical_json(number)


def test_a_lone_surrogate_and_non_json_values_are_refused() -> None:
    with pytest.raises(ValueError, match="lone surrogate"):
        canonical_json("\ud800")
    with pytest.raises(TypeError, match="not a JSON value"):
        canonical_json({"a": {1, 2}})
    with pytest.raises(TypeError, match="member names must be strings"):
        canonical_json({1: "one"})


def test_whitespace_and_order_of_the_input_do_not_change_the_canonical_form() -> None:
    one = json.loads('{"b": [1, 2.0, {"y": null, "x": true}], "a": "\\u00e9"}')
    two = json.loads('{"a":"é","b":[1.0,2,{"x":true,"y":null}]}')
    assert (
        canonical_json(one)
        == canonical_json(two)
        == '{"a":"é","b":[1,2,{"x":true,"y":null}]}'.encode()
    )


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not on PATH")
def test_numbers_print_as_node_prints_them_for_random_doubles() -> None:
    rng = random.Random(8785)
    values = []
    while len(values) < 3000:
        value = _double(f"{rng.getrandbits(64):016x}")
        if math.isfinite(value):
            values.append(value)
    values += [m * 10.0**e for e in range(-25, 25) for m in (1.0, 1.5, 9.999, 0.1, 123456789.0)]
    script = (
        "const a = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const show = (h) => String(Buffer.from(h, 'hex').readDoubleBE(0));"
        "process.stdout.write(JSON.stringify(a.map(show)));"
    )
    done = subprocess.run(
        ["node", "-e", script],
        input=json.dumps([struct.pack(">d", value).hex() for value in values]),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    expected = json.loads(done.stdout)
    mismatches = [
        (value, want, canonical_json(value).decode())
        for value, want in zip(values, expected, strict=True)
        if canonical_json(value).decode() != want
    ]
    assert mismatches == []
