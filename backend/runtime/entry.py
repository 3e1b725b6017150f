"""Who enters which journey: the entry filter and the re-entry rules, decided from what is stored."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import case, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncConnection

from backend.db.runtime_tables import InstanceRow
from backend.journeys.graph import entry_node
from backend.journeys.lifecycle import LiveVersion
from backend.runtime.evaluate import EvaluationError, matches

_INSTANCES = InstanceRow.__table__  # type: ignore[attr-defined]


@dataclass
class History:
    """A profile's past in one journey: is it inside now, has it been before, when did it last leave."""

    active: bool = False
    entered_before: bool = False
    last_exit: datetime | None = None


def entry_matches(version: LiveVersion, data: dict[str, Any], profile: dict[str, Any]) -> bool:
    """The entry event node's filter (none means every event of the type); an unreadable field means no."""
    entry = entry_node(version.definition)
    if entry is None:
        return False
    if entry.filter is None:
        return True
    journey = {"id": str(version.journey_id), "versionId": str(version.id), "version": version.version}
    try:
        return matches(entry.filter, {"event": data, "profile": profile, "journey": journey, "steps": {}})
    except EvaluationError:
        return False


def may_enter(version: LiveVersion, history: History | None, now: datetime) -> bool:
    """Not while inside the journey; again only with re-entrance on and after its wait."""
    if history is None:
        return True
    if history.active:
        return False
    if not history.entered_before:
        return True
    if not version.settings.reentrance:
        return False
    wait = timedelta(seconds=version.settings.reentrance_wait_seconds)
    return history.last_exit is None or history.last_exit + wait <= now


async def load_histories(
    connection: AsyncConnection, pairs: set[tuple[uuid.UUID, str]]
) -> dict[tuple[uuid.UUID, str], History]:
    """The history of every (journey, profile) pair, in one query."""
    if not pairs:
        return {}
    active = func.sum(case((_INSTANCES.c.status.in_(("running", "waiting")), 1), else_=0))
    query = (
        select(_INSTANCES.c.journey_id, _INSTANCES.c.profile_id, active, func.max(_INSTANCES.c.finished_at))
        .where(tuple_(_INSTANCES.c.journey_id, _INSTANCES.c.profile_id).in_(list(pairs)))
        .group_by(_INSTANCES.c.journey_id, _INSTANCES.c.profile_id)
    )
    found: dict[tuple[uuid.UUID, str], History] = {}
    for journey_id, profile_id, active_count, last_exit in (await connection.execute(query)).all():
        if isinstance(last_exit, str):  # SQLite returns max() of a datetime column as text
            last_exit = datetime.fromisoformat(last_exit)
        if last_exit is not None and last_exit.tzinfo is None:
            last_exit = last_exit.replace(tzinfo=UTC)
        found[(journey_id, profile_id)] = History(bool(active_count), True, last_exit)
    return found
