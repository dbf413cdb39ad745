"""The pieces of the retry policy: ``Retry-After`` parsing and the jittered backoff."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from market_data_store_contracts.transport._retry import (
    backoff_delay,
    check_policy,
    parse_retry_after,
)

NOW = 784111777.0  # Sun, 06 Nov 1994 08:49:37 GMT, RFC 9110's example date


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        (None, None),
        ("0", 0.0),
        ("120", 120.0),
        (" 7 ", 7.0),
        ("Sun, 06 Nov 1994 08:49:47 GMT", 10.0),
        ("Sun, 06 Nov 1994 08:49:27 GMT", 0.0),  # in the past: retry now
        ("Sunday, 06-Nov-94 08:49:47 GMT", 10.0),  # the obsolete forms RFC 9110 still requires
        ("Sun Nov  6 08:49:47 1994", 10.0),
        ("-5", None),
        ("1.5", None),
        ("soon", None),
        ("", None),
        ("\u00b2", None),  # str.isdigit() says yes; float() raised ValueError mid-publish
        ("\u0661\u0662", None),  # Arabic-Indic digits are not delay-seconds (ASCII DIGIT only)
    ],
)
def test_retry_after_is_seconds_or_an_http_date(header: str | None, seconds: float | None) -> None:
    assert parse_retry_after(header, now=lambda: NOW) == seconds


_DATE_ALPHABET = st.sampled_from(
    [
        *"0123456789 ,:-+GMTUCSunMonTueWedThuFriSatJanFebMarAprMayJunJulAugSepOctNovDec",
        "\u00b2",
        "\u0663",
        "\x00",
        "\t",
    ]
)


@given(st.one_of(st.text(), st.text(_DATE_ALPHABET), st.integers(0).map(str)))
@example("\u00b2")
@example("9" * 400)  # float("inf"): more than any max_delay, so the retries end
@example("Fri, 31 Dec 9999 23:59:59 GMT")
@example("Sat, 01 Jan 0001 00:00:00 GMT")
def test_any_retry_after_header_reads_as_none_or_a_non_negative_delay(header: str) -> None:
    # The header comes from the server: whatever it holds, reading it must never raise.
    seconds = parse_retry_after(header, now=lambda: NOW)
    assert seconds is None or seconds >= 0


@given(
    backoff=st.floats(0, 10),
    retry=st.integers(1, 60),
    max_delay=st.floats(0, 100),
    fraction=st.floats(0, 1),
)
def test_the_backoff_is_between_half_and_all_of_its_capped_exponential(
    backoff: float, retry: int, max_delay: float, fraction: float
) -> None:
    ceiling = min(max_delay, backoff * 2.0 ** (retry - 1))
    delay = backoff_delay(
        backoff, retry, max_delay, lambda low, high: low + (high - low) * fraction
    )
    assert ceiling / 2 <= delay <= ceiling
    assert delay <= max_delay


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"timeout": 0}, ValueError),
        ({"timeout": float("inf")}, ValueError),
        ({"timeout": True}, TypeError),
        ({"retries": -1}, ValueError),
        ({"retries": True}, TypeError),
        ({"backoff": float("nan")}, ValueError),
        ({"max_delay": -1}, ValueError),
        ({"max_delay": "1"}, TypeError),
    ],
)
def test_a_policy_that_cannot_work_is_refused(kwargs: dict[str, object], error: type) -> None:
    policy: dict[str, object] = {"timeout": 1.0, "retries": 1, "backoff": 0.1, "max_delay": 1.0}
    with pytest.raises(error):
        check_policy(**(policy | kwargs))  # type: ignore[arg-type]
