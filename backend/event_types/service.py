"""Creating, reading, changing and deleting event types."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import String, cast
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.journey_tables import JourneyRow, JourneyVersionRow
from backend.db.tables import EventTypeRow
from backend.db.types import utcnow
from backend.errors import ConflictError, FieldProblem, InvalidInputError, NotFoundError
from backend.event_types.convert import event_type_out, name_key, row_values
from backend.event_types.schemas import EventTypeInput, EventTypeOut
from backend.json_fields import derive_fields


def _validate(data: EventTypeInput) -> None:
    if not data.name.strip():
        raise InvalidInputError.field("name", "must not be blank", "blank")
    if not isinstance(data.example, dict):
        raise InvalidInputError.field("example", "must be a JSON object", "notJsonObject")
    paths = {f.path for f in derive_fields(data.example)}
    problems = [
        FieldProblem(
            f"fields[{index}].path",
            f"{spec.path!r} is not a path of the example",
            "notExamplePath",
            {"path": spec.path},
        )
        for index, spec in enumerate(data.fields)
        if spec.path not in paths
    ]
    problems += [
        FieldProblem(f"fields[{index}].path", f"{spec.path!r} is listed twice", "listedTwice", {"path": spec.path})
        for index, spec in enumerate(data.fields)
        if [f.path for f in data.fields].index(spec.path) != index
    ]
    if problems:
        raise InvalidInputError("; ".join(f"{p.field}: {p.message}" for p in problems), errors=problems)


async def list_event_types(db: AsyncSession) -> list[EventTypeOut]:
    """Every event type by name."""
    rows = (await db.exec(select(EventTypeRow).order_by(col(EventTypeRow.name_key)))).all()
    return [event_type_out(row) for row in rows]


async def _get_row(db: AsyncSession, event_type_id: uuid.UUID) -> EventTypeRow:
    row = await db.get(EventTypeRow, event_type_id)
    if row is None:
        raise NotFoundError(f"no event type {event_type_id}")
    return row


async def get_event_type(db: AsyncSession, event_type_id: uuid.UUID) -> EventTypeOut:
    """One event type."""
    return event_type_out(await _get_row(db, event_type_id))


async def _check_name_free(db: AsyncSession, name: str, own_id: uuid.UUID | None) -> None:
    existing = (await db.exec(select(EventTypeRow.id).where(EventTypeRow.name_key == name_key(name)))).first()
    if existing is not None and existing != own_id:
        raise ConflictError(f"an event type named {name.strip()!r} already exists")


async def _commit(db: AsyncSession, name: str) -> None:
    try:
        await db.commit()
    except IntegrityError:  # a concurrent request took the name between check and write
        await db.rollback()
        raise ConflictError(f"an event type named {name.strip()!r} already exists") from None


async def create_event_type(db: AsyncSession, data: EventTypeInput) -> EventTypeOut:
    """A new event type; 400 for a non-object example, 409 for a taken name."""
    _validate(data)
    await _check_name_free(db, data.name, None)
    row = EventTypeRow(**row_values(data))
    db.add(row)
    await _commit(db, data.name)
    return event_type_out(row)


async def update_event_type(db: AsyncSession, event_type_id: uuid.UUID, data: EventTypeInput) -> EventTypeOut:
    """Replace name, description and example (fields are derived again)."""
    row = await _get_row(db, event_type_id)
    _validate(data)
    await _check_name_free(db, data.name, row.id)
    for column, value in row_values(data).items():
        setattr(row, column, value)
    row.updated_at = utcnow()
    await _commit(db, data.name)
    return event_type_out(row)


def _uses_event_type(definition: Any, event_type_id: str) -> bool:
    nodes = definition.get("nodes") if isinstance(definition, dict) else None
    return any(
        isinstance(node, dict) and node.get("type") == "event" and node.get("eventTypeId") == event_type_id
        for node in nodes or []
    )


async def _blocking_journeys(db: AsyncSession, event_type_id: uuid.UUID) -> list[str]:
    """Names of journeys whose non-draft versions start with this event type."""
    query = (
        select(JourneyRow.name, JourneyVersionRow.status, JourneyVersionRow.definition)
        .join(JourneyRow, col(JourneyRow.id) == col(JourneyVersionRow.journey_id))
        .where(col(JourneyVersionRow.status) != "draft")
        # A cheap text pre-filter; the JSON walk below decides.
        .where(cast(col(JourneyVersionRow.definition), String).contains(str(event_type_id)))
    )
    names = {
        f"{name} ({status})"
        for name, status, definition in (await db.exec(query)).all()
        if _uses_event_type(definition, str(event_type_id))
    }
    return sorted(names)


async def delete_event_type(db: AsyncSession, event_type_id: uuid.UUID) -> None:
    """Delete an event type no published journey starts with; 409 names the journeys that do."""
    row = await _get_row(db, event_type_id)
    blocking = await _blocking_journeys(db, event_type_id)
    if blocking:
        raise ConflictError(f"event type {row.name!r} is used by journeys: {', '.join(blocking)}", journeys=blocking)
    await db.delete(row)
    await db.commit()
