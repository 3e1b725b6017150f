"""Read side of the runtime: per-node stats, instance lists and one instance with its step log."""

from __future__ import annotations

import uuid

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.journey_tables import JourneyRow, JourneyVersionRow
from backend.db.runtime_tables import InstanceRow, NodeCountRow, StepLogRow
from backend.errors import NotFoundError
from backend.runtime.observe.convert import instance_detail, instance_out
from backend.runtime.observe.schemas import InstanceDetail, InstanceOut, JourneyStats, NodeStats
from backend.runtime.states import StepOutcome

# Outcome -> the NodeStats field counting it (``stopped`` counts only as entered).
_COUNTED: dict[str, str] = {
    StepOutcome.SUCCEEDED: "succeeded",
    StepOutcome.FAILED: "failed",
    StepOutcome.WAITING: "waiting",
    StepOutcome.CAPPED: "capped",
    StepOutcome.TIMED_OUT: "timed_out",
}


async def journey_stats(db: AsyncSession, journey_id: uuid.UUID, version: int | None) -> JourneyStats:
    """Counts per node of the journey's nodes (every version, or only ``version``), from the node counters."""
    if await db.get(JourneyRow, journey_id) is None:
        raise NotFoundError(f"no journey {journey_id}")
    query = (
        select(NodeCountRow.node_id, NodeCountRow.outcome, func.sum(NodeCountRow.count))
        .where(NodeCountRow.journey_id == journey_id)
        .group_by(col(NodeCountRow.node_id), col(NodeCountRow.outcome))
    )
    if version is not None:
        version_row = (
            await db.exec(
                select(JourneyVersionRow).where(
                    JourneyVersionRow.journey_id == journey_id, JourneyVersionRow.version == version
                )
            )
        ).one_or_none()
        if version_row is None:
            raise NotFoundError(f"journey {journey_id} has no version {version}")
        query = query.where(NodeCountRow.version_id == version_row.id)
    nodes: dict[str, NodeStats] = {}
    for node_id, outcome, total in (await db.exec(query)).all():
        count = int(total or 0)
        if count == 0:
            continue
        stats = nodes.setdefault(node_id, NodeStats(node_id=node_id))
        stats.entered += count
        if outcome in _COUNTED:
            setattr(stats, _COUNTED[outcome], getattr(stats, _COUNTED[outcome]) + count)
    return JourneyStats(journey_id=journey_id, nodes=sorted(nodes.values(), key=lambda n: n.node_id), version=version)


async def list_instances(
    db: AsyncSession,
    journey_id: uuid.UUID | None,
    profile_id: str | None,
    status: str | None,
    limit: int,
) -> list[InstanceOut]:
    """Newest instances first, filtered."""
    query = select(InstanceRow).order_by(col(InstanceRow.created_at).desc()).limit(limit)
    if journey_id is not None:
        query = query.where(InstanceRow.journey_id == journey_id)
    if profile_id is not None:
        query = query.where(InstanceRow.profile_id == profile_id)
    if status is not None:
        query = query.where(InstanceRow.status == status)
    return [instance_out(row) for row in (await db.exec(query)).all()]


async def get_instance(db: AsyncSession, instance_id: uuid.UUID) -> InstanceDetail:
    """One instance with its steps, oldest first."""
    row = await db.get(InstanceRow, instance_id)
    if row is None:
        raise NotFoundError(f"no instance {instance_id}")
    steps = (
        await db.exec(select(StepLogRow).where(StepLogRow.instance_id == instance_id).order_by(col(StepLogRow.id)))
    ).all()
    return instance_detail(row, list(steps))
