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

from sqlalchemy import and_, insert, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from backend.db.runtime_tables import InstanceRow, StepLogRow
from backend.runtime.batcher import GroupCommit
from backend.runtime.clock import Clock
from backend.runtime.state import WAITING, Held, StepRecord

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


class InstanceStore:
    """Claims and step writes of one worker (``owner`` names it in ``lease_owner``)."""

    def __init__(self, engine: AsyncEngine, clock: Clock, owner: str, lease_seconds: float) -> None:
        self._engine = engine
        self._clock = clock
        self.owner = owner
        self._lease = timedelta(seconds=lease_seconds)
        self._steps: GroupCommit[tuple[Held, StepRecord], bool] = GroupCommit(self._write_steps)

    async def claim(self, limit: int) -> list[Held]:
        """Take up to ``limit`` due instances; on PostgreSQL locked rows are skipped, never waited for."""
        now = self._clock.now()
        until = now + self._lease
        due = select(INSTANCES.c.id).where(INSTANCES.c.due_at <= now).order_by(INSTANCES.c.due_at).limit(limit)
        if self._engine.dialect.name == "postgresql":
            due = due.with_for_update(skip_locked=True)
        statement = (
            update(INSTANCES)
            .where(INSTANCES.c.id.in_(due.scalar_subquery()))
            .values(lease_owner=self.owner, lease_until=until, due_at=until, attempt=INSTANCES.c.attempt + 1)
            .returning(*_CLAIMED)
        )
        async with self._engine.begin() as connection:
            rows = (await connection.execute(statement)).all()
        return [
            Held(r.id, r.journey_id, r.version_id, r.profile_id, r.status, r.current_node_id, r.context, r.attempt)
            for r in rows
        ]

    async def persist(self, held: Held, step: StepRecord) -> bool:
        """Write the step log and the instance's new state together; False when our lease was lost."""
        return await self._steps.submit((held, step))

    def _instance_values(self, held: Held, step: StepRecord) -> dict[str, Any]:
        now = self._clock.now()
        values: dict[str, Any] = {"status": step.status, "updated_at": now, "attempt": 0, "error": step.error}
        if step.step_data is not None:
            held.context = {**held.context, "steps": {**held.context.get("steps", {}), step.node_id: step.step_data}}
            values["context"] = held.context
        if step.status == WAITING:
            values.update(current_node_id=step.node_id, due_at=step.wake_at, lease_owner=None, lease_until=None)
        elif step.status != "running" or step.next_node_id is None:
            finished = "completed" if step.status == "running" else step.status
            values.update(status=finished, due_at=None, lease_owner=None, lease_until=None, finished_at=now)
            step.status = finished
        else:
            values["current_node_id"] = step.next_node_id
        return values

    async def _write_steps(self, items: Sequence[tuple[Held, StepRecord]]) -> list[bool]:
        """One transaction for the batch, retried when the database aborts it (deadlock, busy)."""
        for attempt in range(3):
            try:
                return await self._write_steps_once(items)
            except DBAPIError:
                if attempt == 2:
                    raise
                await asyncio.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    async def _write_steps_once(self, items: Sequence[tuple[Held, StepRecord]]) -> list[bool]:
        results: list[bool] = []
        logs: list[dict[str, Any]] = []
        order = sorted(range(len(items)), key=lambda i: items[i][0].id)  # one lock order for every writer
        written_at: dict[int, bool] = {}
        async with self._engine.begin() as connection:
            for index in order:
                held, step = items[index]
                fenced = and_(INSTANCES.c.id == held.id, INSTANCES.c.lease_owner == self.owner)
                values = self._instance_values(held, step)
                written = (await connection.execute(update(INSTANCES).where(fenced).values(**values))).rowcount == 1
                written_at[index] = written
                if not written:
                    continue
                held.status, held.node_id = values["status"], values.get("current_node_id", held.node_id)
                if step.resumed_wait:
                    await connection.execute(_close_wait(held.id, step))
                elif step.logged:
                    logs.append(_log_values(held, step))
            if logs:
                await connection.execute(insert(STEP_LOGS), logs)
        results.extend(written_at[i] for i in range(len(items)))
        return results

    async def release(self, ids: Sequence[uuid.UUID]) -> None:
        """Give instances back (due now) so another worker takes them at once: used when draining."""
        if not ids:
            return
        statement = (
            update(INSTANCES)
            .where(and_(INSTANCES.c.id.in_(list(ids)), INSTANCES.c.lease_owner == self.owner))
            .values(lease_owner=None, lease_until=None, due_at=self._clock.now())
        )
        async with self._engine.begin() as connection:
            await connection.execute(statement)

    async def renew(self, ids: Sequence[uuid.UUID]) -> None:
        """Extend the leases of instances still being worked on (long calls, throttling delays)."""
        if not ids:
            return
        until = self._clock.now() + self._lease
        mine = select(INSTANCES.c.id).where(and_(INSTANCES.c.id.in_(list(ids)), INSTANCES.c.lease_owner == self.owner))
        if self._engine.dialect.name == "postgresql":
            # Rows a step write holds right now are renewed next round; waiting on them could deadlock.
            mine = mine.with_for_update(skip_locked=True)
        statement = (
            update(INSTANCES).where(INSTANCES.c.id.in_(mine.scalar_subquery())).values(lease_until=until, due_at=until)
        )
        async with self._engine.begin() as connection:
            await connection.execute(statement)


def _close_wait(instance_id: uuid.UUID, step: StepRecord) -> Any:
    """The open ``waiting`` row of this wait node becomes the step's final outcome."""
    where = and_(
        STEP_LOGS.c.instance_id == instance_id, STEP_LOGS.c.node_id == step.node_id, STEP_LOGS.c.outcome == WAITING
    )
    return update(STEP_LOGS).where(where).values(outcome=step.outcome, finished_at=step.finished_at)


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
