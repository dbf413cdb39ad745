"""Every error the package raises has one root, and user mistakes are ``ValueError``s."""

import subprocess
import sys

import pytest

from market_data_store_contracts import compat, errors, schemas
from market_data_store_contracts.errors import (
    ContractsError,
    MissingExtraError,
    PublishError,
    SettingsError,
    StoreContractsError,
    UnknownSchemaError,
)
from market_data_store_contracts.transport import DeliveryFailure


@pytest.mark.parametrize(
    ("error", "also"),
    [
        (ContractsError, ValueError),
        (SettingsError, ValueError),
        (UnknownSchemaError, KeyError),
        (MissingExtraError, ImportError),
        (PublishError, Exception),
    ],
)
def test_every_error_is_under_the_one_root(error: type[Exception], also: type[Exception]) -> None:
    assert issubclass(error, StoreContractsError)
    assert issubclass(error, also)


def test_every_public_error_class_is_listed() -> None:
    classes = {
        name
        for name in errors.__all__
        if isinstance(getattr(errors, name), type)
        and issubclass(getattr(errors, name), BaseException)
    }
    assert classes == {
        "ContractsError",
        "MissingExtraError",
        "PublishError",
        "SettingsError",
        "StoreContractsError",
        "UnknownSchemaError",
    }


def test_the_homes_of_the_errors_raise_the_public_classes() -> None:
    from market_data_store_contracts.settings import SettingsError as FromSettings
    from market_data_store_contracts.transport import PublishError as FromTransport

    assert FromSettings is SettingsError
    assert FromTransport is PublishError
    assert schemas.UnknownSchemaError is UnknownSchemaError
    assert compat.ContractsError is ContractsError
    assert compat.StoreContractsError is StoreContractsError
    assert errors.DeliveryFailure is DeliveryFailure


def test_a_bad_schema_given_to_check_is_a_contracts_error() -> None:
    with pytest.raises(ContractsError) as raised:
        compat.check({"type": 3}, {"type": "string"})
    assert isinstance(raised.value, ValueError)


def test_an_unknown_schema_name_is_the_public_error() -> None:
    with pytest.raises(UnknownSchemaError):
        schemas.load("store.Nope")


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="NotAnError"):
        errors.NotAnError  # noqa: B018


def test_importing_the_errors_loads_no_tool_and_no_wire() -> None:
    code = (
        "import sys\n"
        "from market_data_store_contracts.errors import ContractsError, PublishError\n"
        "print(sorted(m for m in sys.modules if m.startswith('market_data_store_contracts.') "
        "and m.split('.')[1] in ('compat', '_gate', 'cli', 'settings', 'health_app')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
