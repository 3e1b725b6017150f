"""Housekeeping: prune finished instances, their step logs, old events, expired sessions and rate windows."""

from __future__ import annotations

import logging
from datetime import timedelta

from backend.runtime.clock import Clock
from backend.runtime.storage.database import Storage
from backend.runtime.storage.housekeeping import prune_events, prune_instances, prune_small_tables

logger = logging.getLogger("journeys.housekeeping")
PRUNE_CHUNK = 2000


async def prune(storage: Storage, clock: Clock, retention_days: int, chunk: int = PRUNE_CHUNK) -> int:
    """Delete what is past retention; returns how many instances went.

    Old rows go ``chunk`` at a time, each chunk its own short transaction in the hot path's writer queue
    (``backend.db.sqlite.sync_work``): one transaction deleting a month of history would hold SQLite's single
    writer lock for as long as it takes, and ingestion and steps would wait behind it.
    """
    now = clock.now()
    cutoff = now - timedelta(days=retention_days)
    transactions = storage.transactions()
    try:
        removed = 0
        while True:
            count = await transactions.run(prune_instances, cutoff, chunk)
            removed += count
            if count < chunk:
                break
        while await transactions.run(prune_events, cutoff, chunk) == chunk:
            pass
        await transactions.run(prune_small_tables, now)
    finally:
        transactions.close()
    return removed


async def run_housekeeping(storage: Storage, clock: Clock, retention_days: int, every_seconds: float) -> None:
    """Prune now and then every ``every_seconds`` until cancelled."""
    while True:
        try:
            removed = await prune(storage, clock, retention_days)
            if removed:
                logger.info("pruned %d finished instances older than %d days", removed, retention_days)
        except Exception:
            logger.exception("housekeeping failed; trying again later")
        await clock.sleep(every_seconds)
