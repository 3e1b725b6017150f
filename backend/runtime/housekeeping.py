"""Housekeeping: prune finished instances, their step logs, old events, expired sessions and rate windows."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

from sqlalchemy import and_, delete, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from backend.db.journey_tables import JourneyVersionRow
from backend.db.runtime_tables import FINISHED_STATUSES, EventRow, InstanceRow, RateLimitRow, StepLogRow
from backend.db.tables import UserSession
from backend.runtime.clock import Clock

logger = logging.getLogger("journeys.housekeeping")
_INSTANCES = InstanceRow.__table__  # type: ignore[attr-defined]
_STEPS = StepLogRow.__table__  # type: ignore[attr-defined]
_EVENTS = EventRow.__table__  # type: ignore[attr-defined]
_LIMITS = RateLimitRow.__table__  # type: ignore[attr-defined]
_SESSIONS = UserSession.__table__  # type: ignore[attr-defined]
_VERSIONS = JourneyVersionRow.__table__  # type: ignore[attr-defined]


async def prune(engine: AsyncEngine, clock: Clock, retention_days: int) -> int:
    """Delete what is past retention; returns how many instances went."""
    now = clock.now()
    cutoff = now - timedelta(days=retention_days)
    old = and_(_INSTANCES.c.status.in_(FINISHED_STATUSES), _INSTANCES.c.finished_at < cutoff)
    async with engine.begin() as connection:
        await connection.execute(delete(_STEPS).where(_STEPS.c.instance_id.in_(select(_INSTANCES.c.id).where(old))))
        removed = (await connection.execute(delete(_INSTANCES).where(old))).rowcount
        await connection.execute(delete(_EVENTS).where(_EVENTS.c.received_at < cutoff))
        await connection.execute(delete(_LIMITS).where(_LIMITS.c.expires_at < now))
        await connection.execute(delete(_SESSIONS).where(_SESSIONS.c.expires_at < now))
        # Waiting instances of a stopped journey become due so a worker ends them now, not when their wait is over.
        stopped = select(_VERSIONS.c.id).where(_VERSIONS.c.status == "stopped")
        await connection.execute(
            update(_INSTANCES)
            .where(and_(_INSTANCES.c.status == "waiting", _INSTANCES.c.version_id.in_(stopped)))
            .values(due_at=now)
        )
    return int(removed or 0)


async def run_housekeeping(engine: AsyncEngine, clock: Clock, retention_days: int, every_seconds: float) -> None:
    """Prune now and then every ``every_seconds`` until cancelled."""
    while True:
        try:
            removed = await prune(engine, clock, retention_days)
            if removed:
                logger.info("pruned %d finished instances older than %d days", removed, retention_days)
        except Exception:
            logger.exception("housekeeping failed; trying again later")
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.sleep(every_seconds)
