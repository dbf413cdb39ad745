import math

import pytest
from market_data_core.telemetry import HealthComponent, HealthStatus

from market_data_store_contracts import health_status


def component(name, state):
    return HealthComponent(name=name, state=state)


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        ([], "healthy"),
        (["healthy"], "healthy"),
        (["healthy", "healthy"], "healthy"),
        (["healthy", "degraded"], "degraded"),
        (["degraded", "healthy", "degraded"], "degraded"),
        (["healthy", "unhealthy"], "unhealthy"),
        (["unhealthy", "degraded"], "unhealthy"),
        (["degraded", "healthy", "unhealthy"], "unhealthy"),
    ],
)
def test_the_aggregate_state_is_the_worst_component_state(states, expected):
    status = health_status(
        "store", [component(f"c{i}", s) for i, s in enumerate(states)], version="0.4.0", ts=1.0
    )
    assert type(status) is HealthStatus
    assert status.state == expected
    assert [c.state for c in status.components] == states


def test_components_may_be_any_iterable_and_are_kept_in_order():
    parts = (component(name, "healthy") for name in ["db", "queue", "bus"])
    status = health_status("store", parts, version="0.4.0")
    assert [c.name for c in status.components] == ["db", "queue", "bus"]


def test_the_status_round_trips_through_cores_json():
    status = health_status("store", [component("db", "degraded")], version="0.4.0", ts=5.0)
    assert HealthStatus.model_validate_json(status.model_dump_json()) == status


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_a_non_finite_ts_is_refused(bad):
    with pytest.raises(ValueError, match="finite"):
        health_status("store", version="0.4.0", ts=bad)
