"""Time as the runtime sees it, injectable so waits, leases, capping and throttling are tested without sleeping."""

from __future__ import annotations

import asyncio
import heapq
import itertools
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

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back, for measuring intervals (budgets, refresh periods)."""
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

    def monotonic(self) -> float:
        """``time.monotonic()``."""
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        """asyncio's sleep."""
        await asyncio.sleep(max(0.0, seconds))


class ManualClock:
    """A clock tests move forward by hand.

    A sleeper wakes when ``advance`` moves time to its deadline, so a retry delay or a throttling wait is
    driven step by step. With ``jump_on_sleep`` a sleeper moves time to its own deadline instead: for tests
    that run a whole batch with ``Worker.tick`` and only look at where time ended up.
    """

    def __init__(self, start: datetime | None = None, *, jump_on_sleep: bool = False) -> None:
        self._now = start or datetime.now(UTC)
        self._jump = jump_on_sleep
        self._sleepers: list[tuple[datetime, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._slept = asyncio.Event()

    def now(self) -> datetime:
        """The time the test has set."""
        return self._now

    def timestamp(self) -> float:
        """The time the test has set, as seconds since the epoch."""
        return self._now.timestamp()

    def monotonic(self) -> float:
        """The same as ``timestamp``: manual time only moves forward."""
        return self._now.timestamp()

    def advance(self, seconds: float) -> None:
        """Move time forward and wake the sleepers whose deadline has come."""
        self._now += timedelta(seconds=seconds)
        while self._sleepers and self._sleepers[0][0] <= self._now:
            _, _, waiter = heapq.heappop(self._sleepers)
            if not waiter.done():
                waiter.set_result(None)

    @property
    def sleeping(self) -> int:
        """How many tasks sleep on this clock now."""
        return sum(1 for *_, waiter in self._sleepers if not waiter.done())

    async def until_sleeping(self, count: int = 1) -> None:
        """Return once ``count`` tasks sleep on this clock (a test then knows a wait has begun)."""
        while self.sleeping < count:
            self._slept.clear()
            await self._slept.wait()

    async def sleep(self, seconds: float) -> None:
        """Wait until time reaches ``now + seconds`` (or jump there); always yields once."""
        if self._jump or seconds <= 0:
            self.advance(max(0.0, seconds))
            await asyncio.sleep(0)
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self._now + timedelta(seconds=seconds), next(self._order), waiter))
        self._slept.set()
        try:
            await waiter
        finally:
            if not waiter.done():  # cancelled: forget it so ``sleeping`` stays exact
                waiter.cancel()
