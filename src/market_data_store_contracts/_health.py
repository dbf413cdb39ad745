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

    The components are validated again: Core's models allow assignment without validation, so a
    component changed after it was built could otherwise carry a state Core's schema rejects.
    Raises ``ValueError`` (a ``pydantic.ValidationError`` for a bad component) and never builds a
    status that Core's schema rejects: a non-finite ``ts`` would serialize as ``null``.
    """
    checked = [HealthComponent.model_validate(c.model_dump()) for c in components]
    try:
        stamp = time.time() if ts is None else float(ts)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"ts must be a finite number of seconds, got {ts!r}") from None
    if not math.isfinite(stamp):
        raise ValueError(f"ts must be a finite number of seconds, got {ts!r}")
    return HealthStatus(
        service=service,
        state=aggregate_state(checked),
        components=checked,
        version=version,
        ts=stamp,
    )
