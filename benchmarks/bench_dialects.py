"""What reading a draft-07 document costs: run ``python benchmarks/bench_dialects.py``.

Every document is translated into 2020-12 before it is compared (``dialects.translate``).
Timed on generated draft-07 documents of 100, 1,000 and 10,000 properties that use what the
translation rewrites (``definitions`` and ``$ref`` with siblings, array-form ``items`` with
``additionalItems``, both forms of ``dependencies``): the 1,000/100 and 10,000/1,000 ratios
should be about 10 (the translation is linear in the document), and the share of translation
in a whole check of the 1,000-property document against itself says what it adds to a check.
Rounds are interleaved and medians reported; nothing here asserts a time.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from market_data_store_contracts.compat import check
from market_data_store_contracts.compat.dialects import translate

from ._timing import interleaved, median, time_batch

DRAFT7 = "http://json-schema.org/draft-07/schema#"
SIZES = (100, 1_000, 10_000)


def draft07(size: int) -> dict[str, Any]:
    """A draft-07 object schema of ``size`` properties, a fifth of each kind below."""
    kinds: tuple[Callable[[int], Any], ...] = (
        lambda i: {"$ref": "#/definitions/Code", "description": f"Field {i}."},
        lambda i: {"type": "array", "items": [{"type": "string"}], "additionalItems": False},
        lambda i: {"type": "number", "exclusiveMinimum": 0},
        lambda i: {"type": "object", "dependencies": {"a": ["b"], "c": {"required": ["d"]}}},
        lambda i: {"type": ["string", "null"], "maxLength": 64},
    )
    return {
        "$schema": DRAFT7,
        "type": "object",
        "definitions": {"Code": {"type": "string", "pattern": "^[A-Z]{3}$"}},
        "properties": {f"p{i}": kinds[i % len(kinds)](i) for i in range(size)},
        "required": [f"p{i}" for i in range(0, size, 2)],
    }


def run(rounds: int = 5) -> dict[str, float]:
    """Median nanoseconds per translation of each size, one whole check of the 1,000-property
    document, and the ratios ``scaling`` (1,000/100), ``scaling_10k`` (10,000/1,000) and
    ``share`` (translation / check, 1,000 properties)."""
    documents = {size: draft07(size) for size in SIZES}

    def translating(size: int) -> Callable[[], float]:
        document = documents[size]
        return lambda: float(time_batch(lambda: translate(document, file="bench", default=None)))

    middle = documents[SIZES[1]]
    variants: dict[str, Callable[[], float]] = {
        **{f"translate_{size}_ns": translating(size) for size in SIZES},
        "check_1000_ns": lambda: float(time_batch(lambda: check(middle, middle))),
    }
    samples = interleaved(variants, rounds)
    result = {name: median(values) for name, values in samples.items()}
    result["scaling"] = result["translate_1000_ns"] / result["translate_100_ns"]
    result["scaling_10k"] = result["translate_10000_ns"] / result["translate_1000_ns"]
    result["share"] = result["translate_1000_ns"] / result["check_1000_ns"]
    return result


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    result = run(rounds)
    for size in SIZES:
        print(f"translate {size:>6} properties {result[f'translate_{size}_ns'] / 1e6:>9.2f} ms")
    print(f"check      1,000 properties {result['check_1000_ns'] / 1e6:>9.2f} ms")
    print(f"1000/100     {result['scaling']:>6.2f}x  (linear is about 10x)")
    print(f"10000/1000   {result['scaling_10k']:>6.2f}x  (linear is about 10x)")
    print(f"translation share of a check {result['share']:.3f}")


if __name__ == "__main__":
    main()
