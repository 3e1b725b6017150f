"""HTTP endpoints of the runtime: events in, profiles, instances and per-node stats."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from litestar import Controller, Request, get, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter

from backend.auth.middleware import requires
from backend.auth.roles import EVERYONE
from backend.errors import InvalidInputError, NotFoundError
from backend.input_limits import MAX_BATCH_BYTES, MAX_EVENT_BYTES, MAX_PROFILE_BYTES, check_events_size
from backend.runtime.ingestion.ingest import Ingested
from backend.runtime.ingestion.intake import Intake
from backend.runtime.ingestion.schemas import (
    EventAccepted,
    EventBatchIn,
    EventBatchOut,
    EventIn,
    EventResult,
    ProfileIn,
    ProfileOut,
)
from backend.runtime.observe.monitoring import Monitoring
from backend.runtime.observe.schemas import InstanceDetail, InstanceOut, JourneyStats
from backend.web.openapi import error_responses

InstanceStatus = Annotated[str | None, QueryParameter(pattern="^(running|waiting|completed|failed|stopped)$")]


def _accepted(result: Ingested) -> EventAccepted:
    assert result.event_id is not None
    return EventAccepted(event_id=result.event_id, instances=result.instances, duplicate=result.duplicate)


class EventController(Controller):
    """``POST /api/events`` and ``/api/events/batch``: any signed-in role or API token."""

    path = "/api/events"
    tags = ["runtime"]
    guards = [requires(EVERYONE)]

    @post(
        operation_id="sendEvent", responses=error_responses(429), status_code=202, request_max_body_size=MAX_EVENT_BYTES
    )
    async def send_event(
        self,
        data: JSONBody[EventIn],
        intake: NamedDependency[Intake],
    ) -> EventAccepted:
        """Accept one event; answers the instances it started (a repeated ``id`` is not processed again)."""
        result = (await intake.accept([data]))[0]
        if result.problems:
            detail = "; ".join(f"{p.field}: {p.message}" for p in result.problems)
            raise InvalidInputError(detail, errors=result.problems)
        return _accepted(result)

    @post(
        "/batch",
        operation_id="sendEvents",
        responses=error_responses(429),
        status_code=202,
        request_max_body_size=MAX_BATCH_BYTES,
    )
    async def send_events(
        self,
        data: JSONBody[EventBatchIn],
        intake: NamedDependency[Intake],
        request: Request[Any, Any, Any],
    ) -> EventBatchOut:
        """Up to 1,000 events, each within the size of a single event; each gets its own result (202 or 400)."""
        check_events_size(await request.body())
        results = await intake.accept(data.events)
        out = [_batch_result(index, result) for index, result in enumerate(results)]
        accepted = sum(1 for r in out if r.status == 202)
        return EventBatchOut(accepted=accepted, rejected=len(out) - accepted, results=out)


def _batch_result(index: int, result: Ingested) -> EventResult:
    if result.problems:
        detail = "; ".join(f"{p.field}: {p.message}" for p in result.problems)
        return EventResult(index=index, status=400, detail=detail, errors=result.problems)
    return EventResult(
        index=index, status=202, event_id=result.event_id, instances=result.instances, duplicate=result.duplicate
    )


class ProfileController(Controller):
    """``/api/profiles/{id}``: read and merge profile attributes."""

    path = "/api/profiles"
    tags = ["runtime"]
    guards = [requires(EVERYONE)]

    @get("/{profile_id:str}", operation_id="getProfile")
    async def get_profile(self, intake: NamedDependency[Intake], profile_id: FromPath[str]) -> ProfileOut:
        """A profile's attributes."""
        found = await intake.profile(profile_id)
        if found is None:
            raise NotFoundError(f"no profile {profile_id}")
        return ProfileOut(id=profile_id, attributes=found[0], updated_at=found[1])

    # The body may carry a little more than the attributes; what is stored is measured after merging.
    @put("/{profile_id:str}", operation_id="updateProfile", request_max_body_size=2 * MAX_PROFILE_BYTES)
    async def put_profile(
        self,
        data: JSONBody[ProfileIn],
        intake: NamedDependency[Intake],
        profile_id: FromPath[str],
    ) -> ProfileOut:
        """Merge attributes into the profile (created when new)."""
        if not 1 <= len(profile_id) <= 200:
            raise InvalidInputError.field("id", "must be 1 to 200 characters")
        merged, now = await intake.merge_profile(profile_id, data.attributes)
        return ProfileOut(id=profile_id, attributes=merged, updated_at=now)


class InstanceController(Controller):
    """``/api/instances``: who is where in which journey, and what each step did."""

    path = "/api/instances"
    tags = ["runtime"]
    guards = [requires(EVERYONE)]

    @get(operation_id="listInstances")
    async def list_instances(
        self,
        monitoring: NamedDependency[Monitoring],
        journey_id: Annotated[uuid.UUID | None, QueryParameter(name="journeyId")] = None,
        profile_id: Annotated[str | None, QueryParameter(name="profileId")] = None,
        status: InstanceStatus = None,
        limit: Annotated[int, QueryParameter(ge=1, le=1000)] = 100,
    ) -> list[InstanceOut]:
        """Newest first, filtered by journey, profile and status."""
        return await monitoring.list_instances(journey_id, profile_id, status, limit)

    @get("/{instance_id:uuid}", operation_id="getInstance")
    async def get_instance(
        self, monitoring: NamedDependency[Monitoring], instance_id: FromPath[uuid.UUID]
    ) -> InstanceDetail:
        """One instance with its step log."""
        return await monitoring.get_instance(instance_id)


@get(
    "/api/journeys/{journey_id:uuid}/stats",
    operation_id="getJourneyStats",
    guards=[requires(EVERYONE)],
    tags=["runtime"],
)
async def journey_stats(
    monitoring: NamedDependency[Monitoring],
    journey_id: FromPath[uuid.UUID],
    version: Annotated[int | None, QueryParameter(ge=1)] = None,
) -> JourneyStats:
    """Per node: entered, succeeded, failed, waiting, capped, timed out."""
    return await monitoring.journey_stats(journey_id, version)


__all__ = ["EventController", "InstanceController", "ProfileController", "journey_stats"]
