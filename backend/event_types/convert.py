"""Event type rows to wire structs and input to column values."""

from __future__ import annotations

from typing import Any

from backend.db.tables import EventTypeRow
from backend.event_types.schemas import EventField, EventTypeInput, EventTypeOut
from backend.json_fields import derive_fields


def name_key(name: str) -> str:
    """The case-insensitive unique key of a name."""
    return name.strip().casefold()


def stored_fields(data: EventTypeInput) -> list[dict[str, Any]]:
    """The fields derived from the example, with the types and required flags the input sets (paths checked first)."""
    changes = {f.path: f for f in data.fields}
    fields: list[dict[str, Any]] = []
    for derived in derive_fields(data.example):
        change = changes.get(derived.path)
        field_type = change.type if change is not None and change.type is not None else derived.type
        fields.append({"path": derived.path, "type": field_type, "required": change is not None and change.required})
    return fields


def row_values(data: EventTypeInput) -> dict[str, Any]:
    """Column values, with the field list derived from the example."""
    return {
        "name": data.name.strip(),
        "name_key": name_key(data.name),
        "description": data.description,
        "example": data.example,
        "fields": stored_fields(data),
    }


def event_type_out(row: EventTypeRow) -> EventTypeOut:
    """A row as answered."""
    return EventTypeOut(
        id=row.id,
        name=row.name,
        description=row.description,
        example=row.example,
        fields=[EventField(path=f["path"], type=f["type"], required=f.get("required") is True) for f in row.fields],
        created_at=row.created_at,
        updated_at=row.updated_at,
    )
