"""`/api/journeys`: journeys, their versions, validation, lifecycle, export and import (every role)."""

from __future__ import annotations

import uuid

from litestar import Controller, delete, get, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.auth.middleware import requires
from backend.auth.roles import EVERYONE
from backend.input_limits import MAX_JOURNEY_BYTES
from backend.journeys import lifecycle, service, transfer
from backend.journeys.context_fields import CONTEXT_FIELDS
from backend.journeys.schemas import (
    ContextField,
    JourneyCreate,
    JourneyDetail,
    JourneyDocument,
    JourneySummary,
    JourneyUpdate,
    JourneyVersionSummary,
    ValidateRequest,
    ValidationResult,
)
from backend.web.openapi import error_responses

JourneyId = FromPath[uuid.UUID]


class JourneyController(Controller):
    """Marketers, technical users and admins all build journeys."""

    path = "/api/journeys"
    tags = ["journeys"]
    guards = [requires(EVERYONE)]

    @get(operation_id="listJourneys")
    async def list_journeys(self, db: NamedDependency[AsyncSession]) -> list[JourneySummary]:
        """Every journey with its latest version's status."""
        return await service.list_journeys(db)

    @get("/context-fields", operation_id="listContextFields")
    async def list_context_fields(self) -> list[ContextField]:
        """The profile and journey fields the runtime gives every instance, as validation accepts them."""
        return [ContextField(path, field_type) for path, field_type in CONTEXT_FIELDS.items()]

    @post(operation_id="createJourney", request_max_body_size=MAX_JOURNEY_BYTES)
    async def create_journey(self, data: JSONBody[JourneyCreate], db: NamedDependency[AsyncSession]) -> JourneyDetail:
        """A new journey with draft version 1."""
        return await service.create_journey(db, data)

    @post("/import", operation_id="importJourney", request_max_body_size=MAX_JOURNEY_BYTES)
    async def import_journey(self, data: JSONBody[JourneyDocument], db: NamedDependency[AsyncSession]) -> JourneyDetail:
        """A new draft journey from an exported document; missing references re-link by name."""
        return await transfer.import_journey(db, data)

    @get("/{journey_id:uuid}", operation_id="getJourney")
    async def get_journey(
        self, db: NamedDependency[AsyncSession], journey_id: JourneyId, version: FromQuery[int | None] = None
    ) -> JourneyDetail:
        """The journey with its latest version (or ``?version=N``) in full."""
        state = await service.load_journey(db, journey_id)
        return state.detail(service.find_version(state, version))

    @put(
        "/{journey_id:uuid}",
        operation_id="updateJourney",
        responses=error_responses(409),
        request_max_body_size=MAX_JOURNEY_BYTES,
    )
    async def update_journey(
        self, data: JSONBody[JourneyUpdate], db: NamedDependency[AsyncSession], journey_id: JourneyId
    ) -> JourneyDetail:
        """Rename, or save the draft's graph and settings (409 when the latest version is published)."""
        return await service.update_journey(db, journey_id, data)

    @delete("/{journey_id:uuid}", operation_id="deleteJourney", responses=error_responses(409))
    async def delete_journey(self, db: NamedDependency[AsyncSession], journey_id: JourneyId) -> None:
        """Delete a journey that has only drafts (409 otherwise)."""
        await service.delete_journey(db, journey_id)

    @get("/{journey_id:uuid}/versions", operation_id="listJourneyVersions")
    async def list_versions(
        self, db: NamedDependency[AsyncSession], journey_id: JourneyId
    ) -> list[JourneyVersionSummary]:
        """The journey's versions, oldest first."""
        return await lifecycle.list_versions(db, journey_id)

    @post("/{journey_id:uuid}/versions", operation_id="createJourneyVersion", responses=error_responses(409))
    async def create_version(self, db: NamedDependency[AsyncSession], journey_id: JourneyId) -> JourneyDetail:
        """A new draft copied from the latest version (409 when a draft exists)."""
        return await lifecycle.create_version(db, journey_id)

    @post(
        "/{journey_id:uuid}/validate",
        operation_id="validateJourney",
        status_code=HTTP_200_OK,
        request_max_body_size=MAX_JOURNEY_BYTES,
    )
    async def validate(
        self,
        db: NamedDependency[AsyncSession],
        journey_id: JourneyId,
        data: JSONBody[ValidateRequest | None] = None,
    ) -> ValidationResult:
        """Problems of the body's ``definition`` when given, else of the latest version."""
        return await service.validate_journey(db, journey_id, data.definition if data else None)

    @post(
        "/{journey_id:uuid}/publish",
        operation_id="publishJourney",
        responses=error_responses(409, 422),
        status_code=HTTP_200_OK,
    )
    async def publish(self, db: NamedDependency[AsyncSession], journey_id: JourneyId) -> JourneyDetail:
        """The draft goes live (422 with its problems when invalid); the previous live version closes."""
        return await lifecycle.publish(db, journey_id)

    @post(
        "/{journey_id:uuid}/close", operation_id="closeJourney", responses=error_responses(409), status_code=HTTP_200_OK
    )
    async def close(self, db: NamedDependency[AsyncSession], journey_id: JourneyId) -> JourneyDetail:
        """No new entries into the live version; running instances finish."""
        return await lifecycle.close(db, journey_id)

    @post(
        "/{journey_id:uuid}/stop", operation_id="stopJourney", responses=error_responses(409), status_code=HTTP_200_OK
    )
    async def stop(
        self,
        db: NamedDependency[AsyncSession],
        stopped_versions: NamedDependency[lifecycle.StoppedVersions],
        journey_id: JourneyId,
    ) -> JourneyDetail:
        """Live and closed versions stop; running instances exit at their next step."""
        return await lifecycle.stop(db, journey_id, stopped_versions)

    @post("/{journey_id:uuid}/duplicate", operation_id="duplicateJourney")
    async def duplicate(self, db: NamedDependency[AsyncSession], journey_id: JourneyId) -> JourneyDetail:
        """A new journey "Copy of …" with the latest definition as its draft."""
        return await transfer.duplicate(db, journey_id)

    @get("/{journey_id:uuid}/export", operation_id="exportJourney")
    async def export(
        self, db: NamedDependency[AsyncSession], journey_id: JourneyId, version: FromQuery[int | None] = None
    ) -> JourneyDocument:
        """The latest (or ``?version=N``) version as a portable JSON document."""
        return await transfer.export(db, journey_id, version)
