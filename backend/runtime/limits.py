"""Capping and throttling per endpoint host, shared by every worker through the database.

Capping counts calls in fixed windows; to keep one write per call off the hot path, a worker reserves
small chunks of the window's allowance at a time (exact when the cap is small, never over the cap), the next
one while half of the last is left.
Throttling hands out call slots ``1 / rate`` apart from one shared schedule, so calls are delayed, never dropped.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, case, literal

from backend.actions.schemas import Capping, Throttling
from backend.db.runtime_tables import RateLimitRow
from backend.db.sync_work import SyncTransactions
from backend.db.upsert import insert_for

_TABLE = RateLimitRow.__table__  # type: ignore[attr-defined]
logger = logging.getLogger("journeys.runtime")


def capping_chunk(max_calls: int) -> int:
    """How many calls a worker reserves at once: 1 for small caps, up to 500 (0.2% of the cap) for large ones.

    Unused reservations count against the window, so a cap is never exceeded; at worst a window refuses
    1.5 chunks (0.3% of the cap) early per worker. The default 300,000 per minute costs one write per 500 calls.
    """
    return max(1, min(500, max_calls // 500))


class RateLimits:
    """One worker process's view of the shared capping windows and throttling schedules."""

    def __init__(self, transactions: SyncTransactions) -> None:
        self._transactions = transactions
        self._dialect = transactions.dialect
        self._granted: dict[str, int] = {}  # window key -> calls this process may still make
        self._exhausted: set[str] = set()
        self._refills: dict[str, asyncio.Lock] = {}
        self._ahead: dict[str, asyncio.Task[None]] = {}  # window key -> its reservation ahead, while running

    async def allow(self, host: str, capping: Capping) -> bool:
        """Whether one more call to ``host`` fits under its cap in the current window."""
        window = int(time.time() // capping.period_seconds)
        key = f"cap:{host}:{capping.period_seconds}:{window}"
        chunk = capping_chunk(capping.max_calls)
        if self._take(key):
            self._reserve_ahead(key, chunk, capping, window)
            return True
        if key in self._exhausted:
            return False
        # One reservation at a time per window: calls that ran out together share one write instead of racing.
        async with self._refills.setdefault(key, asyncio.Lock()):
            if self._take(key):
                return True
            if key in self._exhausted:
                return False
            await self._reserve(key, chunk, capping, window)
            return self._take(key)

    def _reserve_ahead(self, key: str, chunk: int, capping: Capping, window: int) -> None:
        """Once half a chunk is used, reserve the next one in the background so calls never wait for it.

        Waiting for the write stalled every call to the host for the writer queue's wait (~20 ms at full load,
        five times a second). Small caps (chunk 1) stay exact: they reserve call by call.
        """
        if chunk < 2 or self._granted.get(key, 0) >= chunk // 2 or key in self._exhausted or key in self._ahead:
            return
        lock = self._refills.setdefault(key, asyncio.Lock())

        async def reserve() -> None:
            async with lock:
                if self._granted.get(key, 0) < chunk // 2 and key not in self._exhausted:
                    await self._reserve(key, chunk, capping, window)

        task = asyncio.create_task(reserve())
        self._ahead[key] = task
        task.add_done_callback(lambda _: self._ahead_done(key, task))

    def _ahead_done(self, key: str, task: asyncio.Task[None]) -> None:
        self._ahead.pop(key, None)
        if not task.cancelled() and task.exception() is not None:  # the next call that runs out retries in line
            logger.warning("reserving calls ahead failed: %s", task.exception())

    async def _reserve(self, key: str, chunk: int, capping: Capping, window: int) -> None:
        """Count ``chunk`` calls against the shared window and keep what fits under the cap."""
        expires = datetime.fromtimestamp((window + 2) * capping.period_seconds, UTC)
        after = await self._add(key, chunk, expires)
        available = max(0, min(chunk, capping.max_calls - (after - chunk)))
        self._forget_old(window, capping.period_seconds)
        if available == 0:
            self._exhausted.add(key)  # the window is full: what this process still holds is all it gets
        self._granted[key] = self._granted.get(key, 0) + available

    def _take(self, key: str) -> bool:
        """Use one call of this process's reserved allowance, if any is left."""
        if self._granted.get(key, 0) > 0:
            self._granted[key] -= 1
            return True
        return False

    async def _add(self, key: str, amount: int, expires: datetime) -> int:
        statement = insert_for(self._dialect, _TABLE).values(key=key, count=amount, next_at=0.0, expires_at=expires)
        statement = statement.on_conflict_do_update(
            index_elements=[_TABLE.c.key], set_={"count": _TABLE.c.count + amount}
        ).returning(_TABLE.c.count)
        return int(await self._transactions.run(_scalar, statement))

    def _forget_old(self, window: int, period: int) -> None:
        """Drop local state of past windows of this period."""

        def current(key: str) -> bool:
            _, key_period, key_window = key.rsplit(":", 2)
            return key_period != str(period) or int(key_window) >= window

        self._granted = {k: v for k, v in self._granted.items() if current(k)}
        self._exhausted = {k for k in self._exhausted if current(k)}
        self._refills = {k: v for k, v in self._refills.items() if current(k)}

    async def delay(self, host: str, throttling: Throttling) -> float:
        """Reserve the next call slot for ``host``; returns how many seconds to wait before calling."""
        interval = 1.0 / throttling.max_calls_per_second
        now = time.time()
        key = f"thr:{host}"
        expires = datetime.now(UTC) + timedelta(days=1)
        start = case((_TABLE.c.next_at < now, literal(now)), else_=_TABLE.c.next_at)
        statement = insert_for(self._dialect, _TABLE).values(
            key=key, count=0, next_at=now + interval, expires_at=expires
        )
        statement = statement.on_conflict_do_update(
            index_elements=[_TABLE.c.key], set_={"next_at": start + interval, "expires_at": expires}
        ).returning(_TABLE.c.next_at)
        next_at = float(await self._transactions.run(_scalar, statement))
        return max(0.0, next_at - interval - now)


def _scalar(connection: Connection, statement: Any) -> Any:
    return connection.execute(statement).scalar_one()
