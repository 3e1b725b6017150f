"""`/api/event-types`: technical users define the events that start journeys; everyone may read them."""

from __future__ import annotations

import uuid

from litestar import Controller, delete, get, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.auth.middleware import requires
from backend.auth.roles import CONFIGURERS, EVERYONE
from backend.event_types import service
from backend.event_types.schemas import EventTypeInput, EventTypeOut
from backend.web.openapi import error_responses


class EventTypeController(Controller):
    """CRUD of event types."""

    path = "/api/event-types"
    tags = ["event types"]

    @get(operation_id="listEventTypes", guards=[requires(EVERYONE)])
    async def list_event_types(self, db: NamedDependency[AsyncSession]) -> list[EventTypeOut]:
        """Every event type."""
        return await service.list_event_types(db)

    @post(operation_id="createEventType", responses=error_responses(409), guards=[requires(CONFIGURERS)])
    async def create_event_type(
        self, data: JSONBody[EventTypeInput], db: NamedDependency[AsyncSession]
    ) -> EventTypeOut:
        """A new event type (201)."""
        return await service.create_event_type(db, data)

    @get("/{event_type_id:uuid}", operation_id="getEventType", guards=[requires(EVERYONE)])
    async def get_event_type(
        self, db: NamedDependency[AsyncSession], event_type_id: FromPath[uuid.UUID]
    ) -> EventTypeOut:
        """One event type."""
        return await service.get_event_type(db, event_type_id)

    @put(
        "/{event_type_id:uuid}",
        operation_id="updateEventType",
        responses=error_responses(409),
        guards=[requires(CONFIGURERS)],
    )
    async def update_event_type(
        self, data: JSONBody[EventTypeInput], db: NamedDependency[AsyncSession], event_type_id: FromPath[uuid.UUID]
    ) -> EventTypeOut:
        """Replace name, description and example."""
        return await service.update_event_type(db, event_type_id, data)

    @delete(
        "/{event_type_id:uuid}",
        operation_id="deleteEventType",
        responses=error_responses(409),
        guards=[requires(CONFIGURERS)],
    )
    async def delete_event_type(self, db: NamedDependency[AsyncSession], event_type_id: FromPath[uuid.UUID]) -> None:
        """Delete (204); 409 naming the journeys when a published journey starts with it."""
        await service.delete_event_type(db, event_type_id)
