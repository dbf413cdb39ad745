"""Run the compatibility checker over the corpus and say how often it agrees: ``make corpus``.

``python scripts/compat_corpus.py [--repeat N] [--list] [--json PATH] [PATTERN ...]``

Each case of tests/compat/corpus/ (``<dialect>/<family>/<name>.json``: ``old``, ``new``,
``compatible``, ``rationale`` and, when incompatible, a ``witness``) is checked in mode
``backward`` (is every instance of old an instance of new?). Two passes: the schemas as written
(each names its dialect), and the same cases with ``$schema`` removed from the draft-07
documents (read with the default dialect, 2020-12). A pass prints:

- agreement: the share of cases whose verdict equals the expected one;
- false "compatible": the checker said compatible where the corpus holds a witness (must be 0);
- the disagreements by cause: undecided (by ``*_UNDECIDED`` rule), a break whose witness did not
  verify (so undecided in effect), a refused input (an error), and a proven break on a
  compatible case (a wrong witness: a bug in the checker or in the corpus);
- the per-case time, wall clock and CPU (this process's, which a busy machine disturbs less):
  max, p99, median (each case's time is the median of its ``--repeat`` runs).

Exit 1 when some pass has a false "compatible", else 0. Timing is reported, never asserted.
"""

from __future__ import annotations

import argparse
import copy
import fnmatch
import json
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from market_data_store_contracts.compat import check
from market_data_store_contracts.errors import ContractsError

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "compat" / "corpus"
DRAFT7 = "http://json-schema.org/draft-07/schema#"


@dataclass(frozen=True)
class Case:
    name: str
    old: Any
    new: Any
    compatible: bool
    rationale: str


def load(corpus: Path = CORPUS, patterns: tuple[str, ...] = ()) -> list[Case]:
    cases = []
    for path in sorted(corpus.rglob("*.json")):
        name = str(path.relative_to(corpus).with_suffix(""))
        if patterns and not any(fnmatch.fnmatch(name, p) for p in patterns):
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        cases.append(Case(name, data["old"], data["new"], data["compatible"], data["rationale"]))
    return cases


def strip_draft07(document: Any) -> Any:
    """``document`` without its ``$schema`` when that names draft-07."""
    if isinstance(document, dict) and document.get("$schema") == DRAFT7:
        out = copy.copy(document)
        del out["$schema"]
        return out
    return document


@dataclass
class Outcome:
    case: Case
    verdict: bool | None  # None: the checker refused the input
    undecided: tuple[str, ...]  # *_UNDECIDED rules among the breaking findings
    proven: tuple[str, ...]  # breaking rules whose finding carries a verified witness
    unverified: tuple[str, ...]  # breaking rules whose witness did not verify
    seconds: float
    cpu_seconds: float
    error: str = ""

    @property
    def agrees(self) -> bool:
        return bool(self.verdict) == self.case.compatible

    @property
    def cause(self) -> str:
        """Why a disagreement happened, as a group name."""
        if self.verdict is True:
            return "FALSE COMPATIBLE"
        if self.verdict is None:
            return "refused: " + self.error.split(":", 1)[-1].strip()[:90]
        if self.proven:
            return "proven break on a compatible case: " + ", ".join(self.proven)
        if self.unverified:
            return "break without a verified witness: " + ", ".join(
                self.unverified + self.undecided
            )
        return "undecided: " + ", ".join(self.undecided)


def run_case(case: Case, repeat: int, strip: bool) -> Outcome:
    old, new = (strip_draft07(case.old), strip_draft07(case.new)) if strip else (case.old, case.new)
    times, cpu_times = [], []
    report = None
    error = ""
    for _ in range(repeat):
        start, cpu_start = time.perf_counter(), time.process_time()
        try:
            report = check(old, new, mode="backward")
        except ContractsError as exc:
            error = str(exc)
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu_start)
    seconds, cpu_seconds = statistics.median(times), statistics.median(cpu_times)
    if report is None:
        return Outcome(case, None, (), (), (), seconds, cpu_seconds, error)
    breaking = [f for f in report.findings if f.breaking]
    undecided = {f.rule_id for f in breaking if f.rule_id.endswith("_UNDECIDED")}
    proven = {f.rule_id for f in breaking if f.has_witness}
    unverified = {f.rule_id for f in breaking} - undecided - proven
    return Outcome(
        case,
        report.compatible,
        tuple(sorted(undecided)),
        tuple(sorted(proven)),
        tuple(sorted(unverified)),
        seconds,
        cpu_seconds,
    )


@dataclass
class Summary:
    label: str
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def false_compatible(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.verdict is True and not o.case.compatible]

    def lines(self, listing: bool) -> Iterator[str]:
        total = len(self.outcomes)
        agree = sum(o.agrees for o in self.outcomes)
        times = sorted(o.seconds for o in self.outcomes)
        yield f"== {self.label}: {total} cases"
        yield (
            f"agreement: {agree}/{total} = {100 * agree / max(total, 1):.2f}%   "
            f"false compatible: {len(self.false_compatible)}"
        )
        undecided = Counter(r for o in self.outcomes for r in o.undecided)
        yield "undecided findings by rule (all cases): " + (
            ", ".join(f"{rule} {n}" for rule, n in sorted(undecided.items())) or "none"
        )
        refused = sum(o.verdict is None for o in self.outcomes)
        yield f"refused inputs (errors): {refused}"
        if times:
            cpu = sorted(o.cpu_seconds for o in self.outcomes)
            for name, values in (("wall", times), ("cpu", cpu)):
                p99 = values[min(len(values) - 1, int(0.99 * len(values)))]
                yield (
                    f"{name} time per case: max {values[-1] * 1000:.1f} ms, "
                    f"p99 {p99 * 1000:.1f} ms, median {statistics.median(values) * 1000:.1f} ms, "
                    f"over 100 ms: {sum(t > 0.1 for t in values)}"
                )
            slowest = sorted(self.outcomes, key=lambda o: o.seconds)[-3:]
            yield "slowest: " + ", ".join(
                f"{o.case.name} {o.seconds * 1000:.1f} ms" for o in reversed(slowest)
            )
        groups: dict[str, list[Outcome]] = defaultdict(list)
        for outcome in self.outcomes:
            if not outcome.agrees:
                groups[outcome.cause].append(outcome)
        if groups:
            yield "disagreements by cause:"
        for cause, members in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            yield f"  {len(members):4d}  {cause}"
            if listing or cause == "FALSE COMPATIBLE":
                for outcome in members:
                    yield f"          {outcome.case.name}: {outcome.case.rationale}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "cases": len(self.outcomes),
            "agree": sum(o.agrees for o in self.outcomes),
            "false_compatible": [o.case.name for o in self.false_compatible],
            "disagreements": {o.case.name: o.cause for o in self.outcomes if not o.agrees},
            "max_ms": max((o.seconds for o in self.outcomes), default=0.0) * 1000,
            "times_ms": {o.case.name: round(o.seconds * 1000, 3) for o in self.outcomes},
            "cpu_ms": {o.case.name: round(o.cpu_seconds * 1000, 3) for o in self.outcomes},
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("patterns", nargs="*", help="only cases whose name matches (fnmatch)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per case; median is kept")
    parser.add_argument("--list", action="store_true", help="name every disagreeing case")
    parser.add_argument("--json", type=Path, help="also write the outcomes as JSON")
    args = parser.parse_args(argv)
    cases = load(patterns=tuple(args.patterns))
    if not cases:
        print("no case matches", file=sys.stderr)
        return 2
    check({"type": "integer"}, {"type": "number"})  # warm up imports and metaschemas
    summaries = []
    for label, strip in (
        ("as written", False),
        ("draft-07 without $schema", True),
    ):
        summary = Summary(label)
        for case in cases:
            summary.outcomes.append(run_case(case, args.repeat, strip))
        summaries.append(summary)
        for line in summary.lines(args.list):
            print(line)
    if args.json:
        args.json.write_text(
            json.dumps([s.to_dict() for s in summaries], indent=2) + "\n", encoding="utf-8"
        )
    return 1 if any(s.false_compatible for s in summaries) else 0


if __name__ == "__main__":
    sys.exit(main())
