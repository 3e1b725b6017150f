"""Who enters which journey: the entry filter and the re-entry rules, decided from what is stored."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, case, func, select

from backend.db.journey_tables import JourneyRow, JourneyVersionRow
from backend.db.runtime_tables import InstanceRow
from backend.journeys.convert import definition_of, settings_of
from backend.journeys.graph import entry_node
from backend.journeys.lifecycle import LiveVersion
from backend.runtime.rules.context import evaluation_context, journey_fields, profile_fields
from backend.runtime.rules.evaluate import EvaluationError, matches
from backend.runtime.states import ACTIVE_STATUSES

_INSTANCES = InstanceRow.__table__  # type: ignore[attr-defined]
_VERSIONS = JourneyVersionRow.__table__  # type: ignore[attr-defined]
_JOURNEYS = JourneyRow.__table__  # type: ignore[attr-defined]
_ACTIVE = func.sum(case((_INSTANCES.c.status.in_(ACTIVE_STATUSES), 1), else_=0))
_HISTORIES = (
    select(_INSTANCES.c.journey_id, _INSTANCES.c.profile_id, _ACTIVE, func.max(_INSTANCES.c.finished_at))
    # Two IN lists, not a row-value IN: SQLite searches ix_journey_instances_profile_journey for these but
    # scans the whole index for ``(profile_id, journey_id) IN (VALUES ...)``. Pairs not asked for are dropped.
    .where(_INSTANCES.c.profile_id.in_(bindparam("profiles", expanding=True)))
    .where(_INSTANCES.c.journey_id.in_(bindparam("journeys", expanding=True)))
    .group_by(_INSTANCES.c.journey_id, _INSTANCES.c.profile_id)
)
_LIVE_STAMPS = select(_VERSIONS.c.id, _VERSIONS.c.updated_at).where(_VERSIONS.c.status == "live")
# The journey's name is read with the definition: like the workers' cache, a rename shows from the version's
# next change on, and the per-flush stamp query stays on one table.
_LIVE_ROWS = select(_VERSIONS, _JOURNEYS.c.name.label("journey_name")).join(
    _JOURNEYS, _JOURNEYS.c.id == _VERSIONS.c.journey_id
)


@dataclass
class History:
    """A profile's past in one journey: is it inside now, has it been before, when did it last leave."""

    active: bool = False
    entered_before: bool = False
    last_exit: datetime | None = None


class LiveVersions:
    """The live versions by entry event type; each flush reads only ids and change times of the live ones.

    Publishing, closing or stopping takes effect with the next flush (no time-based caching), while a
    version's definition is parsed once, not once per flush.
    """

    def __init__(self) -> None:
        self._parsed: dict[uuid.UUID, tuple[datetime, LiveVersion, uuid.UUID | None]] = {}

    def by_event_type(self, connection: Connection) -> dict[uuid.UUID, list[LiveVersion]]:
        """Live versions keyed by the event type their entry node listens to."""
        stamps = {row.id: row.updated_at for row in connection.execute(_LIVE_STAMPS).all()}
        stale = [key for key, at in stamps.items() if key not in self._parsed or self._parsed[key][0] != at]
        if stale:
            for row in connection.execute(_LIVE_ROWS.where(_VERSIONS.c.id.in_(stale))).all():
                definition = definition_of(row)
                journey = journey_fields(row.journey_id, row.id, row.version, row.journey_name)
                version = LiveVersion(row.id, row.journey_id, row.version, definition, settings_of(row), journey)
                entry = entry_node(definition)
                self._parsed[row.id] = (stamps[row.id], version, entry.event_type_id if entry else None)
        self._parsed = {key: self._parsed[key] for key in stamps if key in self._parsed}
        found: dict[uuid.UUID, list[LiveVersion]] = defaultdict(list)
        for _, version, event_type_id in self._parsed.values():
            if event_type_id is not None:
                found[event_type_id].append(version)
        return found


def entry_matches(version: LiveVersion, data: dict[str, Any], profile_id: str, attributes: dict[str, Any]) -> bool:
    """The entry event node's filter (none means every event of the type); an unreadable field means no."""
    entry = entry_node(version.definition)
    if entry is None:
        return False
    if entry.filter is None:
        return True
    # No ``journey.instanceId`` yet: the instance is made only when the filter lets the profile in.
    try:
        context = evaluation_context(version.journey, profile_fields(profile_id, attributes), data, {})
        return matches(entry.filter, context)
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


def load_histories(connection: Connection, pairs: set[tuple[uuid.UUID, str]]) -> dict[tuple[uuid.UUID, str], History]:
    """The history of every (journey, profile) pair, in one query."""
    if not pairs:
        return {}
    found: dict[tuple[uuid.UUID, str], History] = {}
    wanted = {"profiles": list({p for _, p in pairs}), "journeys": list({j for j, _ in pairs})}
    for journey_id, profile_id, active_count, last_exit in connection.execute(_HISTORIES, wanted).all():
        if (journey_id, profile_id) not in pairs:
            continue
        if isinstance(last_exit, str):  # SQLite returns max() of a datetime column as text
            last_exit = datetime.fromisoformat(last_exit)
        if last_exit is not None and last_exit.tzinfo is None:
            last_exit = last_exit.replace(tzinfo=UTC)
        found[(journey_id, profile_id)] = History(bool(active_count), True, last_exit)
    return found
