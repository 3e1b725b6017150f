"""Wire shapes of event types (camelCase JSON); ``fields`` are derived from ``example`` and read-only."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

import msgspec


class Wire(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    """Base of event type structs: camelCase JSON, unknown fields rejected."""


class EventTypeInput(Wire):
    """Body of ``POST /api/event-types`` and ``PUT /api/event-types/{id}``."""

    name: Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
    example: Any
    description: Annotated[str, msgspec.Meta(max_length=2000)] = ""


class EventField(Wire):
    """One path of the example and its type; feeds the canvas field picker."""

    path: str
    type: str


class EventTypeOut(Wire):
    """A stored event type."""

    id: uuid.UUID
    name: str
    description: str
    example: dict[str, Any]
    fields: list[EventField]
    created_at: datetime
    updated_at: datetime
