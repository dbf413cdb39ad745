"""How the compatibility checker scales: run ``python benchmarks/bench_compat.py``.

Times :func:`market_data_store_contracts.compat.check` (mode ``full``) on generated schemas:
a 100- and a 1,000-property object (the ratio should be about 10: the checker is linear in
the number of properties), 200 levels of nesting, a recursive tree (``$ref: "#"`` under
``items``), and a string enum of 1,000, 10,000 and 100,000 values compared with itself (each
ratio should be about 10: values are looked up, not compared one by one). The once slow
shapes of nested combinators are timed in mode ``backward`` (the command's default): five and
six ``allOf`` members of two-way ``anyOf``s, and the two adversarial pairs of
``tests/compat/cases/COMPLEXITY_UNDECIDED`` that exhaust the checker's step budget (each under
2 KB; the budget makes them answer undecided within a second). Rounds are interleaved and
medians reported; nothing here asserts a time.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from market_data_store_contracts.compat import check


def wide(size: int) -> tuple[Any, Any]:
    """An object with ``size`` typed properties; new adds a bound and loosens a type."""
    kinds = (
        {"type": "integer", "minimum": 0},
        {"type": "string", "maxLength": 64},
        {"type": "number"},
    )
    old = {
        "type": "object",
        "properties": {f"p{i}": dict(kinds[i % 3]) for i in range(size)},
        "required": [f"p{i}" for i in range(0, size, 2)],
    }
    new = {
        "type": "object",
        "properties": {f"p{i}": dict(kinds[i % 3], description=f"Field {i}.") for i in range(size)},
        "required": [f"p{i}" for i in range(0, size, 2)],
    }
    return old, new


def deep(levels: int) -> tuple[Any, Any]:
    """Objects nested ``levels`` deep; the leaf widens integer to number (one forward break,
    whose witness is as deep as the schema)."""
    old: Any = {"type": "integer"}
    new: Any = {"type": "number"}
    for level in range(levels):
        old = {"type": "object", "properties": {f"l{level}": old}, "required": [f"l{level}"]}
        new = {"type": "object", "properties": {f"l{level}": new}, "required": [f"l{level}"]}
    return old, new


def tree() -> tuple[Any, Any]:
    old = {
        "type": "object",
        "properties": {
            "value": {"type": "integer"},
            "children": {"type": "array", "items": {"$ref": "#"}},
        },
        "required": ["value"],
    }
    new = {
        "$defs": {
            "Node": {
                "type": "object",
                "properties": {
                    "value": {"type": "number"},
                    "children": {"type": "array", "items": {"$ref": "#/$defs/Node"}},
                },
            }
        },
        "$ref": "#/$defs/Node",
    }
    return old, new


def enum(size: int) -> tuple[Any, Any]:
    """A string enum of ``size`` values, compared with itself."""
    schema = {"type": "string", "enum": [f"value-{i}" for i in range(size)]}
    return schema, schema


def all_of_any_ofs(members: int) -> tuple[Any, Any]:
    """``allOf`` of ``members`` two-way ``anyOf``s of object branches; new raises each bound."""

    def side(shift: int) -> Any:
        return {
            "allOf": [
                {
                    "anyOf": [
                        {"properties": {"a": {"type": "string", "minLength": i + shift}}},
                        {"properties": {"a": {"type": "integer", "minimum": i + shift}}},
                    ]
                }
                for i in range(members)
            ]
        }

    return side(0), side(1)


_BUDGET_CASES = Path(__file__).resolve().parents[1] / "tests/compat/cases/COMPLEXITY_UNDECIDED"
#: adversarial pairs under 2 KB that exhaust the step budget (found by a random search)
NESTED = ("nested-combinators-past-the-step-budget", "not-of-unions-past-the-step-budget")


def nested(name: str) -> tuple[Any, Any]:
    folder = _BUDGET_CASES / name
    old, new = (json.loads((folder / f"{side}.json").read_text("utf-8")) for side in ("old", "new"))
    return old, new


def _call(pair: tuple[Any, Any], mode: str) -> Callable[[], object]:
    return lambda: check(pair[0], pair[1], mode=mode)


#: enum sizes; the largest is timed in fewer rounds (it takes seconds)
ENUM_SIZES = (1_000, 10_000, 100_000)


def run(rounds: int = 5) -> dict[str, float]:
    """Median seconds per case, plus the 1000/100 ratio (``wide_ratio``) and the enum ratios
    (``enum_ratio_10k``: 10,000 over 1,000 values, ``enum_ratio_100k``: 100,000 over 10,000)."""
    cases: dict[str, tuple[Any, Any]] = {
        "wide_100": wide(100),
        "wide_1000": wide(1000),
        "deep_200": deep(200),
        "tree": tree(),
        **{f"enum_{size}": enum(size) for size in ENUM_SIZES},
    }
    backward: dict[str, tuple[Any, Any]] = {
        "all_of_any_of_5": all_of_any_ofs(5),
        "all_of_any_of_6": all_of_any_ofs(6),
        **{f"nested_{index}": nested(name) for index, name in enumerate(NESTED)},
    }
    timings: dict[str, list[float]] = {name: [] for name in (*cases, *backward)}
    calls = {name: _call(pair, "full") for name, pair in cases.items()}
    calls.update({name: _call(pair, "backward") for name, pair in backward.items()})
    for name, call in calls.items():  # warm-up: imports and validator construction
        if not name.startswith("enum_"):
            call()
    for round_ in range(rounds):
        for name, call in calls.items():
            if name == f"enum_{ENUM_SIZES[-1]}" and round_ >= 2:
                continue
            start = time.perf_counter()
            call()
            timings[name].append(time.perf_counter() - start)
    result = {name: statistics.median(values) for name, values in timings.items()}
    result["wide_ratio"] = result["wide_1000"] / result["wide_100"]
    result["enum_ratio_10k"] = result["enum_10000"] / result["enum_1000"]
    result["enum_ratio_100k"] = result["enum_100000"] / result["enum_10000"]
    result["nested_worst"] = max(result[name] for name in backward)
    return result


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    result = run(rounds)
    print(f"{'case':<12} {'median':>12}")
    names = ("wide_100", "wide_1000", "deep_200", "tree", *(f"enum_{n}" for n in ENUM_SIZES))
    nested_names = ("all_of_any_of_5", "all_of_any_of_6", "nested_0", "nested_1")
    for name in (*names, *nested_names):
        print(f"{name:<12} {result[name] * 1000:>9.1f} ms")
    print(f"{'1000/100':<12} {result['wide_ratio']:>11.2f}x  (linear is about 10x)")
    print(f"{'enum 10k/1k':<12} {result['enum_ratio_10k']:>11.2f}x  (linear is about 10x)")
    print(f"{'enum 100k/10k':<12} {result['enum_ratio_100k']:>10.2f}x  (linear is about 10x)")


if __name__ == "__main__":
    main()
