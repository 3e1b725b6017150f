"""Which journeys use an action: ``usedIn`` in answers and the guard against deleting an action in use."""

from __future__ import annotations

import uuid
from collections import defaultdict

from sqlalchemy import and_, exists, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.actions.schemas import JourneyRef
from backend.db.journey_tables import JourneyRow, JourneyVersionActionRow, JourneyVersionRow
from backend.db.runtime_tables import InstanceRow

_ACTIVE = ("running", "waiting")  # the instance statuses that will still call actions

# When a journey has several versions, the one shown is the most consequential.
_STATUS_RANK = {"live": 0, "draft": 1, "stopped": 2, "closed": 3}


def _ranked(rows: list[tuple[uuid.UUID, str, str]]) -> list[JourneyRef]:
    best: dict[uuid.UUID, tuple[str, str]] = {}
    for journey_id, name, status in rows:
        current = best.get(journey_id)
        if current is None or _STATUS_RANK.get(status, 9) < _STATUS_RANK.get(current[1], 9):
            best[journey_id] = (name, status)
    refs = [JourneyRef(id=jid, name=name, status=status) for jid, (name, status) in best.items()]
    return sorted(refs, key=lambda r: (r.name.lower(), str(r.id)))


async def used_in(db: AsyncSession, action_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[JourneyRef]]:
    """For each action id, the journeys with a version that references it (one entry per journey)."""
    if not action_ids:
        return {}
    query = (
        select(JourneyVersionActionRow.action_id, JourneyRow.id, JourneyRow.name, JourneyVersionRow.status)
        .join(JourneyVersionRow, col(JourneyVersionRow.id) == col(JourneyVersionActionRow.version_id))
        .join(JourneyRow, col(JourneyRow.id) == col(JourneyVersionRow.journey_id))
        .where(col(JourneyVersionActionRow.action_id).in_(action_ids))
    )
    grouped: dict[uuid.UUID, list[tuple[uuid.UUID, str, str]]] = defaultdict(list)
    for action_id, journey_id, name, status in (await db.exec(query)).all():
        grouped[action_id].append((journey_id, name, status))
    return {action_id: _ranked(rows) for action_id, rows in grouped.items()}


async def blocking_journeys(db: AsyncSession, action_id: uuid.UUID) -> list[JourneyRef]:
    """Journeys whose non-draft versions use the action (drafts never block a delete)."""
    query = (
        select(JourneyRow.id, JourneyRow.name, JourneyVersionRow.status)
        .join(JourneyVersionRow, col(JourneyRow.id) == col(JourneyVersionRow.journey_id))
        .join(JourneyVersionActionRow, col(JourneyVersionActionRow.version_id) == col(JourneyVersionRow.id))
        .where(col(JourneyVersionActionRow.action_id) == action_id, col(JourneyVersionRow.status) != "draft")
    )
    return _ranked([(jid, name, status) for jid, name, status in (await db.exec(query)).all()])


async def contract_holders(db: AsyncSession, action_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[JourneyRef]]:
    """For each action id, the journeys whose calls rely on its contract now: a live version uses it, or a closed
    one that still has running or waiting instances."""
    if not action_ids:
        return {}
    running = exists().where(
        col(InstanceRow.version_id) == col(JourneyVersionRow.id), col(InstanceRow.status).in_(_ACTIVE)
    )
    query = (
        select(JourneyVersionActionRow.action_id, JourneyRow.id, JourneyRow.name, JourneyVersionRow.status)
        .join(JourneyVersionRow, col(JourneyVersionRow.id) == col(JourneyVersionActionRow.version_id))
        .join(JourneyRow, col(JourneyRow.id) == col(JourneyVersionRow.journey_id))
        .where(
            col(JourneyVersionActionRow.action_id).in_(action_ids),
            or_(col(JourneyVersionRow.status) == "live", and_(col(JourneyVersionRow.status) == "closed", running)),
        )
    )
    grouped: dict[uuid.UUID, list[tuple[uuid.UUID, str, str]]] = defaultdict(list)
    for action_id, journey_id, name, status in (await db.exec(query)).all():
        grouped[action_id].append((journey_id, name, status))
    return {action_id: _ranked(rows) for action_id, rows in grouped.items()}
