"""Advance claimed instances step by step; each step's effect is persisted before the next one starts."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

from backend.runtime.execution.cache import RuntimeCache, VersionInfo
from backend.runtime.execution.state import MAX_CLAIMS_PER_STEP, Held, StepRecord
from backend.runtime.execution.steps import StepRunner, type_of
from backend.runtime.execution.store import InstanceStore, advance
from backend.runtime.observe import metrics
from backend.runtime.rules.context import evaluation_context, profile_fields
from backend.runtime.states import InstanceStatus, StepOutcome
from backend.runtime.storage.database import Transactions
from backend.runtime.storage.profiles import profile_attributes

logger = logging.getLogger("journeys.runtime")
_FAILED = (StepOutcome.FAILED, InstanceStatus.FAILED)
_STOPPED = (StepOutcome.STOPPED, InstanceStatus.STOPPED)


class Engine:
    """Runs batches of claimed instances until each waits, ends, fails or loses its lease."""

    def __init__(
        self, transactions: Transactions, store: InstanceStore, cache: RuntimeCache, runner: StepRunner
    ) -> None:
        self._transactions = transactions
        self._store = store
        self._cache = cache
        self._runner = runner

    async def run_batch(self, batch: Sequence[Held]) -> None:
        """Advance every instance of the batch concurrently."""
        if not batch:
            return
        versions = await self._cache.versions({h.version_id for h in batch})
        profiles = await self._transactions.read(profile_attributes, {h.profile_id for h in batch})
        await asyncio.gather(
            *(
                self.run_instance(
                    h, versions.get(h.version_id), profile_fields(h.profile_id, profiles.get(h.profile_id, {}))
                )
                for h in batch
            )
        )

    async def run_instance(self, held: Held, version: VersionInfo | None, profile: dict[str, Any]) -> None:
        """Step until the instance parks; an unexpected error leaves it leased, so it is retried after expiry.

        Steps run in memory and are written together when the instance parks or before a second call could be
        made, so a crash repeats at most the one call in flight (with the same idempotency key).
        """
        pending: list[StepRecord] = []
        try:
            while True:
                if pending and pending[-1].node_type == "action" and _calls_next(held, version):
                    if not await self._persist(held, pending):
                        return
                    pending = []
                step = await self._next_step(held, version, profile)
                advance(held, step)
                pending.append(step)
                if step.parks:
                    await self._persist(held, pending)
                    return
        except Exception:
            logger.exception("step of instance %s failed unexpectedly; it is retried after its lease", held.id)

    async def _persist(self, held: Held, steps: list[StepRecord]) -> bool:
        if not await self._store.persist(held, steps):
            logger.warning("lost the lease of instance %s; another worker continues it", held.id)
            return False
        for step in steps:
            metrics.record_step(step.node_type, step.outcome)
        return True

    async def _next_step(self, held: Held, version: VersionInfo | None, profile: dict[str, Any]) -> StepRecord:
        node_id = held.node_id or "unknown"
        if version is None:
            return _exit(held, node_id, _FAILED, "the journey version no longer exists", self._runner)
        if version.status == "stopped":
            return _exit(held, node_id, _STOPPED, "the journey was stopped", self._runner)
        node = version.nodes.get(node_id)
        if node is None:
            return _exit(held, node_id, _FAILED, f"node {node_id} is not in the version", self._runner)
        if held.attempt > MAX_CLAIMS_PER_STEP:
            reason = f"gave up on node {node_id} after {held.attempt - 1} interrupted attempts"
            return _exit(held, node_id, _FAILED, reason, self._runner)
        event, steps = held.context.get("event", {}), held.context.get("steps", {})
        context = evaluation_context(version.journey_fields, profile, event, steps, held.idempotency_prefix)
        return await self._runner.run(held, node, version, context)


def _calls_next(held: Held, version: VersionInfo | None) -> bool:
    """Whether the instance's next node makes a call (an action), so earlier steps must be written first."""
    node = version.nodes.get(held.node_id or "") if version is not None else None
    return node is None or type_of(node) == "action"


def _exit(
    held: Held, node_id: str, ending: tuple[StepOutcome, InstanceStatus], reason: str, runner: StepRunner
) -> StepRecord:
    """The instance leaves without running its node; an open wait log is closed with the outcome."""
    outcome, status = ending
    now = runner.clock.now()
    record = StepRecord(node_id, "exit", outcome, now, now, detail={"error": reason}, status=status, error=reason)
    record.resumed_wait = held.status == InstanceStatus.WAITING
    record.logged = outcome == StepOutcome.FAILED
    return record
