"""Write the compatibility corpus, tests/compat/corpus/, after checking every answer in it.

``python scripts/build_compat_corpus.py [--examples N] [--check]``

The cases come from ``scripts/corpus/`` (one module per family): each answer follows from how
the case was built, and none is asked of the checker. Before anything is written, every answer
is checked independently of the checker:

- an incompatible case's witness must be valid under ``old`` and invalid under ``new``, each
  with the ``jsonschema`` validator of that document's own dialect;
- a compatible case is attacked: instances of ``old`` drawn by hypothesis-jsonschema (N per
  case, derandomised), the base's sample instances and every witness of its sibling cases;
  each one ``old`` accepts must be accepted by ``new``.

One case fails its check: nothing is written, the failures are listed, exit 1. Otherwise the
folder is replaced as a whole (written next to it, then renamed). ``--check`` writes nothing
and exits 1 when the folder differs from what would be written; ``--verify-only`` checks every
answer and writes nothing.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import warnings
from collections import defaultdict
from pathlib import Path
from typing import Any

from jsonschema.validators import validator_for

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import NO_WITNESS, Case, all_cases

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "compat" / "corpus"


def validator(schema: Any) -> Any:
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _attack(case: Case, probes: list[Any], examples: int) -> list[str]:
    """Instances ``old`` accepts and ``new`` rejects, as messages (empty: none found)."""
    old, new = validator(case.old), validator(case.new)
    problems = [
        f"probe {json.dumps(p)[:120]} is accepted by old and rejected by new"
        for p in probes
        if old.is_valid(p) and not new.is_valid(p)
    ]
    if examples <= 0 or problems:
        return problems
    from hypothesis import HealthCheck, given, settings
    from hypothesis_jsonschema import from_schema

    found: list[Any] = []

    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(from_schema(case.old))
    def attack(instance: Any) -> None:
        if old.is_valid(instance) and not new.is_valid(instance):
            found.append(instance)
            raise AssertionError("counterexample")

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            attack()
        except AssertionError:
            pass
        except Exception as error:
            # a schema hypothesis-jsonschema cannot draw from (it raises errors of its own, e.g.
            # for a recursive $ref): noted; the probes above still ran
            print(
                f"  note: {case.family}/{case.name}: not attacked by generation ({error})",
                file=sys.stderr,
            )
    return [
        f"generated {json.dumps(i)[:120]} is accepted by old and rejected by new" for i in found[:1]
    ]


def verify(cases: list[Case], examples: int) -> list[str]:
    failures: list[str] = []
    probes: dict[str, list[Any]] = defaultdict(list)
    for case in cases:
        probes[case.family].extend(case.probes)
        if not case.compatible:
            probes[case.family].append(case.witness)
    seen: set[str] = set()
    for case in cases:
        label = f"{case.family}/{case.name}"
        if label in seen:
            failures.append(f"{label}: two cases have this name")
        seen.add(label)
        try:
            old, new = validator(case.old), validator(case.new)
        except Exception as error:
            failures.append(f"{label}: a schema is invalid: {error}".splitlines()[0])
            continue
        if case.compatible:
            failures.extend(f"{label}: {p}" for p in _attack(case, probes[case.family], examples))
        elif case.witness is NO_WITNESS:
            failures.append(f"{label}: incompatible without a witness")
        else:
            if not old.is_valid(case.witness):
                failures.append(f"{label}: the witness is not valid under old")
            if new.is_valid(case.witness):
                failures.append(f"{label}: the witness is valid under new")
    return failures


def render(cases: list[Case]) -> dict[str, str]:
    """Relative path -> file text."""
    return {
        f"{case.family}/{case.name}.json": json.dumps(case.to_json(), indent=2, ensure_ascii=False)
        + "\n"
        for case in cases
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--examples",
        type=int,
        default=40,
        help="hypothesis-jsonschema instances per compatible case (default 40)",
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the corpus on disk is stale"
    )
    parser.add_argument(
        "--verify-only", action="store_true", help="check every answer, write nothing"
    )
    args = parser.parse_args(argv)
    cases = list(all_cases())
    files = render(cases)
    if args.check:
        on_disk = {
            str(p.relative_to(CORPUS)): p.read_text(encoding="utf-8")
            for p in CORPUS.rglob("*.json")
        }
        if on_disk != files:
            print(
                f"{CORPUS.relative_to(ROOT)} is stale: run scripts/build_compat_corpus.py",
                file=sys.stderr,
            )
            return 1
        return 0
    failures = verify(cases, args.examples)
    if failures:
        for line in failures:
            print(line, file=sys.stderr)
        print(f"{len(failures)} failures; nothing written", file=sys.stderr)
        return 1
    if args.verify_only:
        print(f"every answer of {len(cases)} cases checked")
        return 0
    staging = Path(tempfile.mkdtemp(prefix=".corpus-", dir=CORPUS.parent))
    for relative, text in files.items():
        path = staging / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if CORPUS.exists():
        retired = CORPUS.with_name(".corpus-old")
        CORPUS.rename(retired)
        staging.rename(CORPUS)
        shutil.rmtree(retired)
    else:
        staging.rename(CORPUS)
    compatible = sum(case.compatible for case in cases)
    print(
        f"wrote {len(cases)} cases ({compatible} compatible, {len(cases) - compatible} "
        f"incompatible) to {CORPUS.relative_to(ROOT)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
