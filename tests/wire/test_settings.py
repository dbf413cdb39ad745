"""``StoreSettings``: no insecure default, one line per start-up failure, secrets never shown."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import SecretStr, ValidationError

from market_data_store_contracts.settings import SettingsError, StoreSettings

GOOD = "k3Y-" + "x" * 40


def test_good_settings_and_their_defaults() -> None:
    settings = StoreSettings.load({"ADMIN_TOKEN": GOOD})
    assert isinstance(settings.admin_token, SecretStr)
    assert settings.admin_token.get_secret_value() == GOOD
    assert settings.feedback_webhook_urls == ()
    assert settings.feedback_webhook_token is None
    assert settings.redis_url is None
    assert settings.feedback_stream == "market-data:feedback"


def test_every_variable_is_read_and_names_are_case_insensitive() -> None:
    settings = StoreSettings.load(
        {
            "admin_token": GOOD,
            "FEEDBACK_WEBHOOK_URLS": " http://a.example/hook , https://b.example:8443/x ",
            "FEEDBACK_WEBHOOK_TOKEN": "webhook-secret",
            "REDIS_URL": "redis://:pw@127.0.0.1:6379/2",
            "FEEDBACK_STREAM": "store:feedback",
            "UNRELATED": "ignored",
        }
    )
    assert settings.feedback_webhook_urls == ("http://a.example/hook", "https://b.example:8443/x")
    assert settings.feedback_webhook_token is not None
    assert settings.redis_url is not None
    assert settings.redis_url.get_secret_value() == "redis://:pw@127.0.0.1:6379/2"
    assert settings.feedback_stream == "store:feedback"


def test_the_process_environment_is_read_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADMIN_TOKEN", GOOD)
    monkeypatch.setenv("REDIS_URL", "")
    assert StoreSettings.load().admin_token.get_secret_value() == GOOD
    assert StoreSettings.load().redis_url is None  # empty means off, like unset
    monkeypatch.delenv("ADMIN_TOKEN")
    with pytest.raises(SettingsError) as caught:
        StoreSettings.load()
    assert str(caught.value) == "invalid settings: ADMIN_TOKEN: is required and not set"


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({}, "invalid settings: ADMIN_TOKEN: is required and not set"),
        (
            {"ADMIN_TOKEN": ""},
            "invalid settings: ADMIN_TOKEN: is empty; set it to a random string "
            "(secrets.token_urlsafe(32))",
        ),
        (
            {"ADMIN_TOKEN": "   "},
            "invalid settings: ADMIN_TOKEN: is empty; set it to a random string "
            "(secrets.token_urlsafe(32))",
        ),
        (
            {"ADMIN_TOKEN": "changeme"},
            "invalid settings: ADMIN_TOKEN: is the insecure placeholder 'changeme'; "
            "set a random string",
        ),
        (
            {"ADMIN_TOKEN": "ChangeMe"},
            "invalid settings: ADMIN_TOKEN: is the insecure placeholder 'changeme'; "
            "set a random string",
        ),
        (
            {"ADMIN_TOKEN": "x" * 31},
            "invalid settings: ADMIN_TOKEN: is 31 characters long, shorter than 32",
        ),
        (
            {"ADMIN_TOKEN": GOOD, "FEEDBACK_WEBHOOK_URLS": "http://ok.example,file:///etc/passwd"},
            "invalid settings: FEEDBACK_WEBHOOK_URLS: URL 2: only http:// and https:// URLs "
            "can receive feedback, not file://",
        ),
        (
            {"ADMIN_TOKEN": GOOD, "REDIS_URL": "http://127.0.0.1:6379"},
            "invalid settings: REDIS_URL: a Redis URL must start with redis://, rediss://, "
            "unix://, redis+sentinel:// or redis+cluster://, not http://",
        ),
        (
            {"ADMIN_TOKEN": GOOD, "FEEDBACK_STREAM": ""},
            "invalid settings: FEEDBACK_STREAM: String should have at least 1 character",
        ),
        (
            {"ADMIN_TOKEN": GOOD, "FEEDBACK_WEBHOOK_TOKEN": " "},
            "invalid settings: FEEDBACK_WEBHOOK_TOKEN: is empty; unset it to send no token",
        ),
        (
            {"ADMIN_TOKEN": GOOD, "FEEDBACK_WEBHOOK_TOKEN": "hook-secret\n"},
            "invalid settings: FEEDBACK_WEBHOOK_TOKEN: is not printable ASCII without control "
            "characters, line breaks or leading and trailing spaces, so it cannot be sent in a "
            "header",
        ),
        (
            {"ADMIN_TOKEN": "changeme", "REDIS_URL": "ftp://x"},
            "invalid settings: ADMIN_TOKEN: is the insecure placeholder 'changeme'; set a "
            "random string; REDIS_URL: a Redis URL must start with redis://, rediss://, "
            "unix://, redis+sentinel:// or redis+cluster://, not ftp://",
        ),
    ],
)
def test_a_missing_or_bad_value_is_one_line_naming_the_variable(
    environ: dict[str, str], message: str
) -> None:
    with pytest.raises(SettingsError) as caught:
        StoreSettings.load(environ)
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__


def test_the_placeholder_is_refused_even_when_long_enough() -> None:
    with pytest.raises(SettingsError, match="placeholder"):
        StoreSettings.load({"ADMIN_TOKEN": "  CHANGEME  "})


def test_secrets_never_show_in_repr_str_logs_or_errors(caplog: pytest.LogCaptureFixture) -> None:
    settings = StoreSettings.load(
        {
            "ADMIN_TOKEN": GOOD,
            "FEEDBACK_WEBHOOK_TOKEN": "hook-" + "s" * 20,
            "REDIS_URL": "redis://:pw9@h",
        }
    )
    logging.getLogger("test").warning("settings: %s %r", settings, settings)
    shown = [repr(settings), str(settings), caplog.text, str(settings.model_dump())]
    for text in shown:
        assert GOOD not in text
        assert "hook-sss" not in text
        assert "pw9" not in text
    short = "secret-but-too-short"
    for build in (
        lambda: StoreSettings.load({"ADMIN_TOKEN": short}),
        lambda: StoreSettings(admin_token=short),  # the plain constructor hides input too
    ):
        with pytest.raises((SettingsError, ValidationError)) as caught:
            build()
        assert short not in str(caught.value)
        assert short not in repr(caught.value)


def test_settings_are_frozen() -> None:
    settings = StoreSettings.load({"ADMIN_TOKEN": GOOD})
    with pytest.raises(ValidationError):
        settings.feedback_stream = "other"  # type: ignore[misc]


@given(st.text(min_size=0, max_size=80))
def test_any_token_is_accepted_only_if_long_and_not_the_placeholder(token: str) -> None:
    # Refused with one of three messages, none of which carries any part of the token.
    if not token.strip():
        expected = "is empty; set it to a random string (secrets.token_urlsafe(32))"
    elif token.strip().lower() == "changeme":
        expected = "is the insecure placeholder 'changeme'; set a random string"
    elif len(token) < 32:
        expected = f"is {len(token)} characters long, shorter than 32"
    else:
        settings = StoreSettings.load({"ADMIN_TOKEN": token})
        assert settings.admin_token.get_secret_value() == token
        return
    with pytest.raises(SettingsError) as caught:
        StoreSettings.load({"ADMIN_TOKEN": token})
    assert str(caught.value) == f"invalid settings: ADMIN_TOKEN: {expected}"


@pytest.mark.parametrize(
    "url",
    [
        "redis+sentinel://s1.example:26379,s2.example:26379,s3.example/feedback",
        "redis+sentinel://:pw9@s1.example/feedback/2",
        "redis+cluster://n1.example:7000,n2.example:7001",
        "redis+cluster://user:pw9@[::1]:7000",
    ],
)
def test_sentinel_and_cluster_urls_configure_the_store(url: str) -> None:
    settings = StoreSettings.load({"ADMIN_TOKEN": GOOD, "REDIS_URL": url})
    assert settings.redis_url is not None
    assert settings.redis_url.get_secret_value() == url
    assert "pw9" not in repr(settings)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "redis+sentinel://:pw9@s1.example:26379",
            "the URL 'redis+sentinel://s1.example:26379' names no master: "
            "redis+sentinel://host:port,.../service",
        ),
        (
            "redis+cluster://u:pw9@n1.example:7000/3",
            "the URL 'redis+cluster://n1.example:7000/3' names a database; a cluster has only "
            "database 0",
        ),
        (
            "redis+cluster://u:pw9@n1.example:70000",
            "the URL 'redis+cluster://n1.example:70000' has an invalid port in 'n1.example:70000'",
        ),
        (
            "redis+cluster://u:pw9/x@n1.example?password=pw9",
            "the URL 'redis+cluster://n1.example' has a query or fragment; redis+cluster:// "
            "takes neither",
        ),
    ],
)
def test_a_bad_sentinel_or_cluster_url_is_one_line_without_its_password(
    url: str, message: str
) -> None:
    with pytest.raises(SettingsError) as caught:
        StoreSettings.load({"ADMIN_TOKEN": GOOD, "REDIS_URL": url})
    assert str(caught.value) == f"invalid settings: REDIS_URL: {message}"
    assert "pw9" not in str(caught.value)
