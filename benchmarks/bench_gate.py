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
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from market_data_store_contracts._documents.canonical import sha256, sha256_semantic

from ._timing import ROOT, interleaved, median, python, time_process

__all__ = ["HISTORY", "GateFailed", "run"]

GATE = ("-m", "market_data_store_contracts", "check")
FLOOR = ("-c", "import market_data_core.telemetry, datamodel_code_generator")
#: Exit codes of a gate that ran to its verdict.
VERDICTS = {0: "clean", 1: "stale", 3: "breaking"}
#: Releases in the long history.
HISTORY = 20
PACKAGE = Path("src/market_data_store_contracts")
STORE_EVENT = "store/feedback_event.json"


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

    with long_history() as history:
        samples = interleaved(
            {
                "gate": lambda: gate("gate", ROOT),
                "gate_history": lambda: gate("gate_history", history),
                "gate_cold": lambda: gate("gate_cold", ROOT, "--no-cache"),
                "floor": floor,
            },
            rounds,
        )
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
    }
