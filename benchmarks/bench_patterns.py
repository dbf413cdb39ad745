"""What deciding ``pattern`` changes costs: run ``python benchmarks/bench_patterns.py``.

Times :func:`market_data_store_contracts.compat.check` (mode ``full``) on string schemas whose
patterns change as real schemas do (a widened class, an added optional group, a loosened
quantifier, a UUID, an e-mail address, a Unicode class), on a quantifier ``{1,N}`` of growing
``N`` (``pattern_ratio``: ``N`` = 200 over ``N`` = 20, linear is about 10), and on the classic
exponential pattern ``(a|b)*a(a|b){k}``, which the budget refuses (undecided) instead of
building, and on the once slow shapes of :data:`SLOW` (``slow_shapes_ratio``). The first call
also pays for reading ``\\d``/``\\w``/``\\s`` off every code point (``first_unicode_class``,
measured in a fresh process). Medians of interleaved rounds; nothing here asserts a time.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from typing import Any

from market_data_store_contracts.compat import check

REAL = {
    "widened_class": ("^[a-z]+$", "^[a-z0-9_]+$"),
    "optional_group": (r"^\d{3}$", r"^\d{3}(-\d{4})?$"),
    "loosened_quantifier": ("^[A-Z]{3}$", "^[A-Z]{2,4}$"),
    "uuid": (
        "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
        "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
    ),
    "email": (
        r"^[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}$",
        r"^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$",
    ),
    "unicode_word": (r"^\w+$", r"^[\w.-]+$"),
    "narrowed_date": (r"^\d{4}-\d{2}-\d{2}", r"^\d{4}-\d{2}-\d{2}$"),
    "exponential_refused": ("(a|b)*a(a|b){12}", "(a|b)*a(a|b){11}"),
}
LENGTHS = (20, 200)

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_FOLDED = "(?i)^" + "".join(f"[{_LETTERS[i % 26]}{_LETTERS[(i * 7 + 3) % 26]}]" for i in range(120))
_DIGITS = "^" + "".join(f"[\\d{_LETTERS[i % 26]}{i % 10}]" for i in range(80))
#: Shapes that once took seconds or never answered (``slow_shapes_ratio``: the slowest of them
#: over ``widened_class``): a pattern the automata refuse, whose examples ``re`` backtracked
#: on; 120 case-folded two-letter classes; 80 classes holding ``\d``.
SLOW = {
    "backtracking_refused": ("(\\w\\w+|.)+\u00e9\\b", "x"),
    "folded_classes_120": (_FOLDED + "$", _FOLDED + "\\Z"),
    "digit_classes_80": (_DIGITS + "$", _DIGITS + "\\Z"),
}


def _pair(old: str, new: str) -> tuple[Any, Any]:
    return {"type": "string", "pattern": old}, {"type": "string", "pattern": new}


def first_unicode_class() -> float:
    """Seconds of the first ``\\d`` comparison in a fresh process (reading the code points)."""
    code = (
        "import time\n"
        "from market_data_store_contracts.compat import check\n"
        "check({'type': 'string'}, {'type': 'string', 'minLength': 1})\n"
        "start = time.perf_counter()\n"
        "check({'type': 'string', 'pattern': '^[0-9]+$'}, "
        "{'type': 'string', 'pattern': '^\\\\d+$'})\n"
        "print(time.perf_counter() - start)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout)


def run(rounds: int = 5) -> dict[str, float]:
    """Median milliseconds per case (decided afresh each round), the ``{1,200}``/``{1,20}``
    ratio and the first Unicode class."""
    timings: dict[str, list[float]] = {name: [] for name in (*REAL, *SLOW)}
    timings.update({f"length_{n}": [] for n in LENGTHS})
    for _round in range(rounds):
        for name, (old, new) in (*REAL.items(), *SLOW.items()):
            _clear()
            start = time.perf_counter()
            check(*_pair(old, new), mode="full")
            timings[name].append(time.perf_counter() - start)
        for n in LENGTHS:
            _clear()
            start = time.perf_counter()
            check(*_pair(f"^[a-z]{{1,{n}}}$", f"^[a-z0-9]{{1,{n}}}$"), mode="full")
            timings[f"length_{n}"].append(time.perf_counter() - start)
    result = {name: statistics.median(values) * 1000 for name, values in timings.items()}
    result["pattern_ratio"] = result[f"length_{LENGTHS[1]}"] / result[f"length_{LENGTHS[0]}"]
    slowest = max(result[name] for name in SLOW)
    result["slow_shapes_ratio"] = slowest / result["widened_class"]
    result["first_unicode_class"] = first_unicode_class() * 1000
    return result


def _clear() -> None:
    """Forget decided questions (not the code points read once per process)."""
    from market_data_store_contracts.compat.forms import _regex

    _regex.search.cache_clear()


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    result = run(rounds)
    for name, value in result.items():
        unit = "x" if name.endswith("ratio") else "ms"
        print(f"{name:<22} {value:>9.2f} {unit}")


if __name__ == "__main__":
    main()
