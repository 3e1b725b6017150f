"""Event type rows to wire structs and input to column values."""

from __future__ import annotations

from typing import Any

import msgspec

from backend.db.tables import EventTypeRow
from backend.event_types.schemas import EventField, EventTypeInput, EventTypeOut
from backend.json_fields import derive_fields


def name_key(name: str) -> str:
    """The case-insensitive unique key of a name."""
    return name.strip().casefold()


def row_values(data: EventTypeInput) -> dict[str, Any]:
    """Column values, with the field list derived from the example."""
    return {
        "name": data.name.strip(),
        "name_key": name_key(data.name),
        "description": data.description,
        "example": data.example,
        "fields": msgspec.to_builtins(derive_fields(data.example)),
    }


def event_type_out(row: EventTypeRow) -> EventTypeOut:
    """A row as answered."""
    return EventTypeOut(
        id=row.id,
        name=row.name,
        description=row.description,
        example=row.example,
        fields=[EventField(path=f["path"], type=f["type"]) for f in row.fields],
        created_at=row.created_at,
        updated_at=row.updated_at,
    )
