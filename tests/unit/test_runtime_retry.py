"""Retry decisions: what is retried, backoff with full jitter, Retry-After, and the timeout budget."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from backend.runtime.calls.retry import (
    MIN_ATTEMPT_MS,
    RetryPolicy,
    backoff_ms,
    is_retryable,
    parse_retry_after,
    remaining_budget_ms,
    retry_delay,
    should_retry,
)

POLICY = RetryPolicy(max_retries=3, timeout_ms=10_000, base_delay_ms=100, max_delay_ms=2000)
NOW = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)


class FixedRandom:
    """Always draws the same fraction, so jitter is predictable."""

    def __init__(self, value: float) -> None:
        self.value = value

    def random(self) -> float:
        return self.value


HALF = FixedRandom(0.5)


@pytest.mark.parametrize("outcome", [500, 502, 503, 504, 599, 408, 429, "network", "refused", "dns", "timeout"])
def test_transient_outcomes_are_retried(outcome: int | str) -> None:
    assert is_retryable(outcome)
    assert retry_delay(POLICY, 1, outcome, elapsed_ms=100, rng=HALF) == pytest.approx(0.05)


@pytest.mark.parametrize("outcome", [400, 401, 403, 404, 409, 422, 200, 301, "tls", "blocked", "auth"])
def test_final_outcomes_are_never_retried(outcome: int | str) -> None:
    assert not is_retryable(outcome)
    assert retry_delay(POLICY, 1, outcome, elapsed_ms=0, rng=HALF) is None


def test_no_retry_after_max_retries() -> None:
    assert retry_delay(POLICY, 3, 503, elapsed_ms=0, rng=HALF) is not None
    assert retry_delay(POLICY, 4, 503, elapsed_ms=0, rng=HALF) is None
    assert retry_delay(RetryPolicy(max_retries=0, timeout_ms=10_000), 1, 503, elapsed_ms=0, rng=HALF) is None


def test_backoff_doubles_up_to_the_ceiling_with_full_jitter() -> None:
    top = FixedRandom(0.999999)
    ceilings = [backoff_ms(POLICY, attempt, top) for attempt in range(1, 8)]
    assert [round(c) for c in ceilings] == [100, 200, 400, 800, 1600, 2000, 2000]
    assert backoff_ms(POLICY, 3, FixedRandom(0.0)) == 0.0
    assert backoff_ms(POLICY, 3, HALF) == pytest.approx(200)


def test_jitter_spreads_delays_with_a_seeded_generator() -> None:
    rng = random.Random(7)
    delays = [retry_delay(POLICY, 2, 503, 0, rng=rng) for _ in range(200)]
    assert all(d is not None and 0 <= d < 0.2 for d in delays)
    assert len({round(d or 0, 4) for d in delays}) > 150


def test_timeout_that_used_the_whole_budget_is_not_retried() -> None:
    assert retry_delay(POLICY, 1, "timeout", elapsed_ms=10_000, rng=HALF) is None
    assert retry_delay(POLICY, 1, "timeout", elapsed_ms=10_000 - MIN_ATTEMPT_MS / 2, rng=HALF) is None
    assert retry_delay(POLICY, 1, "timeout", elapsed_ms=2_000, rng=HALF) is not None


def test_backoff_is_cut_to_leave_room_for_an_attempt() -> None:
    policy = RetryPolicy(max_retries=5, timeout_ms=1_000, base_delay_ms=2_000, max_delay_ms=5_000)
    delay = retry_delay(policy, 1, 503, elapsed_ms=700, rng=HALF)
    assert delay == pytest.approx((300 - MIN_ATTEMPT_MS) / 1000)


def test_retry_after_seconds_is_honoured_exactly() -> None:
    assert retry_delay(POLICY, 1, 429, elapsed_ms=0, retry_after="2", rng=HALF) == 2.0
    assert retry_delay(POLICY, 1, 503, elapsed_ms=0, retry_after=1.5, rng=HALF) == 1.5
    assert retry_delay(POLICY, 1, 429, elapsed_ms=0, retry_after="0", rng=HALF) == 0.0


def test_retry_after_http_date_is_honoured() -> None:
    header = format_datetime(NOW + timedelta(seconds=3), usegmt=True)
    assert retry_delay(POLICY, 1, 503, 0, retry_after=header, rng=HALF, now=NOW) == pytest.approx(3.0)
    past = format_datetime(NOW - timedelta(seconds=30), usegmt=True)
    assert retry_delay(POLICY, 1, 503, 0, retry_after=past, rng=HALF, now=NOW) == 0.0


def test_retry_after_beyond_the_budget_stops() -> None:
    assert retry_delay(POLICY, 1, 429, elapsed_ms=0, retry_after="10", rng=HALF) is None
    assert retry_delay(POLICY, 1, 429, elapsed_ms=8_000, retry_after="2", rng=HALF) is None
    assert retry_delay(POLICY, 1, 429, elapsed_ms=7_000, retry_after="2", rng=HALF) == 2.0


def test_unreadable_retry_after_falls_back_to_backoff() -> None:
    assert parse_retry_after("soon") is None
    assert parse_retry_after("") is None
    assert retry_delay(POLICY, 1, 503, elapsed_ms=0, retry_after="soon", rng=HALF) == pytest.approx(0.05)


def test_retry_after_on_a_final_status_does_not_cause_a_retry() -> None:
    assert retry_delay(POLICY, 1, 400, elapsed_ms=0, retry_after="1", rng=HALF) is None


def test_remaining_budget_never_goes_negative() -> None:
    assert remaining_budget_ms(POLICY, 2_500) == 7_500
    assert remaining_budget_ms(POLICY, 12_000) == 0


def test_should_retry_works_in_seconds_for_the_call_loop() -> None:
    assert should_retry(1, 503, 0.1, 10.0, None, HALF) == pytest.approx(0.05)
    assert should_retry(2, 429, 1.0, 10.0, 3.0, HALF) == 3.0
    assert should_retry(1, 404, 0.1, 10.0, None, HALF) is None
    assert should_retry(1, "timeout", 10.0, 10.0, None, HALF) is None
