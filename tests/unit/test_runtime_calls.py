"""The call loop hands ``Retry-After`` to the retry policy as sent, so HTTP dates are honoured too."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from backend.outbound.messages import OutboundResponse
from backend.runtime.calls import _retry_after
from backend.runtime.retry import should_retry


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
