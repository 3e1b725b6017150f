"""The runtime's part of stopping journey versions: their waiting instances become due, so a worker ends them now."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Select, Update, and_, update
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.handles import INSTANCES
from backend.runtime.states import InstanceStatus


def waiting_instances_due(versions: list[uuid.UUID] | Select[tuple[uuid.UUID]], now: datetime) -> Update:
    """Waiting instances of ``versions`` due at ``now``, not when their wait is over.

    Instances a worker holds right now (a lease) are left alone: it sees the stop at their next step, and one a
    worker holds must never become claimable twice.
    """
    return (
        update(INSTANCES)
        .where(
            and_(
                INSTANCES.c.version_id.in_(versions),
                INSTANCES.c.status == InstanceStatus.WAITING,
                INSTANCES.c.lease_owner.is_(None),
            )
        )
        .values(due_at=now)
    )


async def end_waits_of_stopped_versions(db: AsyncSession, version_ids: list[uuid.UUID], now: datetime) -> None:
    """Run in the transaction that stops the versions (``backend.journeys.lifecycle.stop`` receives it by DI)."""
    await db.exec(waiting_instances_due(version_ids, now))
