"""Time as the runtime sees it, injectable so waits and leases can be tested without sleeping."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Where the runtime reads the time and sleeps."""

    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        ...

    def timestamp(self) -> float:
        """The current time as seconds since the epoch (per call on the hot path: no datetime built)."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Pause this task."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """The wall clock in UTC."""
        return datetime.now(UTC)

    def timestamp(self) -> float:
        """``time.time()``."""
        return time.time()

    async def sleep(self, seconds: float) -> None:
        """asyncio's sleep."""
        await asyncio.sleep(max(0.0, seconds))


class ManualClock:
    """A clock tests move forward by hand; sleeping advances it instead of waiting."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime.now(UTC)

    def now(self) -> datetime:
        """The time the test has set."""
        return self._now

    def timestamp(self) -> float:
        """The time the test has set, as seconds since the epoch."""
        return self._now.timestamp()

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        self._now += timedelta(seconds=seconds)

    async def sleep(self, seconds: float) -> None:
        """Advance instead of waiting, yielding once so other tasks run."""
        self.advance(max(0.0, seconds))
        await asyncio.sleep(0)
