"""Housekeeping: prune finished instances, their step logs, old events, expired sessions and rate windows."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import Connection, and_, delete, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from backend.db.journey_tables import JourneyVersionRow
from backend.db.runtime_tables import EventRow, InstanceRow, RateLimitRow, StepLogRow
from backend.db.sync_work import SyncTransactions
from backend.db.tables import UserSession
from backend.runtime.clock import Clock
from backend.runtime.states import FINISHED_STATUSES, InstanceStatus

logger = logging.getLogger("journeys.housekeeping")
PRUNE_CHUNK = 2000
_INSTANCES = InstanceRow.__table__  # type: ignore[attr-defined]
_STEPS = StepLogRow.__table__  # type: ignore[attr-defined]
_EVENTS = EventRow.__table__  # type: ignore[attr-defined]
_LIMITS = RateLimitRow.__table__  # type: ignore[attr-defined]
_SESSIONS = UserSession.__table__  # type: ignore[attr-defined]
_VERSIONS = JourneyVersionRow.__table__  # type: ignore[attr-defined]


async def prune(engine: AsyncEngine, clock: Clock, retention_days: int, chunk: int = PRUNE_CHUNK) -> int:
    """Delete what is past retention; returns how many instances went.

    Old rows go ``chunk`` at a time, each chunk its own short transaction in the hot path's writer queue
    (``backend.db.sync_work``): one transaction deleting a month of history would hold SQLite's single
    writer lock for as long as it takes, and ingestion and steps would wait behind it.
    """
    now = clock.now()
    cutoff = now - timedelta(days=retention_days)
    transactions = SyncTransactions(engine)
    try:
        removed = 0
        while True:
            count = await transactions.run(_prune_instances, cutoff, chunk)
            removed += count
            if count < chunk:
                break
        while await transactions.run(_prune_events, cutoff, chunk) == chunk:
            pass
        await transactions.run(_prune_small_tables, now)
    finally:
        transactions.close()
    return removed


def _prune_instances(connection: Connection, cutoff: datetime, chunk: int) -> int:
    old = and_(_INSTANCES.c.status.in_(FINISHED_STATUSES), _INSTANCES.c.finished_at < cutoff)
    ids = list(connection.execute(select(_INSTANCES.c.id).where(old).limit(chunk)).scalars())
    if ids:
        connection.execute(delete(_STEPS).where(_STEPS.c.instance_id.in_(ids)))
        connection.execute(delete(_INSTANCES).where(_INSTANCES.c.id.in_(ids)))
    return len(ids)


def _prune_events(connection: Connection, cutoff: datetime, chunk: int) -> int:
    # Events are stored in arrival order, so the oldest are found first without an index on received_at.
    ids = list(connection.execute(select(_EVENTS.c.id).where(_EVENTS.c.received_at < cutoff).limit(chunk)).scalars())
    if ids:
        connection.execute(delete(_EVENTS).where(_EVENTS.c.id.in_(ids)))
    return len(ids)


def _prune_small_tables(connection: Connection, now: datetime) -> None:
    connection.execute(delete(_LIMITS).where(_LIMITS.c.expires_at < now))
    connection.execute(delete(_SESSIONS).where(_SESSIONS.c.expires_at < now))
    # Stopping a journey makes its waiting instances due at once (``lifecycle.stop``); this catches any that a
    # worker held at that moment and parked again afterwards.
    stopped = select(_VERSIONS.c.id).where(_VERSIONS.c.status == "stopped")
    connection.execute(
        update(_INSTANCES)
        .where(
            and_(
                _INSTANCES.c.status == InstanceStatus.WAITING,
                _INSTANCES.c.version_id.in_(stopped),
                _INSTANCES.c.lease_owner.is_(None),  # one a worker holds must not become claimable twice
            )
        )
        .values(due_at=now)
    )


async def run_housekeeping(engine: AsyncEngine, clock: Clock, retention_days: int, every_seconds: float) -> None:
    """Prune now and then every ``every_seconds`` until cancelled."""
    while True:
        try:
            removed = await prune(engine, clock, retention_days)
            if removed:
                logger.info("pruned %d finished instances older than %d days", removed, retention_days)
        except Exception:
            logger.exception("housekeeping failed; trying again later")
        await clock.sleep(every_seconds)
