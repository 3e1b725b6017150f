"""Housekeeping's statements: delete what is past retention in chunks, expired sessions and rate windows."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, delete, select

from backend.db.handles import EVENTS, INSTANCES, RATE_LIMITS, SESSIONS, STEP_LOGS, VERSIONS
from backend.runtime.states import FINISHED_STATUSES
from backend.runtime.storage.database import Tx
from backend.runtime.storage.stopping import waiting_instances_due


def prune_instances(tx: Tx, cutoff: datetime, chunk: int) -> int:
    """Delete up to ``chunk`` instances finished before ``cutoff`` with their step logs; how many went."""
    old = and_(INSTANCES.c.status.in_(FINISHED_STATUSES), INSTANCES.c.finished_at < cutoff)
    ids = list(tx.execute(select(INSTANCES.c.id).where(old).limit(chunk)).scalars())
    if ids:
        tx.execute(delete(STEP_LOGS).where(STEP_LOGS.c.instance_id.in_(ids)))
        tx.execute(delete(INSTANCES).where(INSTANCES.c.id.in_(ids)))
    return len(ids)


def prune_events(tx: Tx, cutoff: datetime, chunk: int) -> int:
    """Delete up to ``chunk`` events received before ``cutoff``; how many went."""
    # Events are stored in arrival order, so the oldest are found first without an index on received_at.
    ids = list(tx.execute(select(EVENTS.c.id).where(EVENTS.c.received_at < cutoff).limit(chunk)).scalars())
    if ids:
        tx.execute(delete(EVENTS).where(EVENTS.c.id.in_(ids)))
    return len(ids)


def prune_small_tables(tx: Tx, now: datetime) -> None:
    """Expired rate windows and sessions; stopped journeys' waiting instances made due."""
    tx.execute(delete(RATE_LIMITS).where(RATE_LIMITS.c.expires_at < now))
    tx.execute(delete(SESSIONS).where(SESSIONS.c.expires_at < now))
    # Stopping a journey makes its waiting instances due at once (``lifecycle.stop``); this catches any that a
    # worker held at that moment and parked again afterwards.
    stopped = select(VERSIONS.c.id).where(VERSIONS.c.status == "stopped")
    tx.execute(waiting_instances_due(stopped, now))
