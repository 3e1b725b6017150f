"""Capping and throttling per endpoint host, shared by every worker through the database.

Capping counts calls in fixed windows (``backend.runtime.calls.capping``).
Throttling hands out call slots ``1 / rate`` apart from one shared schedule; a call waits for its slot (parked as a
due step by the caller) or, when the slot is over ``maxWaitSeconds`` away, fails fast without taking it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, case, literal

from backend.actions.schemas import Throttling
from backend.db.runtime_tables import RateLimitRow
from backend.db.upsert import insert_for
from backend.runtime.calls.capping import CappingWindows, capping_chunk

_TABLE = RateLimitRow.__table__  # type: ignore[attr-defined]
__all__ = ["RateLimits", "capping_chunk"]


class RateLimits(CappingWindows):
    """One worker process's view of the shared capping windows (``allow``) and throttling schedules (``delay``)."""

    async def delay(self, host: str, throttling: Throttling) -> float | None:
        """Reserve the next call slot for ``host``: seconds until it, or None (no slot taken) when that is over
        ``maxWaitSeconds``, so calls refused for waiting too long never push the schedule further back.

        ``count`` says whether this statement took the slot (1) or not (0): the row's new ``next_at`` alone
        cannot tell a slot just taken from one left alone.
        """
        interval = 1.0 / throttling.max_calls_per_second
        now = self._now()
        expires = self._clock.now() + timedelta(days=1)
        start = case((_TABLE.c.next_at < now, literal(now)), else_=_TABLE.c.next_at)
        fits = start <= now + throttling.max_wait_seconds
        statement = insert_for(self._dialect, _TABLE).values(
            key=f"thr:{host}", count=1, next_at=now + interval, expires_at=expires
        )
        statement = statement.on_conflict_do_update(
            index_elements=[_TABLE.c.key],
            set_={
                "next_at": case((fits, start + interval), else_=_TABLE.c.next_at),
                "count": case((fits, literal(1)), else_=literal(0)),
                "expires_at": expires,
            },
        ).returning(_TABLE.c.next_at, _TABLE.c.count)
        next_at, taken = await self._transactions.run(_row, statement)
        return max(0.0, float(next_at) - interval - now) if taken else None


def _row(connection: Connection, statement: Any) -> Any:
    return connection.execute(statement).one()
