"""Ingestion: events are validated, deduplicated, merged into profiles and start instances, in group commits."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from uuid_utils.compat import uuid7

from backend.errors import FieldProblem
from backend.journeys.definition import NEXT
from backend.journeys.graph import entry_node, next_node_id
from backend.journeys.lifecycle import LiveVersion
from backend.runtime.clock import Clock
from backend.runtime.ingestion.entry import LiveVersions, entry_matches, load_histories, may_enter
from backend.runtime.ingestion.event_check import type_problems
from backend.runtime.ingestion.profiles import merge_profiles
from backend.runtime.ingestion.schemas import EventIn
from backend.runtime.ingestion.type_catalog import EventTypeCatalog
from backend.runtime.observe import metrics
from backend.runtime.observe.counters import StepCounts, process_shard
from backend.runtime.states import InstanceStatus, StepOutcome
from backend.runtime.storage.database import Transactions, Tx
from backend.runtime.storage.events import (
    EventWrites,
    insert_events,
    insert_instances,
    instances_of_events,
    known_events,
)
from backend.runtime.storage.node_counts import write_counts
from backend.runtime.wake import WorkSignal


@dataclass
class Ingested:
    """What happened to one event: accepted (maybe as a duplicate) or refused with field problems."""

    event_id: uuid.UUID | None = None
    instances: list[uuid.UUID] = field(default_factory=list)
    duplicate: bool = False
    problems: list[FieldProblem] = field(default_factory=list)


@dataclass
class _Batch:
    """Rows to insert for one flush."""

    now: datetime
    events: list[dict[str, Any]] = field(default_factory=list)
    instances: list[dict[str, Any]] = field(default_factory=list)
    steps: list[dict[str, Any]] = field(default_factory=list)
    entered: set[tuple[uuid.UUID, str]] = field(default_factory=set)


class Ingestor:
    """The process's ingestion pipeline; concurrent requests share transactions."""

    def __init__(self, transactions: Transactions, clock: Clock, work: WorkSignal) -> None:
        self._clock = clock
        self._work = work
        self._commits: EventWrites[EventIn, Ingested] = EventWrites(transactions, self._write, clock.now)
        self._live = LiveVersions()
        self._types = EventTypeCatalog()
        self._shard = process_shard()

    async def ingest(self, events: Sequence[EventIn]) -> list[Ingested]:
        """Accept events (or say why not); instances they start are due at once."""
        results = await self._commits.submit_many(events)
        if any(r.instances for r in results):
            self._work.notify()
        for result in results:
            metrics.record_event(accepted=not result.problems)
        return results

    def _write(self, tx: Tx, events: Sequence[EventIn], now: datetime) -> list[Ingested]:
        """The whole group commit, as plain calls run in one transaction (see ``backend.runtime.storage.events``)."""
        batch = _Batch(now)
        types = self._types.current(tx)
        seen = known_events(tx, [e.id for e in events if e.id])
        results = [self._check(event, types, seen) for event in events]
        fresh = [(e, r) for e, r in zip(events, results, strict=True) if r.event_id and not r.duplicate]
        if fresh:
            profiles = merge_profiles(tx, [(e.profile_id, e.profile) for e, _ in fresh], batch.now)
            self._enter(tx, fresh, types, profiles, batch)
        if batch.events:
            insert_events(tx, batch.events)
        if batch.instances:
            insert_instances(tx, batch.instances, batch.steps)
            counts = StepCounts()
            for step in batch.steps:
                counts.logged(step["version_id"], step["journey_id"], step["node_id"], step["outcome"])
            write_counts(tx, counts, self._shard)
        _fill_duplicates(tx, results)
        return results

    def _check(self, event: EventIn, types: dict[str, dict[str, Any]], seen: dict[str, uuid.UUID]) -> Ingested:
        event_type = _type_of(event, types)
        if event_type is None:
            return Ingested(problems=[FieldProblem("type", f"no event type named or with id '{event.type}'")])
        problems = type_problems(event.data, event_type["fields"])
        if problems:
            return Ingested(problems=problems)
        if event.id and event.id in seen:
            return Ingested(event_id=seen[event.id], duplicate=True)
        event_id = uuid7()
        if event.id:
            seen[event.id] = event_id
        return Ingested(event_id=event_id)

    def _enter(
        self,
        tx: Tx,
        fresh: list[tuple[EventIn, Ingested]],
        types: dict[str, dict[str, Any]],
        profiles: dict[str, dict[str, Any]],
        batch: _Batch,
    ) -> None:
        live = self._live.by_event_type(tx)
        typed = [(event, result, _type_id(event, types)) for event, result in fresh]
        pairs = {(v.journey_id, e.profile_id) for e, _, type_id in typed for v in live.get(type_id, ())}
        histories = load_histories(tx, pairs)
        for event, result, type_id in typed:
            assert result.event_id is not None
            batch.events.append(_event_row(result.event_id, type_id, event, batch.now))
            for version in live.get(type_id, ()):
                key = (version.journey_id, event.profile_id)
                attributes = profiles.get(event.profile_id, {})
                if key in batch.entered or not may_enter(version, histories.get(key), batch.now):
                    continue
                if entry_matches(version, event.data, event.profile_id, attributes):
                    batch.entered.add(key)
                    result.instances.append(_start(batch, version, event, result.event_id))


def _type_of(event: EventIn, types: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """The event's type, named (case-insensitively) or given by id."""
    return types.get(event.type.strip().casefold()) or types.get(event.type.strip())


def _type_id(event: EventIn, types: dict[str, dict[str, Any]]) -> uuid.UUID:
    """The id of a type already checked to exist (``_check``)."""
    found = _type_of(event, types)
    assert found is not None
    type_id: uuid.UUID = found["id"]
    return type_id


def _event_row(event_id: uuid.UUID, type_id: uuid.UUID, event: EventIn, now: datetime) -> dict[str, Any]:
    return {
        "id": event_id,
        "external_id": event.id,
        "event_type_id": type_id,
        "profile_id": event.profile_id,
        "data": event.data,
        "received_at": now,
    }


def _start(batch: _Batch, version: LiveVersion, event: EventIn, event_id: uuid.UUID) -> uuid.UUID:
    """Add the instance and its entry step (the event node) to the batch; returns the instance id."""
    entry = entry_node(version.definition)
    assert entry is not None
    target = next_node_id(version.definition, entry.id, NEXT)
    instance_id = uuid7()
    now = batch.now
    batch.instances.append(
        {
            "id": instance_id,
            "journey_id": version.journey_id,
            "version_id": version.id,
            "profile_id": event.profile_id,
            "event_id": event_id,
            "status": InstanceStatus.RUNNING if target else InstanceStatus.COMPLETED,
            "current_node_id": target,
            "context": {"event": event.data, "steps": {}},
            "due_at": now if target else None,
            "attempt": 0,
            "created_at": now,
            "updated_at": now,
            "finished_at": None if target else now,
        }
    )
    batch.steps.append(
        {
            "instance_id": instance_id,
            "journey_id": version.journey_id,
            "version_id": version.id,
            "node_id": entry.id,
            "node_type": "event",
            "started_at": now,
            "finished_at": now,
            "attempts": 1,
            "outcome": StepOutcome.SUCCEEDED,
            "detail": {"eventId": str(event_id)},
        }
    )
    return instance_id


def _fill_duplicates(tx: Tx, results: list[Ingested]) -> None:
    """A duplicate answers with the instances its first delivery started."""
    wanted = {r.event_id for r in results if r.duplicate and r.event_id}
    if not wanted:
        return
    started = instances_of_events(tx, wanted)
    for result in results:
        if result.duplicate:
            result.instances = [instance_id for event_id, instance_id in started if event_id == result.event_id]
