"""Building Core's ``HealthStatus`` with an aggregate state derived from its components."""

from __future__ import annotations

import math
import time
from collections.abc import Iterable

from market_data_core.telemetry import HealthComponent, HealthState, HealthStatus

__all__ = ["aggregate_state", "health_status"]


def aggregate_state(components: Iterable[HealthComponent]) -> HealthState:
    """Any unhealthy component makes the whole unhealthy, else any degraded one degraded."""
    states = {component.state for component in components}
    if "unhealthy" in states:
        return "unhealthy"
    if "degraded" in states:
        return "degraded"
    return "healthy"


def health_status(
    service: str,
    components: Iterable[HealthComponent] = (),
    *,
    version: str,
    ts: float | None = None,
) -> HealthStatus:
    """A ``HealthStatus`` whose ``state`` is derived from ``components`` (see
    :func:`aggregate_state`), stamped ``ts=time.time()`` unless given.

    Raises ``ValueError`` for a non-finite ``ts``: it would serialize as ``null``, which Core's
    schema rejects.
    """
    components = list(components)
    stamp = time.time() if ts is None else ts
    if not math.isfinite(stamp):
        raise ValueError(f"ts must be a finite number of seconds, got {stamp!r}")
    return HealthStatus(
        service=service,
        state=aggregate_state(components),
        components=components,
        version=version,
        ts=stamp,
    )
