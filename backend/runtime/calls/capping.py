"""Capping per endpoint host, shared by every worker through the database.

Every call to a host counts in the host's window for the period (key ``cap:{host}:{period}:{window}``,
whatever action made it); a call of an action is refused once the calls counted there reach *that action's*
``maxCalls``. To keep one write per call off the hot path, a worker reserves the window's allowance in
chunks: the database row counts what all workers reserved, and a worker knows how many of its own
reservations it has not used yet (``held``). So ``top - held`` (the count it last saw minus its unused
reservations) is never below the calls really made when it last looked, and a call is allowed only
while that is under the calling action's cap:

- small caps (under 1,000) reserve one call at a time and so look at the shared count on every call: exact;
- large caps reserve up to 500 calls (0.2% of the cap) and reserve the next chunk while half of the last is
  left. A call never goes past a position its action's cap allows, so no action ever exceeds its cap; calls
  other workers made since this worker last reserved are seen at its next reservation.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from backend.actions.schemas import Capping
from backend.runtime.clock import Clock
from backend.runtime.storage.database import Transactions
from backend.runtime.storage.rate_limits import reserve_calls

logger = logging.getLogger("journeys.runtime")


def capping_chunk(max_calls: int) -> int:
    """How many calls a worker reserves at once: 1 for small caps, up to 500 (0.2% of the cap) for large ones.

    Unused reservations count against the window, so a cap is never exceeded; at worst a window refuses
    1.5 chunks (0.3% of the cap) early per worker. The default 300,000 per minute costs one write per 500 calls.
    """
    return max(1, min(500, max_calls // 500))


class CappingWindows:
    """One worker process's view of the shared capping windows."""

    def __init__(self, transactions: Transactions, clock: Clock) -> None:
        self._transactions = transactions
        self._clock = clock
        self._now = clock.timestamp
        self._held: dict[str, int] = {}  # window key -> calls this process reserved and has not made yet
        self._top: dict[str, int] = {}  # window key -> the window's count as this process last saw it
        self._refills: dict[str, asyncio.Lock] = {}
        self._ahead: dict[str, asyncio.Task[None]] = {}  # window key -> its reservation ahead, while running

    async def allow(self, host: str, capping: Capping) -> bool:
        """Whether one more call to ``host`` fits under this action's cap in the current window."""
        window = int(self._now() // capping.period_seconds)
        key = f"cap:{host}:{capping.period_seconds}:{window}"
        limit = capping.max_calls
        chunk = capping_chunk(limit)
        if chunk > 1 and self._take(key, limit):
            self._reserve_ahead(key, chunk, capping, window)
            return True
        if self._counted(key) >= limit:
            return False  # calls counted in the window already reach this action's cap: no write needed
        # One reservation at a time per window: calls that ran out together share one write instead of racing.
        async with self._refills.setdefault(key, asyncio.Lock()):
            if chunk > 1 and self._take(key, limit):
                return True
            if chunk == 1 or self._held.get(key, 0) == 0:  # small caps look at the shared count on every call
                size = 1 if chunk == 1 else max(1, min(chunk, limit - self._top.get(key, 0)))
                await self._reserve(key, size, capping, window)
            return self._take(key, limit)

    def _counted(self, key: str) -> int:
        """Calls that may have been made in the window: what all workers reserved, minus our unused reservations."""
        return self._top.get(key, 0) - self._held.get(key, 0)

    def _take(self, key: str, limit: int) -> bool:
        """Use one reserved call if this process holds one and the window is under ``limit``."""
        held = self._held.get(key, 0)
        if held > 0 and self._top[key] - held < limit:  # holding reservations means having seen the count
            self._held[key] = held - 1
            return True
        return False

    def _reserve_ahead(self, key: str, chunk: int, capping: Capping, window: int) -> None:
        """Once half a chunk is used, reserve the next one in the background so calls never wait for it.

        Waiting for the write stalled every call to the host for the writer queue's wait (~20 ms at full load,
        five times a second).
        """
        if self._held.get(key, 0) >= chunk // 2 or key in self._ahead:
            return
        size = min(chunk, capping.max_calls - self._top.get(key, 0))
        if size < 1:
            return
        lock = self._refills.setdefault(key, asyncio.Lock())

        async def reserve() -> None:
            async with lock:
                if self._held.get(key, 0) < chunk // 2 and self._counted(key) < capping.max_calls:
                    await self._reserve(key, size, capping, window)

        task = asyncio.create_task(reserve())
        self._ahead[key] = task
        task.add_done_callback(lambda _: self._ahead_done(key, task))

    async def settle(self) -> None:
        """Wait until the reservations running ahead have been written (tests, or before reading the shared count)."""
        await asyncio.gather(*self._ahead.values(), return_exceptions=True)

    def _ahead_done(self, key: str, task: asyncio.Task[None]) -> None:
        self._ahead.pop(key, None)
        if not task.cancelled() and task.exception() is not None:  # the next call that runs out retries in line
            logger.warning("reserving calls ahead failed: %s", task.exception())

    async def _reserve(self, key: str, size: int, capping: Capping, window: int) -> None:
        """Count ``size`` calls against the shared window; they are ours to use while the window allows."""
        expires = datetime.fromtimestamp((window + 2) * capping.period_seconds, UTC)
        after = await self._transactions.run(reserve_calls, key, size, expires)
        self._forget_old(window, capping.period_seconds)
        self._top[key] = max(self._top.get(key, 0), after)
        self._held[key] = self._held.get(key, 0) + size

    def _forget_old(self, window: int, period: int) -> None:
        """Drop local state of past windows of this period."""

        def current(key: str) -> bool:
            _, key_period, key_window = key.rsplit(":", 2)
            return key_period != str(period) or int(key_window) >= window

        self._held = {k: v for k, v in self._held.items() if current(k)}
        self._top = {k: v for k, v in self._top.items() if current(k)}
        self._refills = {k: v for k, v in self._refills.items() if current(k)}
