"""The instance table as workers use it: claim with a lease, persist each step, renew and release leases.

The statements live in ``backend.runtime.storage.instances``; this module turns held instances and step
records into its rows and back, on the worker's clock and lease length.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from backend.runtime.clock import Clock
from backend.runtime.execution.state import Held, StepRecord
from backend.runtime.observe.counters import StepCounts
from backend.runtime.states import InstanceStatus, instance_status, transition
from backend.runtime.storage.instances import InstanceStorage, StepWrite


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
    """Claims and step writes of one worker, whose name ``owner`` is in the leases it holds."""

    def __init__(self, storage: InstanceStorage, clock: Clock, lease_seconds: float) -> None:
        self._storage = storage
        self._clock = clock
        self.owner = storage.owner
        self._lease = timedelta(seconds=lease_seconds)

    async def claim(self, limit: int) -> list[Held]:
        """Take up to ``limit`` due instances under a lease."""
        now = self._clock.now()
        rows = await self._storage.claim(limit, now, now + self._lease)
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
        return await self._storage.persist_steps(_step_write(held, steps, self._clock.now()))

    async def release(self, ids: Sequence[uuid.UUID]) -> None:
        """Give instances back (due now) so another worker takes them at once: used when draining."""
        await self._storage.release(ids, self._clock.now())

    async def renew(self, ids: Sequence[uuid.UUID]) -> None:
        """Extend the leases of instances still being worked on (long calls, throttling delays)."""
        if ids:
            await self._storage.renew(ids, self._clock.now() + self._lease)


def _step_write(held: Held, steps: Sequence[StepRecord], now: datetime) -> StepWrite:
    """The rows of the instance's steps: its new state, the wait logs they close, the logs they add, the counts."""
    closes: list[dict[str, Any]] = []
    logs: list[dict[str, Any]] = []
    counts = StepCounts()
    for step in steps:
        if step.resumed_wait:
            closes.append(_close_values(held, step))
            counts.wait_closed(held.version_id, held.journey_id, step.node_id, step.outcome)
        elif step.logged:
            logs.append(_log_values(held, step))
            counts.logged(held.version_id, held.journey_id, step.node_id, step.outcome)
    return StepWrite(held.id, _instance_values(held, steps, now), closes, logs, counts)


def _instance_values(held: Held, steps: Sequence[StepRecord], now: datetime) -> dict[str, Any]:
    last = steps[-1]
    values: dict[str, Any] = {
        "status": held.status,
        "current_node_id": held.node_id,
        "updated_at": now,
        "attempt": 0,
        "error": last.error,
    }
    if any(step.step_data is not None for step in steps):
        values["context"] = held.context
    if held.status == InstanceStatus.WAITING:
        values.update(due_at=last.wake_at, lease_owner=None, lease_until=None)
    elif held.status != InstanceStatus.RUNNING:
        values.update(due_at=None, lease_owner=None, lease_until=None, finished_at=now)
    return values


def _close_values(held: Held, step: StepRecord) -> dict[str, Any]:
    """The open ``waiting`` row of this node becomes the step's final outcome.

    An action's row (open while it waited for its throttling slot) also takes the call's detail and attempts.
    """
    values = {"b_instance": held.id, "b_node": step.node_id, "outcome": step.outcome, "finished_at": step.finished_at}
    if step.node_type == "action":
        values.update(detail=step.detail, attempts=step.attempts)
    return values


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
