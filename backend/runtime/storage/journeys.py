"""Statements on journeys and their versions as the runtime reads them, and profiles' histories in journeys."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, bindparam, case, func, select

from backend.db.handles import INSTANCES, JOURNEYS, VERSIONS
from backend.runtime.states import ACTIVE_STATUSES
from backend.runtime.storage.database import AnyRow, Tx

_ACTIVE = func.sum(case((INSTANCES.c.status.in_(ACTIVE_STATUSES), 1), else_=0))
HISTORIES = (
    select(INSTANCES.c.journey_id, INSTANCES.c.profile_id, _ACTIVE, func.max(INSTANCES.c.finished_at))
    # Two IN lists, not a row-value IN: SQLite searches ix_journey_instances_profile_journey for these but
    # scans the whole index for ``(profile_id, journey_id) IN (VALUES ...)``. Pairs not asked for are dropped.
    .where(INSTANCES.c.profile_id.in_(bindparam("profiles", expanding=True)))
    .where(INSTANCES.c.journey_id.in_(bindparam("journeys", expanding=True)))
    .group_by(INSTANCES.c.journey_id, INSTANCES.c.profile_id)
)
_LIVE_STAMPS = select(VERSIONS.c.id, VERSIONS.c.updated_at).where(VERSIONS.c.status == "live")
# The journey's name is read with the definition: like the workers' cache, a rename shows from the version's
# next change on, and the per-flush stamp query stays on one table.
_WITH_NAME = select(VERSIONS, JOURNEYS.c.name.label("journey_name")).join(
    JOURNEYS, JOURNEYS.c.id == VERSIONS.c.journey_id
)


def live_version_stamps(tx: Tx) -> dict[uuid.UUID, datetime]:
    """Id and last change of every live version (read on every ingestion flush)."""
    return {row.id: row.updated_at for row in tx.execute(_LIVE_STAMPS).all()}


def versions_with_names(tx: Tx, ids: Collection[uuid.UUID]) -> Sequence[AnyRow]:
    """Whole version rows with their journey's name (``journey_name``)."""
    return tx.execute(_WITH_NAME.where(VERSIONS.c.id.in_(list(ids)))).all()


def version_statuses(tx: Tx, ids: Collection[uuid.UUID]) -> Sequence[Row[uuid.UUID, str]]:
    """``(id, status)`` of the versions (refreshed on every claimed batch)."""
    return tx.execute(select(VERSIONS.c.id, VERSIONS.c.status).where(VERSIONS.c.id.in_(list(ids)))).all()


def entry_histories(tx: Tx, profiles: list[str], journeys: list[uuid.UUID]) -> Sequence[Row[uuid.UUID, str, int, Any]]:
    """``(journey_id, profile_id, active count, last finished_at)`` of every asked profile in every asked journey.

    SQLite returns the last ``finished_at`` as text (``max()`` of a datetime column).
    """
    return tx.execute(HISTORIES, {"profiles": profiles, "journeys": journeys}).all()
