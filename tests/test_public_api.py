import subprocess
import sys

import market_data_core
import market_data_core.telemetry as core
import pytest

import market_data_store_contracts as contracts


def test_all_is_exactly_the_sorted_public_names():
    assert contracts.__all__ == sorted(contracts.__all__)
    assert contracts.__all__ == [
        "BackpressureLevel",
        "FeedbackBus",
        "FeedbackEvent",
        "HealthComponent",
        "HealthStatus",
        "Probe",
        "feedback_bus",
        "health_status",
    ]
    for name in contracts.__all__:
        assert getattr(contracts, name) is not None


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="NotAContract"):
        contracts.NotAContract  # noqa: B018


def test_the_store_event_is_a_core_event():
    assert issubclass(contracts.FeedbackEvent, core.FeedbackEvent)
    assert contracts.FeedbackEvent is not core.FeedbackEvent


def test_backpressure_level_and_the_health_contracts_are_cores_own_objects():
    assert contracts.BackpressureLevel is core.BackpressureLevel
    assert contracts.HealthStatus is core.HealthStatus
    assert contracts.HealthComponent is core.HealthComponent
    assert contracts.Probe is core.Probe
    assert contracts.FeedbackEvent.model_fields["level"].annotation is core.BackpressureLevel


def test_the_store_event_adds_exactly_one_field_to_cores():
    added = set(contracts.FeedbackEvent.model_fields) - set(core.FeedbackEvent.model_fields)
    assert added == {"reason"}
    for name, field in core.FeedbackEvent.model_fields.items():
        assert contracts.FeedbackEvent.model_fields[name].annotation == field.annotation
        assert contracts.FeedbackEvent.model_fields[name].default == field.default


def test_the_bus_is_a_core_feedback_publisher():
    assert isinstance(contracts.FeedbackBus(), market_data_core.FeedbackPublisher)


def test_importing_the_package_loads_none_of_the_tools_nor_the_wire():
    code = (
        "import sys, market_data_store_contracts as c\n"
        "c.FeedbackEvent.create('a', 1, 2, 'ok'); c.feedback_bus()\n"
        "c.health_status('s', version='1')\n"
        "import market_data_store_contracts.transport\n"
        "print(sorted(m for m in ('datamodel_code_generator', 'jsonschema', 'hypothesis', "
        "'referencing', 'interegular', 'httpx', 'redis', 'starlette', 'uvicorn', "
        "'pydantic_settings') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
