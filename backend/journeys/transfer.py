"""Copies of journeys: duplicate, export as a JSON document, import (re-linking references by name)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

import msgspec
from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.tables import CustomActionRow, EventTypeRow
from backend.journeys.convert import definition_of, settings_of
from backend.journeys.definition import ActionNode, Definition, EventNode
from backend.journeys.schemas import EXPORT_FORMAT, ExportReferences, JourneyDetail, JourneyDocument, Reference
from backend.journeys.service import action_ids, add_journey, event_type_ids, find_version, load_journey

Table = type[CustomActionRow] | type[EventTypeRow]


async def duplicate(db: AsyncSession, journey_id: uuid.UUID) -> JourneyDetail:
    """A new journey "Copy of X" whose draft v1 is the latest definition of X."""
    state = await load_journey(db, journey_id)
    name = f"Copy of {state.journey.name}"[:200]
    latest = state.latest
    copy = await add_journey(db, name, state.journey.description, definition_of(latest), settings_of(latest))
    await db.commit()
    return copy.detail()


async def _names(db: AsyncSession, table: Table, ids: Iterable[uuid.UUID]) -> list[Reference]:
    wanted = set(ids)
    if not wanted:
        return []
    rows = (await db.exec(select(table.id, table.name).where(col(table.id).in_(wanted)))).all()
    return sorted((Reference(row_id, name) for row_id, name in rows), key=lambda r: r.name)


async def export(db: AsyncSession, journey_id: uuid.UUID, version: int | None) -> JourneyDocument:
    """The journey's latest (or given) version as a portable document."""
    state = await load_journey(db, journey_id)
    row = find_version(state, version)
    definition = definition_of(row)
    references = ExportReferences(
        actions=await _names(db, CustomActionRow, action_ids(definition)),
        event_types=await _names(db, EventTypeRow, event_type_ids(definition)),
    )
    return JourneyDocument(
        format=EXPORT_FORMAT,
        format_version=1,
        name=state.journey.name,
        description=state.journey.description,
        definition=definition,
        settings=settings_of(row),
        references=references,
    )


async def _relink(
    db: AsyncSession, table: Table, ids: set[uuid.UUID], refs: list[Reference]
) -> dict[uuid.UUID, uuid.UUID]:
    """Old id -> id here: kept when it exists, else the record here with the same name (case-insensitive)."""
    existing = set((await db.exec(select(table.id).where(col(table.id).in_(ids)))).all()) if ids else set()
    names = {r.id: r.name.strip().lower() for r in refs if r.id in ids and r.id not in existing}
    if not names:
        return {}
    query = select(table.id, table.name).where(func.lower(col(table.name)).in_(set(names.values())))
    by_name = {name.strip().lower(): row_id for row_id, name in (await db.exec(query)).all()}
    return {old: by_name[name] for old, name in names.items() if name in by_name}


def _replace_ids(
    definition: Definition, actions: dict[uuid.UUID, uuid.UUID], events: dict[uuid.UUID, uuid.UUID]
) -> Definition:
    nodes: list[Any] = []
    for node in definition.nodes:
        if isinstance(node, ActionNode) and node.action_id in actions:
            node = msgspec.structs.replace(node, action_id=actions[node.action_id])
        elif isinstance(node, EventNode) and node.event_type_id in events:
            node = msgspec.structs.replace(node, event_type_id=events[node.event_type_id])
        nodes.append(node)
    return msgspec.structs.replace(definition, nodes=nodes)


async def import_journey(db: AsyncSession, document: JourneyDocument) -> JourneyDetail:
    """A new draft journey from an exported document; references missing here are re-linked by name."""
    definition = document.definition
    actions = await _relink(db, CustomActionRow, action_ids(definition), document.references.actions)
    events = await _relink(db, EventTypeRow, event_type_ids(definition), document.references.event_types)
    definition = _replace_ids(definition, actions, events)
    state = await add_journey(db, document.name.strip(), document.description, definition, document.settings)
    await db.commit()
    return state.detail()
