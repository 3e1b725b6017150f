"""The workers' statements on instances and step logs: claim under a lease, persist steps fenced on it, release, renew.

Every write is a short transaction. Claims set ``due_at`` to the lease's end, so an instance whose worker died
becomes due again by itself; step writes are fenced on ``lease_owner`` so a worker that lost its lease can
never overwrite the progress of the one that took over.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, insert, select, update
from sqlalchemy.exc import DBAPIError

from backend.db.group_commit import GroupCommit
from backend.db.handles import INSTANCES, STEP_LOGS
from backend.db.sqlite.bulk import BulkStatement
from backend.runtime.states import StepOutcome
from backend.runtime.storage.database import AnyRow, Transactions, Tx
from backend.runtime.storage.node_counts import CountKey, write_counts

_CLAIMED = (
    INSTANCES.c.id,
    INSTANCES.c.journey_id,
    INSTANCES.c.version_id,
    INSTANCES.c.profile_id,
    INSTANCES.c.status,
    INSTANCES.c.current_node_id,
    INSTANCES.c.context,
    INSTANCES.c.attempt,
)
_FENCED_UPDATE = BulkStatement(
    update(INSTANCES).where(and_(INSTANCES.c.id == bindparam("b_id"), INSTANCES.c.lease_owner == bindparam("b_owner")))
)
_INSERT_LOGS = BulkStatement(insert(STEP_LOGS))
_CLOSE_WAIT = update(STEP_LOGS).where(
    and_(
        STEP_LOGS.c.instance_id == bindparam("b_instance"),
        STEP_LOGS.c.node_id == bindparam("b_node"),
        STEP_LOGS.c.outcome == StepOutcome.WAITING.value,
    )
)


@dataclass(slots=True)
class StepWrite:
    """One instance's steps as rows: the instance's new columns, the wait logs closed, the logs added, the counts.

    ``closes`` rows name the open wait by ``b_instance`` and ``b_node``.
    """

    instance_id: uuid.UUID
    values: dict[str, Any]
    closes: list[dict[str, Any]]
    logs: list[dict[str, Any]]
    counts: Mapping[CountKey, int]


class _LeaseLost(Exception):
    """A bulk step write touched fewer rows than it should: roll back and write row by row."""


class InstanceStorage:
    """Claims and step writes of one worker (``owner`` names it in ``lease_owner``)."""

    def __init__(self, transactions: Transactions, owner: str, shard: int) -> None:
        self._transactions = transactions
        self._postgres = transactions.dialect == "postgresql"
        self.owner = owner
        self._shard = shard
        self._steps: GroupCommit[StepWrite, bool] = GroupCommit(self._write_steps)

    async def claim(self, limit: int, now: datetime, until: datetime) -> Sequence[AnyRow]:
        """Lease up to ``limit`` due instances until ``until``; PostgreSQL skips locked rows instead of waiting."""
        due = select(INSTANCES.c.id).where(INSTANCES.c.due_at <= now).order_by(INSTANCES.c.due_at).limit(limit)
        if self._postgres:
            due = due.with_for_update(skip_locked=True)
        statement = (
            update(INSTANCES)
            .where(INSTANCES.c.id.in_(due.scalar_subquery()))
            .values(lease_owner=self.owner, lease_until=until, due_at=until, attempt=INSTANCES.c.attempt + 1)
            .returning(*_CLAIMED)
        )
        return await self._transactions.run(lambda tx: tx.execute(statement).all())

    async def persist_steps(self, write: StepWrite) -> bool:
        """Write the steps with the instance's state after them, grouped with other instances' writes into one
        transaction; False when our lease was lost (nothing of it is written then)."""
        write.values["b_id"] = write.instance_id
        write.values["b_owner"] = self.owner
        return await self._steps.submit(write)

    async def _write_steps(self, items: Sequence[StepWrite]) -> list[bool]:
        """One transaction for the batch, retried when the database aborts it (deadlock, busy)."""
        ordered = sorted(items, key=lambda item: item.instance_id)  # one lock order for every writer
        for attempt in range(3):
            try:
                try:
                    written = await self._transactions.run(self._write_bulk, ordered)
                except _LeaseLost:
                    written = await self._transactions.run(self._write_one_by_one, ordered)
                return [item.instance_id in written for item in items]
            except DBAPIError:
                if attempt == 2:
                    raise
                # Real time on purpose: this backs off from the database's own contention, which no test clock moves.
                await asyncio.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def _write_bulk(self, tx: Tx, items: Sequence[StepWrite]) -> set[uuid.UUID]:
        """Write the items whose lease we still hold; returns their ids.

        PostgreSQL locks our rows first (``FOR UPDATE``), then updates them in bulk. SQLite updates every item in
        bulk fenced on the owner (the transaction holds the single writer lock); if any row was not ours the
        transaction is rolled back (``_LeaseLost``) and written row by row, which only happens after a lease was lost.
        """
        if self._postgres:
            ids = [item.instance_id for item in items]
            mine = select(INSTANCES.c.id).where(and_(INSTANCES.c.id.in_(ids), INSTANCES.c.lease_owner == self.owner))
            written = set(tx.execute(mine.order_by(INSTANCES.c.id).with_for_update()).scalars().all())
            self._write_all(tx, [item for item in items if item.instance_id in written])
            return written
        if self._write_all(tx, items) != len(items):
            raise _LeaseLost
        return {item.instance_id for item in items}

    def _write_one_by_one(self, tx: Tx, items: Sequence[StepWrite]) -> set[uuid.UUID]:
        return {item.instance_id for item in items if self._write_all(tx, [item]) == 1}

    def _write_all(self, tx: Tx, items: Sequence[StepWrite]) -> int:
        """Bulk statements for the items: instance updates grouped by the columns they set, waits, logs, counts."""
        if not items:
            return 0
        updated = 0
        for rows in _by_shape([item.values for item in items]):
            updated += _FENCED_UPDATE.execute(tx, rows)
        if updated != len(items) and not self._postgres:
            return updated  # the caller rolls back
        for rows in _by_shape([row for item in items for row in item.closes]):
            tx.execute(_CLOSE_WAIT, rows)
        _INSERT_LOGS.execute(tx, [row for item in items for row in item.logs])
        counts: Counter[CountKey] = Counter()
        for item in items:
            counts.update(item.counts)
        write_counts(tx, counts, self._shard)
        return updated

    async def release(self, ids: Sequence[uuid.UUID], now: datetime) -> None:
        """Give our instances back, due ``now``, so another worker takes them at once: used when draining."""
        if not ids:
            return
        statement = (
            update(INSTANCES)
            .where(and_(INSTANCES.c.id.in_(list(ids)), INSTANCES.c.lease_owner == self.owner))
            .values(lease_owner=None, lease_until=None, due_at=now)
        )
        await self._transactions.run(lambda tx: tx.execute(statement))

    async def renew(self, ids: Sequence[uuid.UUID], until: datetime) -> None:
        """Extend the leases of our instances still being worked on (long calls, throttling delays) to ``until``."""
        if not ids:
            return
        mine = select(INSTANCES.c.id).where(and_(INSTANCES.c.id.in_(list(ids)), INSTANCES.c.lease_owner == self.owner))
        if self._postgres:
            # Rows a step write holds right now are renewed next round; waiting on them could deadlock.
            mine = mine.with_for_update(skip_locked=True)
        statement = (
            update(INSTANCES).where(INSTANCES.c.id.in_(mine.scalar_subquery())).values(lease_until=until, due_at=until)
        )
        await self._transactions.run(lambda tx: tx.execute(statement))


def _by_shape(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Rows grouped by the columns they set: one executemany per group."""
    shapes: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        shapes.setdefault(tuple(row), []).append(row)
    return list(shapes.values())
