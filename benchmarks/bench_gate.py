"""The drift gate (``store-contracts check``) against its floor, both as fresh processes.

The floor is a Python that imports ``market_data_core.telemetry`` and
``datamodel_code_generator`` and does nothing else: the gate cannot cost less than the imports
it needs. The ratio is the gate's median wall time over the floor's, interleaved. The gate's
exit code (0 clean, 1 stale, 3 breaking) does not matter to the timing; a crash does, and
raises :class:`GateFailed`.

The gate runs three ways: on this checkout (its one frozen release), on a copy with a history
of :data:`HISTORY` releases, so the release stage's cost as the history grows shows, and on
this checkout with ``--no-cache``, so the generator runs every time (what a first run, or a
fresh CI machine, pays). The first two reuse the generator's output after the warm-up round.
The copy's older releases are the current bundle as a person would have published it before:
a third without the Store's ``reason`` field (another meaning, compatible), a third with other
descriptions (same meaning), a third identical.

The consumers stage is timed on copies of this checkout that declare :data:`CONSUMERS` (1, 10
and 50) consumers, each reading through its own copy of the TypeScript dashboard's reader
(draft-07, a ``$ref`` to its definitions): the gate should grow about linearly, and each
consumer should add no more than the checker's own time for one reading. Both are measured in
this process, where a few milliseconds are not lost in a process's noise: the stage alone on
each copy, and one reading (``check_per_consumer_ns``); ``per_consumer_vs_check`` is
``(stage with 50 - stage with 1) / 49`` over that reading.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from market_data_store_contracts._documents.canonical import sha256, sha256_semantic

from ._timing import ROOT, interleaved, median, python, time_batch, time_process

__all__ = ["CONSUMERS", "HISTORY", "GateFailed", "run"]

GATE = ("-m", "market_data_store_contracts", "check")
FLOOR = ("-c", "import market_data_core.telemetry, datamodel_code_generator")
#: Exit codes of a gate that ran to its verdict.
VERDICTS = {0: "clean", 1: "stale", 3: "breaking"}
#: Releases in the long history.
HISTORY = 20
PACKAGE = Path("src/market_data_store_contracts")
STORE_EVENT = "store/feedback_event.json"
#: Declared consumers in the copies that time the consumers stage.
CONSUMERS = (1, 10, 50)
READER = Path("schemas/consumers/dashboard/feedback_event.json")
CONSUMERS_TABLE = "[[tool.market-data-store-contracts.consumers]]"


class GateFailed(RuntimeError):
    """The gate or its floor crashed: there is nothing to time."""


def _gate(root: Path, *options: str) -> tuple[float, int]:
    elapsed, done = time_process(python(*GATE, "--root", str(root), *options))
    crashed = "Traceback (most recent call last)" in done.stderr
    if done.returncode not in VERDICTS or crashed:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise GateFailed(f"`store-contracts check` exited {done.returncode}: {last}")
    return float(elapsed), done.returncode


def _older(release: Path, version: str, variant: int) -> None:
    """Turn a copy of the current bundle into an older release ``version``."""
    schema_path = release / STORE_EVENT
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    if variant == 0:
        del schema["properties"]["reason"]
    elif variant == 1:
        schema["description"] = f"The Store's event as release {version} described it."
    schema_path.write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    index_path = release / "index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    index["version"] = version
    for entry in index["schemas"]:
        entry["version"] = version
        if entry["file"] == STORE_EVENT:
            entry["sha256"], entry["sha256_semantic"] = sha256(schema), sha256_semantic(schema)
    index_path.write_text(json.dumps(index, indent=2, sort_keys=True) + "\n", encoding="utf-8")


@contextmanager
def long_history(releases: int = HISTORY) -> Iterator[Path]:
    """A copy of this checkout whose ``schemas/releases`` holds ``releases`` releases: the
    frozen ones, then older ones (``0.3.x``) up to the count."""
    with tempfile.TemporaryDirectory(prefix="bench-gate-") as tmp:
        root = Path(tmp)
        ignore = shutil.ignore_patterns("__pycache__")
        shutil.copy(ROOT / "pyproject.toml", root)
        for folder in ("schemas", "codegen", PACKAGE / "_generated", PACKAGE / "schemas/bundle"):
            shutil.copytree(ROOT / folder, root / folder, ignore=ignore)
        frozen = root / "schemas" / "releases"
        for number in range(releases - len(list(frozen.iterdir()))):
            version = f"0.3.{number}"
            shutil.copytree(ROOT / PACKAGE / "schemas/bundle", frozen / version)
            _older(frozen / version, version, number % 3)
        yield root


@contextmanager
def with_consumers(count: int) -> Iterator[Path]:
    """A copy of this checkout that declares ``count`` consumers of ``store.FeedbackEvent``
    (and no others), each reading through its own copy of the dashboard's reader."""
    with tempfile.TemporaryDirectory(prefix=f"bench-consumers-{count}-") as tmp:
        root = Path(tmp)
        ignore = shutil.ignore_patterns("__pycache__")
        for folder in ("schemas", "codegen", PACKAGE / "_generated", PACKAGE / "schemas/bundle"):
            shutil.copytree(ROOT / folder, root / folder, ignore=ignore)
        text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
        # drop the checkout's own declarations (the last tables of the file)
        start = text.find(CONSUMERS_TABLE)
        text = text if start < 0 else re.sub(r"(?m)(^#.*\n)+\Z", "", text[:start])
        for number in range(count):
            reader = Path("schemas/consumers", f"bench-{number}", READER.name)
            (root / reader).parent.mkdir(parents=True)
            shutil.copy(ROOT / READER, root / reader)
            text += (
                f'\n{CONSUMERS_TABLE}\nname = "bench-{number}"\n'
                f'contract = "store.FeedbackEvent"\nreader = "{reader.as_posix()}"\n'
            )
        (root / "pyproject.toml").write_text(text, encoding="utf-8")
        yield root


def check_per_consumer(rounds: int) -> float:
    """Median nanoseconds of one reading of the published Store event by the dashboard's
    reader, in this process: the checker's own time per consumer. Each reading gets its own
    copy of the reader, as each consumer of the stage reads its own file."""
    from market_data_store_contracts._gate._reading import read_by

    writer = json.loads((ROOT / PACKAGE / "schemas/bundle" / STORE_EVENT).read_text("utf-8"))
    text = (ROOT / READER).read_text(encoding="utf-8")
    batch = 20

    def readings() -> None:
        for reader in [json.loads(text) for _ in range(batch)]:
            read_by(writer, reader, writer_name="writer", reader_name="reader")

    readings()  # warm-up: imports, compiled validators
    return median([time_batch(readings) / batch for _ in range(max(rounds, 3))])


def run(rounds: int = 5) -> dict[str, float]:
    """Median wall times (ns) of the gate (one release and :data:`HISTORY` releases) and its
    floor, their ratios, and the gate's exit codes."""
    exit_codes: dict[str, int] = {}

    def gate(name: str, root: Path, *options: str) -> float:
        elapsed, code = _gate(root, *options)
        exit_codes[name] = code
        return elapsed

    def floor() -> float:
        elapsed, done = time_process(python(*FLOOR))
        if done.returncode != 0:
            raise GateFailed(f"the floor exited {done.returncode}: {done.stderr.strip()}")
        return float(elapsed)

    with contextlib.ExitStack() as stack:
        history = stack.enter_context(long_history())
        declaring = {count: stack.enter_context(with_consumers(count)) for count in CONSUMERS}
        subjects = {
            "gate": lambda: gate("gate", ROOT),
            "gate_history": lambda: gate("gate_history", history),
            "gate_cold": lambda: gate("gate_cold", ROOT, "--no-cache"),
            "floor": floor,
        }
        for count, root in declaring.items():
            name = f"gate_consumers_{count}"
            subjects[name] = lambda name=name, root=root: gate(name, root)
        samples = interleaved(subjects, rounds)
        stage_ns = stage_in_process(declaring, rounds)
    gate_ns, history_ns = median(samples["gate"]), median(samples["gate_history"])
    cold_ns, floor_ns = median(samples["gate_cold"]), median(samples["floor"])
    return {
        "gate_ns": gate_ns,
        "gate_history_ns": history_ns,
        "gate_cold_ns": cold_ns,
        "floor_ns": floor_ns,
        "ratio": gate_ns / floor_ns,
        "ratio_history": history_ns / floor_ns,
        "ratio_cold": cold_ns / floor_ns,
        "releases_history": float(HISTORY),
        "exit_code": float(exit_codes["gate"]),
        "exit_code_history": float(exit_codes["gate_history"]),
        "exit_code_cold": float(exit_codes["gate_cold"]),
        **_consumers(samples, exit_codes, floor_ns, stage_ns, check_per_consumer(rounds)),
    }


def stage_in_process(roots: dict[int, Path], rounds: int) -> dict[int, float]:
    """Median nanoseconds of the consumers stage alone, in this process, on each copy."""
    import codegen
    from market_data_store_contracts._gate._consumers import consumers
    from market_data_store_contracts._gate._declarations import read_consumers
    from market_data_store_contracts._gate._frozen import read_bundle, read_releases

    def stage(root: Path) -> None:
        project = codegen.Project.load(root)
        current = read_bundle(project.bundle_dir, project.relative(project.bundle_dir))
        declared = read_consumers(project, current.entries)
        consumers(project, current, read_releases(project), declared)

    samples = interleaved(
        {
            str(count): lambda root=root: float(time_batch(lambda: stage(root)))
            for count, root in roots.items()
        },
        max(rounds, 3),
    )
    return {int(count): median(values) for count, values in samples.items()}


def _consumers(
    samples: dict[str, list[float]],
    exit_codes: dict[str, int],
    floor_ns: float,
    stage_ns: dict[int, float],
    check_ns: float,
) -> dict[str, float]:
    """The consumers stage's figures: the gate's time and ratio over the floor for each count,
    the stage's own time for each, the time one consumer adds to it, and that over the
    checker's own time per reading."""
    found: dict[str, float] = {"check_per_consumer_ns": check_ns}
    for count in CONSUMERS:
        gate_ns = median(samples[f"gate_consumers_{count}"])
        found[f"gate_consumers_{count}_ns"] = gate_ns
        found[f"ratio_consumers_{count}"] = gate_ns / floor_ns
        found[f"exit_code_consumers_{count}"] = float(exit_codes[f"gate_consumers_{count}"])
        found[f"stage_consumers_{count}_ns"] = stage_ns[count]
    first, last = CONSUMERS[0], CONSUMERS[-1]
    per_consumer = (stage_ns[last] - stage_ns[first]) / (last - first)
    found["per_consumer_ns"] = per_consumer
    found["per_consumer_vs_check"] = per_consumer / check_ns
    return found
