"""The call loop: ``Retry-After`` reaches the retry policy as sent; delays and the budget run on the clock."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import cast

from backend.actions.auth import Authenticator
from backend.actions.request import CallValues
from backend.actions.schemas import ActionInput, Capping
from backend.outbound.messages import OutboundRequest, OutboundResponse
from backend.runtime.calls.action import CallTools, _retry_after, call_action
from backend.runtime.calls.limits import RateLimits
from backend.runtime.calls.retry import should_retry
from backend.runtime.clock import ManualClock

NOW = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


class _Half:
    def random(self) -> float:
        return 0.5


def _answer(headers: dict[str, str]) -> OutboundResponse:
    return OutboundResponse(status=429, headers=headers, body=b"", duration_ms=1.0)


def test_retry_after_http_date_reaches_the_policy_unchanged() -> None:
    header = format_datetime(datetime.now(UTC) + timedelta(seconds=3), usegmt=True)
    raw = _retry_after(_answer({"retry-after": header}))
    assert raw == header
    delay = should_retry(1, 429, 0.0, 30.0, raw, rng=_Half())
    assert delay is not None
    assert 1.5 < delay <= 3.0


def test_retry_after_seconds_and_absent_header() -> None:
    assert _retry_after(_answer({"Retry-After": "2"})) == "2"
    assert should_retry(1, 429, 0.0, 30.0, "2", rng=_Half()) == 2.0
    assert _retry_after(_answer({})) is None
    assert _retry_after(None) is None


class _Open:
    """Rate limits that let every call through."""

    async def allow(self, host: str, capping: Capping) -> bool:
        return True


async def test_a_retry_delay_is_slept_on_the_clock_and_the_budget_read_from_it() -> None:
    clock = ManualClock(NOW)
    replies = [OutboundResponse(status=503, headers={"Retry-After": "2"}, body=b"", duration_ms=1.0)]
    replies.append(OutboundResponse(status=200, headers={}, body=b'{"ok": true}', duration_ms=1.0))
    sent: list[datetime] = []

    async def send(request: OutboundRequest, timeout_s: float) -> OutboundResponse:
        sent.append(clock.now())
        return replies.pop(0)

    tools = CallTools(Authenticator(send), cast(RateLimits, _Open()), clock)
    action = ActionInput(name="n", method="POST", url="https://api.example/hook", timeout_ms=10_000, max_retries=1)
    call = asyncio.create_task(call_action(tools, uuid.uuid4(), action, CallValues(), "key"))
    await asyncio.wait_for(clock.until_sleeping(), 1)
    clock.advance(1.9)
    await asyncio.sleep(0)
    assert sent == [NOW]
    assert not call.done()
    clock.advance(0.1)
    result = await asyncio.wait_for(call, 1)
    assert (result.ok, result.attempts, result.response) == (True, 2, {"ok": True})
    assert sent == [NOW, NOW + timedelta(seconds=2)]


async def test_a_retry_that_would_outlast_the_budget_on_the_clock_is_not_made() -> None:
    clock = ManualClock(NOW, jump_on_sleep=True)
    sent: list[datetime] = []

    async def send(request: OutboundRequest, timeout_s: float) -> OutboundResponse:
        sent.append(clock.now())
        clock.advance(0.6)  # each attempt takes 0.6 s of the 1 s budget on the clock
        return OutboundResponse(status=503, headers={}, body=b"", duration_ms=600.0)

    tools = CallTools(Authenticator(send), cast(RateLimits, _Open()), clock)
    action = ActionInput(name="n", method="POST", url="https://api.example/hook", timeout_ms=1000, max_retries=3)
    result = await call_action(tools, uuid.uuid4(), action, CallValues(), "key")
    assert result.status == "http_503"
    assert len(sent) == 2  # the third would start after the budget is spent
