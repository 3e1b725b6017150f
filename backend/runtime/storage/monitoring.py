"""The monitoring API's reads: node counters, instance lists, one instance with its step log."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, NamedTuple

from sqlalchemy import Row, RowMapping, func, select

from backend.db.handles import INSTANCES, JOURNEYS, NODE_COUNTS, STEP_LOGS, VERSIONS
from backend.runtime.storage.database import Storage

_LISTED = [column for column in INSTANCES.c if column.name not in ("context", "lease_owner", "lease_until")]


class NodeCountRows(NamedTuple):
    """``(node_id, outcome, total)`` rows, and whether the journey (and the asked version) exist."""

    journey_found: bool
    version_found: bool
    rows: Sequence[Row[str, str, Any]]


class MonitoringStorage:
    """Reads on the async engine: none is on the hot path, and a long list must not hold the event loop."""

    def __init__(self, storage: Storage) -> None:
        self._engine = storage.engine

    async def node_counts(self, journey_id: uuid.UUID, version: int | None) -> NodeCountRows:
        """The journey's counters summed per node and outcome (every version, or only ``version``)."""
        async with self._engine.connect() as connection:
            found = await connection.execute(select(JOURNEYS.c.id).where(JOURNEYS.c.id == journey_id))
            if found.first() is None:
                return NodeCountRows(False, False, [])
            query = (
                select(NODE_COUNTS.c.node_id, NODE_COUNTS.c.outcome, func.sum(NODE_COUNTS.c.count))
                .where(NODE_COUNTS.c.journey_id == journey_id)
                .group_by(NODE_COUNTS.c.node_id, NODE_COUNTS.c.outcome)
            )
            if version is not None:
                versions = select(VERSIONS.c.id).where(
                    VERSIONS.c.journey_id == journey_id, VERSIONS.c.version == version
                )
                version_id = (await connection.execute(versions)).scalar_one_or_none()
                if version_id is None:
                    return NodeCountRows(True, False, [])
                query = query.where(NODE_COUNTS.c.version_id == version_id)
            return NodeCountRows(True, True, (await connection.execute(query)).all())

    async def instances(
        self, journey_id: uuid.UUID | None, profile_id: str | None, status: str | None, limit: int
    ) -> Sequence[RowMapping]:
        """Newest instances first, filtered (without their context)."""
        query = select(*_LISTED).order_by(INSTANCES.c.created_at.desc()).limit(limit)
        if journey_id is not None:
            query = query.where(INSTANCES.c.journey_id == journey_id)
        if profile_id is not None:
            query = query.where(INSTANCES.c.profile_id == profile_id)
        if status is not None:
            query = query.where(INSTANCES.c.status == status)
        async with self._engine.connect() as connection:
            return (await connection.execute(query)).mappings().all()

    async def instance(self, instance_id: uuid.UUID) -> tuple[RowMapping, Sequence[RowMapping]] | None:
        """One instance (with its context) and its step logs, oldest first; None when there is no such instance."""
        async with self._engine.connect() as connection:
            query = select(*_LISTED, INSTANCES.c.context).where(INSTANCES.c.id == instance_id)
            row = (await connection.execute(query)).mappings().one_or_none()
            if row is None:
                return None
            steps = select(STEP_LOGS).where(STEP_LOGS.c.instance_id == instance_id).order_by(STEP_LOGS.c.id)
            return row, (await connection.execute(steps)).mappings().all()
