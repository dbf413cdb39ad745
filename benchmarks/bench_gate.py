"""The drift gate (``store-contracts check``) against its floor, both as fresh processes.

The floor is a Python that imports ``market_data_core.telemetry`` and
``datamodel_code_generator`` and does nothing else: the gate cannot cost less than the imports
it needs. The ratio is the gate's median wall time over the floor's, interleaved. The gate's
exit code (0 clean, 1 stale, 3 breaking) does not matter to the timing; a crash does, and
raises :class:`GateFailed`.
"""

from __future__ import annotations

from ._timing import interleaved, median, python, time_process

__all__ = ["GateFailed", "run"]

GATE = ("-m", "market_data_store_contracts", "check")
FLOOR = ("-c", "import market_data_core.telemetry, datamodel_code_generator")
#: Exit codes of a gate that ran to its verdict.
VERDICTS = {0: "clean", 1: "stale", 3: "breaking"}


class GateFailed(RuntimeError):
    """The gate or its floor crashed: there is nothing to time."""


def _gate() -> tuple[float, int]:
    elapsed, done = time_process(python(*GATE))
    crashed = "Traceback (most recent call last)" in done.stderr
    if done.returncode not in VERDICTS or crashed:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise GateFailed(f"`store-contracts check` exited {done.returncode}: {last}")
    return float(elapsed), done.returncode


def run(rounds: int = 5) -> dict[str, float]:
    """Median wall times (ns) of gate and floor, their ratio, and the gate's exit code."""
    exit_codes: list[int] = []

    def gate() -> float:
        elapsed, code = _gate()
        exit_codes.append(code)
        return elapsed

    def floor() -> float:
        elapsed, done = time_process(python(*FLOOR))
        if done.returncode != 0:
            raise GateFailed(f"the floor exited {done.returncode}: {done.stderr.strip()}")
        return float(elapsed)

    samples = interleaved({"gate": gate, "floor": floor}, rounds)
    gate_ns, floor_ns = median(samples["gate"]), median(samples["floor"])
    return {
        "gate_ns": gate_ns,
        "floor_ns": floor_ns,
        "ratio": gate_ns / floor_ns,
        "exit_code": float(exit_codes[-1]),
    }
