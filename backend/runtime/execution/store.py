"""The instance table as workers use it: claim with a lease, persist each step, renew and release leases.

Every write is a short transaction. Claims set ``due_at`` to the lease's end, so an instance whose worker
died becomes due again by itself; step writes are fenced on ``lease_owner`` so a worker that lost its lease
can never overwrite the progress of the one that took over.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, and_, bindparam, insert, select, update
from sqlalchemy.exc import DBAPIError

from backend.db.bulk import BulkStatement
from backend.db.group_commit import GroupCommit
from backend.db.runtime_tables import InstanceRow, StepLogRow
from backend.db.sync_work import SyncTransactions
from backend.runtime.clock import Clock
from backend.runtime.execution.state import Held, StepRecord
from backend.runtime.observe.counters import StepCounts, process_shard, write_counts
from backend.runtime.states import InstanceStatus, StepOutcome, instance_status, transition

INSTANCES = InstanceRow.__table__  # type: ignore[attr-defined]
STEP_LOGS = StepLogRow.__table__  # type: ignore[attr-defined]
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


class _LeaseLost(Exception):
    """A bulk step write touched fewer rows than it should: roll back and write row by row."""


def advance(held: Held, step: StepRecord) -> None:
    """Apply a finished step to the instance in memory; the store persists the result with the step's log."""
    if step.status == InstanceStatus.RUNNING and step.next_node_id is None:
        step.status = InstanceStatus.COMPLETED
    held.status = transition(held.status, step.status)  # refuses before anything of the step is applied
    if step.step_data is not None:
        held.context = {**held.context, "steps": {**held.context.get("steps", {}), step.node_id: step.step_data}}
    if step.status == InstanceStatus.WAITING:
        held.node_id = step.node_id
    elif step.status == InstanceStatus.RUNNING:
        held.node_id = step.next_node_id


class InstanceStore:
    """Claims and step writes of one worker (``owner`` names it in ``lease_owner``)."""

    def __init__(self, transactions: SyncTransactions, clock: Clock, owner: str, lease_seconds: float) -> None:
        self._transactions = transactions
        self._postgres = transactions.dialect == "postgresql"
        self._shard = process_shard()
        self._clock = clock
        self.owner = owner
        self._lease = timedelta(seconds=lease_seconds)
        self._steps: GroupCommit[tuple[Held, list[StepRecord]], bool] = GroupCommit(self._write_steps)

    async def claim(self, limit: int) -> list[Held]:
        """Take up to ``limit`` due instances; on PostgreSQL locked rows are skipped, never waited for."""
        now = self._clock.now()
        until = now + self._lease
        due = select(INSTANCES.c.id).where(INSTANCES.c.due_at <= now).order_by(INSTANCES.c.due_at).limit(limit)
        if self._postgres:
            due = due.with_for_update(skip_locked=True)
        statement = (
            update(INSTANCES)
            .where(INSTANCES.c.id.in_(due.scalar_subquery()))
            .values(lease_owner=self.owner, lease_until=until, due_at=until, attempt=INSTANCES.c.attempt + 1)
            .returning(*_CLAIMED)
        )
        rows = await self._transactions.run(lambda connection: connection.execute(statement).all())
        return [
            Held(
                r.id,
                r.journey_id,
                r.version_id,
                r.profile_id,
                instance_status(r.status),
                r.current_node_id,
                r.context,
                r.attempt,
            )
            for r in rows
        ]

    async def persist(self, held: Held, steps: list[StepRecord]) -> bool:
        """Write the steps' logs and the instance's state after them together; False when our lease was lost.

        The engine has already applied the steps to ``held`` (``advance``).
        """
        return await self._steps.submit((held, steps))

    def _instance_values(self, held: Held, steps: Sequence[StepRecord]) -> dict[str, Any]:
        last = steps[-1]
        values: dict[str, Any] = {
            "b_id": held.id,
            "b_owner": self.owner,
            "status": held.status,
            "current_node_id": held.node_id,
            "updated_at": self._clock.now(),
            "attempt": 0,
            "error": last.error,
        }
        if any(step.step_data is not None for step in steps):
            values["context"] = held.context
        if held.status == InstanceStatus.WAITING:
            values.update(due_at=last.wake_at, lease_owner=None, lease_until=None)
        elif held.status != InstanceStatus.RUNNING:
            values.update(due_at=None, lease_owner=None, lease_until=None, finished_at=values["updated_at"])
        return values

    async def _write_steps(self, items: Sequence[tuple[Held, list[StepRecord]]]) -> list[bool]:
        """One transaction for the batch, retried when the database aborts it (deadlock, busy)."""
        ordered = sorted(items, key=lambda item: item[0].id)  # one lock order for every writer
        for attempt in range(3):
            try:
                try:
                    written = await self._transactions.run(self._write_bulk, ordered)
                except _LeaseLost:
                    written = await self._transactions.run(self._write_one_by_one, ordered)
                return [held.id in written for held, _ in items]
            except DBAPIError:
                if attempt == 2:
                    raise
                # Real time on purpose: this backs off from the database's own contention, which no test clock moves.
                await asyncio.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def _write_bulk(self, connection: Connection, items: Sequence[tuple[Held, list[StepRecord]]]) -> set[uuid.UUID]:
        """Write the items whose lease we still hold; returns their ids.

        PostgreSQL locks our rows first (``FOR UPDATE``), then updates them in bulk. SQLite updates every item in
        bulk fenced on the owner (the transaction holds the single writer lock); if any row was not ours the
        transaction is rolled back (``_LeaseLost``) and written row by row, which only happens after a lease was lost.
        """
        if self._postgres:
            ids = [held.id for held, _ in items]
            mine = select(INSTANCES.c.id).where(and_(INSTANCES.c.id.in_(ids), INSTANCES.c.lease_owner == self.owner))
            written = set(connection.execute(mine.order_by(INSTANCES.c.id).with_for_update()).scalars().all())
            self._write_all(connection, [item for item in items if item[0].id in written])
            return written
        if self._write_all(connection, items) != len(items):
            raise _LeaseLost
        return {held.id for held, _ in items}

    def _write_one_by_one(
        self, connection: Connection, items: Sequence[tuple[Held, list[StepRecord]]]
    ) -> set[uuid.UUID]:
        return {item[0].id for item in items if self._write_all(connection, [item]) == 1}

    def _write_all(self, connection: Connection, items: Sequence[tuple[Held, list[StepRecord]]]) -> int:
        """Bulk statements for the items: instance updates grouped by the columns they set, waits, logs."""
        if not items:
            return 0
        updated = 0
        for rows in _by_shape([self._instance_values(held, steps) for held, steps in items]):
            updated += _FENCED_UPDATE.execute(connection, rows)
        if updated != len(items) and not self._postgres:
            return updated  # the caller rolls back
        closes = [_close_values(held, s) for held, steps in items for s in steps if s.resumed_wait]
        logs = [_log_values(held, s) for held, steps in items for s in steps if s.logged and not s.resumed_wait]
        for rows in _by_shape(closes):
            connection.execute(_CLOSE_WAIT, rows)
        _INSERT_LOGS.execute(connection, logs)
        write_counts(connection, _counts(items), self._shard)
        return updated

    async def release(self, ids: Sequence[uuid.UUID]) -> None:
        """Give instances back (due now) so another worker takes them at once: used when draining."""
        if not ids:
            return
        statement = (
            update(INSTANCES)
            .where(and_(INSTANCES.c.id.in_(list(ids)), INSTANCES.c.lease_owner == self.owner))
            .values(lease_owner=None, lease_until=None, due_at=self._clock.now())
        )
        await self._transactions.run(lambda connection: connection.execute(statement))

    async def renew(self, ids: Sequence[uuid.UUID]) -> None:
        """Extend the leases of instances still being worked on (long calls, throttling delays)."""
        if not ids:
            return
        until = self._clock.now() + self._lease
        mine = select(INSTANCES.c.id).where(and_(INSTANCES.c.id.in_(list(ids)), INSTANCES.c.lease_owner == self.owner))
        if self._postgres:
            # Rows a step write holds right now are renewed next round; waiting on them could deadlock.
            mine = mine.with_for_update(skip_locked=True)
        statement = (
            update(INSTANCES).where(INSTANCES.c.id.in_(mine.scalar_subquery())).values(lease_until=until, due_at=until)
        )
        await self._transactions.run(lambda connection: connection.execute(statement))


def _counts(items: Sequence[tuple[Held, list[StepRecord]]]) -> StepCounts:
    """How the items' step logs change the per-node counters."""
    counts = StepCounts()
    for held, steps in items:
        for step in steps:
            if step.resumed_wait:
                counts.wait_closed(held.version_id, held.journey_id, step.node_id, step.outcome)
            elif step.logged:
                counts.logged(held.version_id, held.journey_id, step.node_id, step.outcome)
    return counts


def _close_values(held: Held, step: StepRecord) -> dict[str, Any]:
    """The open ``waiting`` row of this node becomes the step's final outcome.

    An action's row (open while it waited for its throttling slot) also takes the call's detail and attempts.
    """
    values = {"b_instance": held.id, "b_node": step.node_id, "outcome": step.outcome, "finished_at": step.finished_at}
    if step.node_type == "action":
        values.update(detail=step.detail, attempts=step.attempts)
    return values


def _by_shape(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Rows grouped by the columns they set: one executemany per group."""
    shapes: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        shapes.setdefault(tuple(row), []).append(row)
    return list(shapes.values())


def _log_values(held: Held, step: StepRecord) -> dict[str, Any]:
    return {
        "instance_id": held.id,
        "journey_id": held.journey_id,
        "version_id": held.version_id,
        "node_id": step.node_id,
        "node_type": step.node_type,
        "started_at": step.started_at,
        "finished_at": step.finished_at,
        "attempts": step.attempts,
        "outcome": step.outcome,
        "detail": step.detail,
    }
