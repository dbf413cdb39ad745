"""Schema-first contracts of the market-data Store.

The Store's ``FeedbackEvent`` *is a* Core ``FeedbackEvent`` with an optional ``reason``; the
health contracts and ``BackpressureLevel`` are Core's own objects.

Names are loaded on first use, so the generator can import the package's helpers even while
the generated models are missing or stale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import lazy_names

if TYPE_CHECKING:
    from market_data_core.telemetry import BackpressureLevel, HealthComponent, HealthStatus, Probe

    from ._bus import FeedbackBus, feedback_bus
    from ._generated import FeedbackEvent
    from ._health import health_status

__all__ = [
    "BackpressureLevel",
    "FeedbackBus",
    "FeedbackEvent",
    "HealthComponent",
    "HealthStatus",
    "Probe",
    "feedback_bus",
    "health_status",
]

_HOMES = {
    "BackpressureLevel": "market_data_core.telemetry",
    "FeedbackBus": "market_data_store_contracts._bus",
    "FeedbackEvent": "market_data_store_contracts._generated",
    "HealthComponent": "market_data_core.telemetry",
    "HealthStatus": "market_data_core.telemetry",
    "Probe": "market_data_core.telemetry",
    "feedback_bus": "market_data_store_contracts._bus",
    "health_status": "market_data_store_contracts._health",
}


__getattr__, __dir__ = lazy_names(__name__, globals(), _HOMES)
