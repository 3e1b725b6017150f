"""Versions of a journey over time: new draft, publish (live), close to new entries, stop."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.journey_tables import JourneyVersionRow
from backend.db.types import utcnow
from backend.errors import ConflictError, FieldProblem, UnprocessableError
from backend.journeys.convert import definition_of, version_summary
from backend.journeys.definition import Definition, JourneySettings
from backend.journeys.problems import blocking
from backend.journeys.schemas import JourneyDetail, JourneyVersionSummary
from backend.journeys.service import load_journey, sync_version_actions, validate


class LiveVersion(msgspec.Struct, frozen=True):
    """A live version as the runtime needs it to let profiles enter."""

    id: uuid.UUID
    journey_id: uuid.UUID
    version: int
    definition: Definition
    settings: JourneySettings
    journey: dict[str, Any] = msgspec.field(default_factory=dict)  # ``journey.*`` for its entry filter, built once


async def list_versions(db: AsyncSession, journey_id: uuid.UUID) -> list[JourneyVersionSummary]:
    """The journey's versions, oldest first."""
    return [version_summary(v) for v in (await load_journey(db, journey_id)).versions]


async def create_version(db: AsyncSession, journey_id: uuid.UUID) -> JourneyDetail:
    """A new draft copied from the latest version; 409 when a draft already exists."""
    state = await load_journey(db, journey_id)
    latest = state.latest
    if any(v.status == "draft" for v in state.versions):
        raise ConflictError(f"version {latest.version} is still a draft; edit it instead")
    draft = JourneyVersionRow(
        journey_id=journey_id,
        version=latest.version + 1,
        status="draft",
        definition=dict(latest.definition),
        settings=dict(latest.settings),
    )
    db.add(draft)
    try:
        await db.flush()
    except IntegrityError:  # a concurrent request created the same version number first
        await db.rollback()
        raise ConflictError("another new version was just created") from None
    await sync_version_actions(db, draft.id, definition_of(draft))
    state.journey.updated_at = utcnow()
    await db.commit()
    state.versions.append(draft)
    return state.detail()


async def publish(db: AsyncSession, journey_id: uuid.UUID) -> JourneyDetail:
    """Make the draft live (422 with the problems when invalid); the previously live version closes."""
    state = await load_journey(db, journey_id)
    draft = state.latest
    if draft.status != "draft":
        raise ConflictError(f"there is no draft to publish; version {draft.version} is {draft.status}")
    definition = definition_of(draft)
    result = await validate(db, definition)
    if not result.valid:
        found = blocking(result.problems)
        errors = [FieldProblem(f"nodes.{p.node_id}" if p.node_id else "definition", p.message) for p in found]
        raise UnprocessableError("the journey has problems; fix them before publishing", errors=errors, problems=found)
    now = utcnow()
    for row in state.versions:
        if row.status == "live":
            row.status, row.ended_at, row.updated_at = "closed", now, now
    draft.status, draft.published_at, draft.updated_at = "live", now, now
    await sync_version_actions(db, draft.id, definition)
    state.journey.updated_at = now
    await db.commit()
    return state.detail()


async def close(db: AsyncSession, journey_id: uuid.UUID) -> JourneyDetail:
    """The live version takes no new entries; instances already in it finish."""
    state = await load_journey(db, journey_id)
    live = [v for v in state.versions if v.status == "live"]
    if not live:
        raise ConflictError("the journey has no live version to close")
    now = utcnow()
    for row in live:
        row.status, row.ended_at, row.updated_at = "closed", now, now
    state.journey.updated_at = now
    await db.commit()
    return state.detail()


StoppedVersions = Callable[[AsyncSession, list[uuid.UUID], datetime], Awaitable[None]]
"""The runtime's part of a stop, run in the same transaction: its waiting instances become due (provided by the
runtime as the ``stopped_versions`` dependency, so this package does not import the runtime)."""


async def stop(db: AsyncSession, journey_id: uuid.UUID, stopped_versions: StoppedVersions) -> JourneyDetail:
    """Every live or closed version stops: no entries, running instances exit at their next step."""
    state = await load_journey(db, journey_id)
    running = [v for v in state.versions if v.status in ("live", "closed")]
    if not running:
        raise ConflictError("the journey has no live or closed version to stop")
    now = utcnow()
    for row in running:
        row.status, row.updated_at = "stopped", now
        row.ended_at = row.ended_at or now
    state.journey.updated_at = now
    await stopped_versions(db, [row.id for row in running], now)
    await db.commit()
    return state.detail()
