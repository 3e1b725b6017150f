"""Wire shapes of the runtime's intake API: events in and their answers, profiles."""

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
