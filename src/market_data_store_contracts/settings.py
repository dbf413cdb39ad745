"""``StoreSettings``: the Store's wire settings from the environment, checked at start-up.

Needs the ``settings`` extra (pydantic-settings). ``StoreSettings.load()`` reads the
environment and either returns the settings or raises :class:`SettingsError`, whose message is
one line naming each bad variable, never its value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, ClassVar

from pydantic import Field, SecretStr, ValidationError, field_validator

from ._extras import needs_extra
from .errors import SettingsError

with needs_extra("StoreSettings", "settings", "pydantic-settings", "pydantic_settings"):
    from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from .transport._headers import UNSENDABLE_TOKEN, sendable_token
from .transport._urls import DEFAULT_STREAM, check_http_url, check_redis_url

__all__ = ["MIN_ADMIN_TOKEN_LENGTH", "SettingsError", "StoreSettings"]

#: The shortest ``ADMIN_TOKEN`` accepted (``secrets.token_urlsafe(32)`` gives 43 characters).
MIN_ADMIN_TOKEN_LENGTH = 32


class StoreSettings(BaseSettings):
    """The Store's wire settings, one environment variable each (names are case-insensitive).

    - ``ADMIN_TOKEN`` (required): unlocks health details; at least 32 characters, not
      ``changeme``;
    - ``FEEDBACK_WEBHOOK_URLS``: http(s) URLs that receive feedback events, comma-separated
      (default: none);
    - ``FEEDBACK_WEBHOOK_TOKEN``: bearer token sent to the webhooks (default: none);
    - ``REDIS_URL``: URL of the Redis holding the feedback stream: ``redis://``,
      ``rediss://`` or ``unix://`` for one Redis, ``redis+sentinel://h1:26379,.../service``
      for a master behind Sentinel, ``redis+cluster://h1:7000,...`` for a cluster (default:
      none, Redis publishing off; the forms are in docs/redis.md);
    - ``FEEDBACK_STREAM``: the Redis stream's key (default: ``market-data:feedback``).

    Secrets are ``SecretStr`` (shown as ``'**********'``), and validation errors never carry
    the input. Build it with :meth:`load` at start-up.
    """

    model_config = SettingsConfigDict(
        case_sensitive=False,
        extra="ignore",
        frozen=True,
        hide_input_in_errors=True,
    )

    ENV_NAMES: ClassVar[dict[str, str]] = {
        "admin_token": "ADMIN_TOKEN",
        "feedback_webhook_urls": "FEEDBACK_WEBHOOK_URLS",
        "feedback_webhook_token": "FEEDBACK_WEBHOOK_TOKEN",
        "redis_url": "REDIS_URL",
        "feedback_stream": "FEEDBACK_STREAM",
    }

    admin_token: SecretStr
    feedback_webhook_urls: Annotated[tuple[str, ...], NoDecode] = ()
    feedback_webhook_token: SecretStr | None = None
    redis_url: SecretStr | None = None  # may carry a password
    feedback_stream: str = Field(default=DEFAULT_STREAM, min_length=1)

    @field_validator("admin_token")
    @classmethod
    def _strong_admin_token(cls, value: SecretStr) -> SecretStr:
        token = value.get_secret_value()
        if not token.strip():
            raise ValueError("is empty; set it to a random string (secrets.token_urlsafe(32))")
        if token.strip().lower() == "changeme":
            raise ValueError("is the insecure placeholder 'changeme'; set a random string")
        if len(token) < MIN_ADMIN_TOKEN_LENGTH:
            raise ValueError(
                f"is {len(token)} characters long, shorter than {MIN_ADMIN_TOKEN_LENGTH}"
            )
        return value

    @field_validator("feedback_webhook_urls", mode="before")
    @classmethod
    def _split_urls(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("feedback_webhook_urls")
    @classmethod
    def _http_urls(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for index, url in enumerate(value, 1):
            try:
                check_http_url(url)
            except ValueError as error:
                raise ValueError(f"URL {index}: {error}") from None
        return value

    @field_validator("feedback_webhook_token")
    @classmethod
    def _non_empty_webhook_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            token = value.get_secret_value()
            if not token.strip():
                raise ValueError("is empty; unset it to send no token")
            if not sendable_token(token):
                raise ValueError(UNSENDABLE_TOKEN)
        return value

    @field_validator("redis_url")
    @classmethod
    def _redis_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            text = value.get_secret_value()
            if not text.strip():
                return None  # REDIS_URL= (empty) means Redis off, like leaving it unset
            check_redis_url(text)
        return value

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None) -> StoreSettings:
        """The settings from ``environ`` (the process environment by default).

        Raises :class:`SettingsError`, one line naming every missing or bad variable.
        """
        try:
            if environ is None:
                return cls()
            lowered = {key.lower(): value for key, value in environ.items()}
            known = {field: lowered[field] for field in cls.model_fields if field in lowered}
            return cls.model_validate(known)
        except ValidationError as error:
            raise SettingsError(_problems(error)) from None


def _problems(error: ValidationError) -> dict[str, str]:
    problems: dict[str, str] = {}
    for item in error.errors(include_url=False, include_input=False, include_context=False):
        field = str(item["loc"][0]) if item["loc"] else ""
        variable = StoreSettings.ENV_NAMES.get(field, field.upper())
        if item["type"] == "missing":
            message = "is required and not set"
        else:
            message = item["msg"].removeprefix("Value error, ")
        problems.setdefault(variable, message)
    return problems
