"""Read side of the runtime: per-node stats, instance lists and one instance with its step log."""

from __future__ import annotations

import uuid

from backend.errors import NotFoundError
from backend.runtime.observe.convert import instance_detail, instance_out
from backend.runtime.observe.schemas import InstanceDetail, InstanceOut, JourneyStats, NodeStats
from backend.runtime.states import StepOutcome
from backend.runtime.storage.monitoring import MonitoringStorage

# Outcome -> the NodeStats field counting it (``stopped`` counts only as entered).
_COUNTED: dict[str, str] = {
    StepOutcome.SUCCEEDED: "succeeded",
    StepOutcome.FAILED: "failed",
    StepOutcome.WAITING: "waiting",
    StepOutcome.CAPPED: "capped",
    StepOutcome.TIMED_OUT: "timed_out",
}


class Monitoring:
    """What the monitoring endpoints answer: per-node stats, instance lists, one instance with its steps."""

    def __init__(self, storage: MonitoringStorage) -> None:
        self._storage = storage

    async def journey_stats(self, journey_id: uuid.UUID, version: int | None) -> JourneyStats:
        """Counts per node of the journey's nodes (every version, or only ``version``), from the node counters."""
        found = await self._storage.node_counts(journey_id, version)
        if not found.journey_found:
            raise NotFoundError(f"no journey {journey_id}")
        if not found.version_found:
            raise NotFoundError(f"journey {journey_id} has no version {version}")
        nodes: dict[str, NodeStats] = {}
        for node_id, outcome, total in found.rows:
            count = int(total or 0)
            if count == 0:
                continue
            stats = nodes.setdefault(node_id, NodeStats(node_id=node_id))
            stats.entered += count
            if outcome in _COUNTED:
                setattr(stats, _COUNTED[outcome], getattr(stats, _COUNTED[outcome]) + count)
        nodes_in_order = sorted(nodes.values(), key=lambda n: n.node_id)
        return JourneyStats(journey_id=journey_id, nodes=nodes_in_order, version=version)

    async def list_instances(
        self, journey_id: uuid.UUID | None, profile_id: str | None, status: str | None, limit: int
    ) -> list[InstanceOut]:
        """Newest instances first, filtered."""
        return [instance_out(row) for row in await self._storage.instances(journey_id, profile_id, status, limit)]

    async def get_instance(self, instance_id: uuid.UUID) -> InstanceDetail:
        """One instance with its steps, oldest first."""
        found = await self._storage.instance(instance_id)
        if found is None:
            raise NotFoundError(f"no instance {instance_id}")
        return instance_detail(*found)
