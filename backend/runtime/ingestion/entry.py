"""Who enters which journey: the entry filter and the re-entry rules, decided from what is stored."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from backend.journeys.convert import definition_of, settings_of
from backend.journeys.graph import entry_node
from backend.journeys.lifecycle import LiveVersion
from backend.runtime.rules.context import evaluation_context, journey_fields, profile_fields
from backend.runtime.rules.evaluate import EvaluationError, matches
from backend.runtime.storage.database import Tx
from backend.runtime.storage.journeys import entry_histories, live_version_stamps, versions_with_names


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

    def by_event_type(self, tx: Tx) -> dict[uuid.UUID, list[LiveVersion]]:
        """Live versions keyed by the event type their entry node listens to."""
        stamps = live_version_stamps(tx)
        stale = [key for key, at in stamps.items() if key not in self._parsed or self._parsed[key][0] != at]
        if stale:
            for row in versions_with_names(tx, stale):
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


def load_histories(tx: Tx, pairs: set[tuple[uuid.UUID, str]]) -> dict[tuple[uuid.UUID, str], History]:
    """The history of every (journey, profile) pair, in one query."""
    if not pairs:
        return {}
    found: dict[tuple[uuid.UUID, str], History] = {}
    profiles, journeys = list({p for _, p in pairs}), list({j for j, _ in pairs})
    for journey_id, profile_id, active_count, last_exit in entry_histories(tx, profiles, journeys):
        if (journey_id, profile_id) not in pairs:
            continue
        if isinstance(last_exit, str):  # SQLite returns max() of a datetime column as text
            last_exit = datetime.fromisoformat(last_exit)
        if last_exit is not None and last_exit.tzinfo is None:
            last_exit = last_exit.replace(tzinfo=UTC)
        found[(journey_id, profile_id)] = History(bool(active_count), True, last_exit)
    return found
