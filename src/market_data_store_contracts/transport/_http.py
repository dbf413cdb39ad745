"""``HttpFeedbackPublisher``: feedback events POSTed to one or more webhooks, on httpx."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence

import httpx
from market_data_core.telemetry import FeedbackEvent as CoreFeedbackEvent
from pydantic import SecretStr

from ._base import CountingPublisher
from ._errors import DeliveryFailure, PublishError
from ._headers import UNSENDABLE_TOKEN, sendable_token
from ._retry import backoff_delay, check_policy, default_uniform, parse_retry_after
from ._urls import check_http_url, display_url

__all__ = ["HttpFeedbackPublisher"]

logger = logging.getLogger("market_data_store_contracts.transport")

#: Failures after which the request may not have reached the server, or its answer was lost:
#: worth another attempt. Any other error (a bad header, a closed client) is final.
_RETRYABLE_ERRORS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)


class HttpFeedbackPublisher(CountingPublisher):
    """POSTs every published event to each URL; a ``market_data_core.FeedbackPublisher``.

    ``await publish(event)`` sends exactly ``event.model_dump_json()`` with
    ``Content-Type: application/json`` (and ``Authorization: Bearer <token>`` when a token is
    given) to every URL at once. A URL is retried up to ``retries`` times after the first
    attempt, on a connection error, a timeout, a response cut short, 429 or any 5xx, after
    ``backoff * 2**(n-1)`` seconds with jitter (at most ``max_delay``), or after the server's
    ``Retry-After`` when that is longer. A ``Retry-After`` beyond ``max_delay`` ends the
    retries instead of blocking the publisher. Other statuses (4xx, 3xx) are never retried.

    ``publish`` returns only when every URL answered 2xx; otherwise it raises
    :class:`PublishError` naming the URLs that failed with their last status or error, after
    every URL has had all its attempts (one URL failing neither delays nor fails the others).

    Counters, one per delivery (an event to one URL): ``sent`` (answered 2xx), ``failed`` (gave
    up, or cancelled), ``retried`` (attempts after the first); ``published`` counts events. So
    ``sent + failed == published * len(urls)`` once no publish is in flight. A retry after a
    timeout or a lost response may deliver an event twice: that is what ``retried`` counts.

    Use it as an async context manager, or call :meth:`aclose` when done.
    """

    def __init__(
        self,
        url: str | Sequence[str],
        *,
        token: str | SecretStr | None = None,
        timeout: float = 2.0,
        retries: int = 3,
        backoff: float = 0.1,
        max_delay: float = 10.0,
        uniform: Callable[[float, float], float] = default_uniform,
    ) -> None:
        urls = [url] if isinstance(url, str) else list(url)
        if not urls:
            raise ValueError("HttpFeedbackPublisher needs at least one URL")
        checked = tuple(check_http_url(item) for item in urls)
        if len(set(checked)) != len(checked):
            raise ValueError("the same URL is given twice: each event would be sent to it twice")
        check_policy(timeout=timeout, retries=retries, backoff=backoff, max_delay=max_delay)
        secret = token.get_secret_value() if isinstance(token, SecretStr) else token
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            if not isinstance(secret, str) or not secret.strip():
                raise ValueError("token must be a non-empty string (or None for no token)")
            if not sendable_token(secret):  # refused now: h11 would quote it at send time
                raise ValueError(f"token {UNSENDABLE_TOKEN}")
            headers["Authorization"] = f"Bearer {secret}"
        self._urls = checked
        self._names = tuple(display_url(item) for item in checked)
        self._retries = retries
        self._backoff = backoff
        self._max_delay = max_delay
        self._uniform = uniform
        self._client = httpx.AsyncClient(
            headers=headers, timeout=httpx.Timeout(timeout), follow_redirects=False
        )
        super().__init__()

    def __repr__(self) -> str:
        return f"HttpFeedbackPublisher({list(self._names)!r})"

    @property
    def urls(self) -> tuple[str, ...]:
        """The destinations, without credentials, query or fragment."""
        return self._names

    async def _close_client(self) -> None:
        await self._client.aclose()

    async def publish(self, event: CoreFeedbackEvent) -> None:
        """Send ``event`` to every URL; raise :class:`PublishError` unless all took it.

        ``TypeError`` for a non-event, ``ValueError`` for an event whose JSON its contract
        rejects; neither is counted, nothing is sent.
        """
        payload, _store = self._accept(event)
        if len(self._urls) == 1:  # the common case, without gather's task
            outcome = await self._deliver(0, payload)
            failures = [] if outcome is None else [outcome]
        else:
            outcomes = await asyncio.gather(
                *(self._deliver(index, payload) for index in range(len(self._urls)))
            )
            failures = [outcome for outcome in outcomes if outcome is not None]
        if failures:
            raise PublishError(failures, delivered=len(self._urls) - len(failures))

    def _deliver(self, index: int, payload: bytes) -> Awaitable[DeliveryFailure | None]:
        return self._failed_if_cancelled(self._attempts(index, payload))

    async def _attempts(self, index: int, payload: bytes) -> DeliveryFailure | None:
        """POST ``payload`` to URL ``index`` until it is taken or the attempts run out."""
        url, name = self._urls[index], self._names[index]
        attempt = 0
        while True:
            attempt += 1
            status: int | None = None
            error: BaseException | None = None
            retry_after: float | None = None
            try:
                response = await self._client.post(url, content=payload)
            except _RETRYABLE_ERRORS as caught:
                error, retryable = caught, True
            except Exception as caught:
                error, retryable = caught, False
            else:
                status = response.status_code
                if 200 <= status < 300:
                    self._sent += 1
                    return None
                retryable = status == 429 or status >= 500
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
            note = None
            if retryable and attempt <= self._retries:
                delay = backoff_delay(self._backoff, attempt, self._max_delay, self._uniform)
                if retry_after is not None and retry_after > self._max_delay:
                    note = f"Retry-After {retry_after:g} s is more than max_delay"
                else:
                    if retry_after is not None:
                        delay = max(delay, retry_after)
                    logger.debug(
                        "feedback POST to %s failed (%s); retry %d in %.3f s",
                        name,
                        status if status is not None else repr(error),
                        attempt,
                        delay,
                    )
                    await asyncio.sleep(delay)
                    if not self._closed:
                        self._retried += 1
                        continue
                    note = "closed while waiting to retry"
            self._failed += 1
            failure = DeliveryFailure(name, attempt, status, error, note)
            logger.warning("feedback event not delivered: %s", failure)
            return failure
