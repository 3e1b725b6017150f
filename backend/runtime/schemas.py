"""Wire shapes of the runtime API: events in, profiles, instances with their step log, per-node stats."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

import msgspec

from backend.errors import FieldProblem

MAX_BATCH = 1000
ProfileId = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]


class Wire(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    """Base of runtime structs: camelCase JSON, unknown fields rejected."""


class EventIn(Wire):
    """An event: ``type`` is the event type's name or id; ``id`` makes sending it twice harmless."""

    type: Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
    profile_id: ProfileId
    data: dict[str, Any] = {}
    id: Annotated[str, msgspec.Meta(min_length=1, max_length=200)] | None = None
    profile: dict[str, Any] | None = None


class EventAccepted(Wire):
    """The answer to one accepted event: the instances it started (none for a duplicate)."""

    event_id: uuid.UUID
    instances: list[uuid.UUID] = []
    duplicate: bool = False


class EventBatchIn(Wire):
    """Up to 1,000 events in one request."""

    events: Annotated[list[EventIn], msgspec.Meta(min_length=1, max_length=MAX_BATCH)]


class EventResult(Wire):
    """One event of a batch: 202 with what it started, or 400 with why it was refused."""

    index: int
    status: int
    event_id: uuid.UUID | None = None
    instances: list[uuid.UUID] = []
    duplicate: bool = False
    detail: str | None = None
    errors: list[FieldProblem] = []


class EventBatchOut(Wire):
    """Per-event results, in the order sent."""

    accepted: int
    rejected: int
    results: list[EventResult]


class ProfileIn(Wire):
    """Attributes merged into the stored profile (top-level keys replace, others are kept)."""

    attributes: dict[str, Any]


class ProfileOut(Wire):
    """A profile and its attributes."""

    id: str
    attributes: dict[str, Any]
    updated_at: datetime | None = None


class StepOut(Wire):
    """One step of an instance; ``detail`` holds, for actions, method, URL, status, duration and error."""

    node_id: str
    node_type: str
    outcome: str
    started_at: datetime
    finished_at: datetime | None
    attempts: int
    detail: dict[str, Any]


class InstanceOut(Wire):
    """A profile's walk through a journey version."""

    id: uuid.UUID
    journey_id: uuid.UUID
    version_id: uuid.UUID
    profile_id: str
    status: str
    current_node_id: str | None
    due_at: datetime | None
    error: str | None
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None


class InstanceDetail(InstanceOut):
    """An instance with its step log (oldest first) and the data later steps can read."""

    steps: list[StepOut] = []
    context: dict[str, Any] = {}


class NodeStats(Wire):
    """Counts of one node: every instance that reached it, split by how its step ended."""

    node_id: str
    entered: int = 0
    succeeded: int = 0
    failed: int = 0
    waiting: int = 0
    capped: int = 0
    timed_out: int = 0


class JourneyStats(Wire):
    """Per-node counts of a journey (all versions, or one with ``?version=``)."""

    journey_id: uuid.UUID
    nodes: list[NodeStats]
    version: int | None = None
