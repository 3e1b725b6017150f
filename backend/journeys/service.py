"""Journeys and their draft versions: create, read, save, delete, validate."""

from __future__ import annotations

import uuid

import msgspec
from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.journey_tables import JourneyRow, JourneyVersionActionRow, JourneyVersionRow
from backend.db.types import utcnow
from backend.errors import ConflictError, FieldProblem, NotFoundError
from backend.input_limits import check_node_count
from backend.journeys.catalog import load_catalog
from backend.journeys.convert import definition_of, journey_detail, journey_summary, stored
from backend.journeys.definition import ActionNode, Definition, EventNode, JourneySettings
from backend.journeys.problems import blocking
from backend.journeys.schemas import JourneyCreate, JourneyDetail, JourneySummary, JourneyUpdate, ValidationResult
from backend.journeys.validation import validate_definition

PUBLISHED = frozenset({"live", "closed", "stopped"})


class JourneyState(msgspec.Struct):
    """A journey row with all its versions, oldest first."""

    journey: JourneyRow
    versions: list[JourneyVersionRow]

    @property
    def latest(self) -> JourneyVersionRow:
        """The newest version (every journey has at least one)."""
        return self.versions[-1]

    def detail(self, shown: JourneyVersionRow | None = None) -> JourneyDetail:
        """The journey answered with ``shown`` (default the latest version) in full."""
        return journey_detail(self.journey, self.versions, shown or self.latest)


def action_ids(definition: Definition) -> set[uuid.UUID]:
    """The custom actions a definition calls."""
    return {n.action_id for n in definition.nodes if isinstance(n, ActionNode) and n.action_id is not None}


def event_type_ids(definition: Definition) -> set[uuid.UUID]:
    """The event types a definition's event nodes name."""
    return {n.event_type_id for n in definition.nodes if isinstance(n, EventNode) and n.event_type_id is not None}


async def sync_version_actions(db: AsyncSession, version_id: uuid.UUID, definition: Definition) -> None:
    """Keep ``journey_version_actions`` equal to the actions the version calls (for `usedIn` and delete checks)."""
    await db.exec(delete(JourneyVersionActionRow).where(col(JourneyVersionActionRow.version_id) == version_id))
    for action_id in sorted(action_ids(definition)):
        db.add(JourneyVersionActionRow(version_id=version_id, action_id=action_id))


async def load_journey(db: AsyncSession, journey_id: uuid.UUID) -> JourneyState:
    """The journey and its versions; 404 when it does not exist."""
    journey = await db.get(JourneyRow, journey_id)
    if journey is None:
        raise NotFoundError(f"no journey {journey_id}")
    query = select(JourneyVersionRow).where(JourneyVersionRow.journey_id == journey_id)
    versions = list((await db.exec(query.order_by(col(JourneyVersionRow.version)))).all())
    return JourneyState(journey, versions)


def find_version(state: JourneyState, number: int | None) -> JourneyVersionRow:
    """Version ``number`` (the latest when None); 404 when the journey has no such version."""
    if number is None:
        return state.latest
    for row in state.versions:
        if row.version == number:
            return row
    raise NotFoundError(f"journey {state.journey.id} has no version {number}")


async def list_journeys(db: AsyncSession) -> list[JourneySummary]:
    """Every journey with the status of its latest version, most recently changed first."""
    journeys = (await db.exec(select(JourneyRow).order_by(col(JourneyRow.updated_at).desc()))).all()
    columns = select(JourneyVersionRow.journey_id, JourneyVersionRow.version, JourneyVersionRow.status)
    by_journey: dict[uuid.UUID, list[tuple[int, str]]] = {}
    for journey_id, number, status in (await db.exec(columns)).all():
        by_journey.setdefault(journey_id, []).append((number, status))
    return [journey_summary(j, by_journey[j.id]) for j in journeys if j.id in by_journey]


async def add_journey(
    db: AsyncSession, name: str, description: str, definition: Definition, settings: JourneySettings
) -> JourneyState:
    """A new journey with ``definition`` as its draft version 1 (not committed)."""
    check_node_count(definition.nodes)
    journey = JourneyRow(name=name, description=description)
    version = JourneyVersionRow(
        journey_id=journey.id, version=1, status="draft", definition=stored(definition), settings=stored(settings)
    )
    db.add(journey)
    await db.flush()
    db.add(version)
    await db.flush()
    await sync_version_actions(db, version.id, definition)
    return JourneyState(journey, [version])


async def create_journey(db: AsyncSession, data: JourneyCreate) -> JourneyDetail:
    """A new journey with draft version 1."""
    state = await add_journey(db, data.name.strip(), data.description, data.definition, data.settings)
    await db.commit()
    return state.detail()


async def update_journey(db: AsyncSession, journey_id: uuid.UUID, data: JourneyUpdate) -> JourneyDetail:
    """Rename, or save the graph and settings into the latest version; 409 when that version is published."""
    state = await load_journey(db, journey_id)
    latest = state.latest
    touches_version = data.definition is not None or data.settings is not None
    if data.definition is not None:
        check_node_count(data.definition.nodes)
    if touches_version and latest.status in PUBLISHED:
        raise ConflictError(
            f"version {latest.version} is {latest.status} and cannot be changed; create a new version first"
        )
    if touches_version and data.base_updated_at is not None and latest.updated_at != data.base_updated_at:
        raise ConflictError(
            f"version {latest.version} was saved by someone else since you opened it; reload to see it",
            errors=[FieldProblem("baseUpdatedAt", "the draft changed since this time")],
        )
    now = utcnow()
    if data.name is not None:
        state.journey.name = data.name.strip()
    if data.description is not None:
        state.journey.description = data.description
    if data.definition is not None:
        latest.definition = stored(data.definition)
        await sync_version_actions(db, latest.id, data.definition)
    if data.settings is not None:
        latest.settings = stored(data.settings)
    if touches_version:
        latest.updated_at = now
    state.journey.updated_at = now
    await db.commit()
    return state.detail()


async def delete_journey(db: AsyncSession, journey_id: uuid.UUID) -> None:
    """Delete a journey that was never published; 409 otherwise."""
    state = await load_journey(db, journey_id)
    published = [v.version for v in state.versions if v.status != "draft"]
    if published:
        raise ConflictError(f"version {published[0]} was published; only journeys with drafts only can be deleted")
    await db.delete(state.journey)
    await db.commit()


async def validate(db: AsyncSession, definition: Definition) -> ValidationResult:
    """Problems of ``definition`` against the event types and actions that exist now."""
    catalog = await load_catalog(db, event_type_ids(definition), action_ids(definition))
    problems = validate_definition(definition, catalog)
    return ValidationResult(valid=not blocking(problems), problems=problems)


async def validate_journey(db: AsyncSession, journey_id: uuid.UUID, definition: Definition | None) -> ValidationResult:
    """Validate ``definition`` when given, else the journey's latest version."""
    if definition is not None:
        check_node_count(definition.nodes)
    state = await load_journey(db, journey_id)
    return await validate(db, definition if definition is not None else definition_of(state.latest))
