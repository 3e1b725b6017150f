"""Wire shapes of event types (camelCase JSON); ``fields`` are derived from ``example``, their type and
``required`` flag set by the technical user."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec

FieldType = Literal["string", "integer", "decimal", "boolean", "dateTime", "object", "array", "any"]


class Wire(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    """Base of event type structs: camelCase JSON, unknown fields rejected."""


class EventTypeInput(Wire):
    """Body of ``POST /api/event-types`` and ``PUT /api/event-types/{id}``."""

    name: Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
    example: Any
    description: Annotated[str, msgspec.Meta(max_length=2000)] = ""
    fields: list[EventFieldInput] = []


class EventFieldInput(Wire):
    """A change to one field derived from the example: its type (omitted: as derived) and whether every event has it.

    An event without a required field is refused at ingestion (400 naming it), so journeys may rely on it.
    """

    path: Annotated[str, msgspec.Meta(min_length=1, max_length=500)]
    type: FieldType | None = None
    required: bool = False


class EventField(Wire):
    """One path of the example, its type and whether every event has it; feeds the canvas field picker."""

    path: str
    type: str
    required: bool = False


class EventTypeOut(Wire):
    """A stored event type."""

    id: uuid.UUID
    name: str
    description: str
    example: dict[str, Any]
    fields: list[EventField]
    created_at: datetime
    updated_at: datetime
