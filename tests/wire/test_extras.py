"""Each wire module needs its extra; without it, the ImportError names the extra to install.

A missing distribution is simulated in a fresh interpreter by ``sys.modules[name] = None``,
which makes ``import name`` raise ``ModuleNotFoundError`` as if it were not installed.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

CASES = [
    (
        "httpx",
        "from market_data_store_contracts.transport import HttpFeedbackPublisher",
        "HttpFeedbackPublisher needs the 'http' extra (httpx is not installed): "
        "pip install 'market-data-store-contracts[http]'",
    ),
    (
        "redis",
        "from market_data_store_contracts.transport import RedisFeedbackPublisher",
        "RedisFeedbackPublisher needs the 'redis' extra (redis is not installed): "
        "pip install 'market-data-store-contracts[redis]'",
    ),
    (
        "redis",
        "from market_data_store_contracts.transport import read_feedback",
        "read_feedback needs the 'redis' extra (redis is not installed): "
        "pip install 'market-data-store-contracts[redis]'",
    ),
    (
        "starlette",
        "from market_data_store_contracts.health_app import health_app",
        "health_app needs the 'health' extra (starlette is not installed): "
        "pip install 'market-data-store-contracts[health]'",
    ),
    (
        "pydantic_settings",
        "from market_data_store_contracts.settings import StoreSettings",
        "StoreSettings needs the 'settings' extra (pydantic-settings is not installed): "
        "pip install 'market-data-store-contracts[settings]'",
    ),
]


@pytest.mark.parametrize(("missing", "statement", "message"), CASES, ids=[c[1] for c in CASES])
def test_a_missing_extra_is_an_import_error_naming_it(
    missing: str, statement: str, message: str
) -> None:
    code = (
        f"import sys; sys.modules[{missing!r}] = None\n"
        "try:\n"
        f"    {statement}\n"
        "except ImportError as error:\n"
        "    print(type(error).__name__, error, sep=': ')\n"
        "else:\n"
        "    print('imported')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == f"MissingExtraError: {message}"


def test_the_other_transport_and_publish_error_import_without_the_missing_extra() -> None:
    code = (
        "import sys; sys.modules['httpx'] = None\n"
        "from market_data_store_contracts.transport import PublishError, RedisFeedbackPublisher\n"
        "print(PublishError.__name__, RedisFeedbackPublisher.__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["PublishError", "RedisFeedbackPublisher"]


def test_transport_all_is_exactly_the_sorted_public_names() -> None:
    from market_data_store_contracts import transport

    assert transport.__all__ == sorted(transport.__all__)
    assert transport.__all__ == [
        "DEFAULT_STREAM",
        "DeliveryFailure",
        "FeedbackEntry",
        "FeedbackReader",
        "HttpFeedbackPublisher",
        "PublishError",
        "RedisFeedbackPublisher",
        "ReplicasNotConfirmed",
        "read_feedback",
    ]
    for name in transport.__all__:
        assert getattr(transport, name) is not None
    with pytest.raises(AttributeError):
        transport.Nothing  # noqa: B018
