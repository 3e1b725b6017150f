"""Whether and when to retry an action call: pure decisions, tested without a network.

An attempt's outcome is an HTTP status (``int``) or the kind of transport failure (``"timeout"``, ``"network"``,
``"refused"``, ``"dns"``, ``"tls"``, ``"blocked"``, ``"auth"``). Retried: transport failures that may pass
(network, refused, dns, a timeout that left budget), 5xx, 408 and 429. Never: other 4xx, TLS, blocked
destinations, auth failures. Waits use exponential backoff with full jitter, and ``Retry-After`` (seconds or an
HTTP date) when the server sends it; nothing ever waits past the action's timeout budget.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Protocol

Outcome = int | str

RETRYABLE_STATUSES = frozenset({408, 429})
RETRYABLE_FAILURES = frozenset({"timeout", "network", "refused", "dns"})
# A retry that would leave less than this for the attempt itself is not worth making.
MIN_ATTEMPT_MS = 50.0


class RandomSource(Protocol):
    """What the jitter needs: ``random.Random`` in production, a seeded one in tests."""

    def random(self) -> float: ...


@dataclass(frozen=True)
class RetryPolicy:
    """An action's retry settings: ``max_retries`` after the first attempt, all within ``timeout_ms``."""

    max_retries: int
    timeout_ms: float
    base_delay_ms: float = 100.0
    max_delay_ms: float = 2000.0


_RNG = random.Random()


def is_retryable(outcome: Outcome) -> bool:
    """Whether this kind of result may succeed when tried again."""
    if isinstance(outcome, int):
        return outcome >= 500 or outcome in RETRYABLE_STATUSES
    return outcome in RETRYABLE_FAILURES


def remaining_budget_ms(policy: RetryPolicy, elapsed_ms: float) -> float:
    """What is left of the timeout budget after ``elapsed_ms`` (never negative)."""
    return max(0.0, policy.timeout_ms - elapsed_ms)


def backoff_ms(policy: RetryPolicy, attempt: int, rng: RandomSource) -> float:
    """Full jitter: uniform in ``[0, min(max_delay, base * 2^(attempt-1)))`` so retrying clients spread out."""
    ceiling: float = min(policy.max_delay_ms, policy.base_delay_ms * 2.0 ** max(0, attempt - 1))
    return rng.random() * ceiling


def parse_retry_after(value: str | float | None, now: datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` value asks for (delta-seconds or HTTP date; a past date is 0), None if unreadable."""
    if value is None:
        return None
    if isinstance(value, int | float):
        return max(0.0, float(value))
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def retry_delay(
    policy: RetryPolicy,
    attempt: int,
    outcome: Outcome,
    elapsed_ms: float,
    retry_after: str | float | None = None,
    rng: RandomSource = _RNG,
    now: datetime | None = None,
) -> float | None:
    """Seconds to wait before the next attempt after attempt number ``attempt`` (1-based), or None to stop."""
    if attempt > policy.max_retries or not is_retryable(outcome):
        return None
    remaining = remaining_budget_ms(policy, elapsed_ms)
    if remaining <= MIN_ATTEMPT_MS:
        return None  # includes a timeout that used the whole budget
    asked = parse_retry_after(retry_after, now)
    if asked is not None:
        # The server's wish is honoured exactly, or not at all when it does not fit in the budget.
        return asked if asked * 1000 + MIN_ATTEMPT_MS <= remaining else None
    wait_ms = min(backoff_ms(policy, attempt, rng), remaining - MIN_ATTEMPT_MS)
    return wait_ms / 1000


def should_retry(
    attempt: int,
    outcome: Outcome,
    elapsed_s: float,
    budget_s: float,
    retry_after: str | float | None = None,
    rng: RandomSource = _RNG,
    now: datetime | None = None,
) -> float | None:
    """``retry_delay`` in seconds for a caller that counts ``maxRetries`` itself (the runtime's call loop)."""
    policy = RetryPolicy(max_retries=attempt, timeout_ms=budget_s * 1000)
    return retry_delay(policy, attempt, outcome, elapsed_s * 1000, retry_after, rng, now)
