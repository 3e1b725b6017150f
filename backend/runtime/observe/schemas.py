"""Wire shapes of the runtime's monitoring API: instances with their step log, per-node stats."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec


class Wire(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    """Base of monitoring structs: camelCase JSON, unknown fields rejected."""


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
