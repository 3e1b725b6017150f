"""Wire shapes of the journey API (camelCase JSON)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

import msgspec

from backend.journeys.definition import Definition, JourneySettings
from backend.journeys.validation import Problem

Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Description = Annotated[str, msgspec.Meta(max_length=2000)]
VersionStatus = Literal["draft", "live", "closed", "stopped"]
EXPORT_FORMAT: Literal["journey-builder"] = "journey-builder"


class Wire(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    """Base of journey API structs."""


class JourneyCreate(Wire):
    """Body of ``POST /api/journeys``: the first draft."""

    name: Name
    description: Description = ""
    definition: Definition = msgspec.field(default_factory=Definition)
    settings: JourneySettings = msgspec.field(default_factory=JourneySettings)


class JourneyUpdate(Wire):
    """Body of ``PUT /api/journeys/{id}``: omitted fields keep their value."""

    name: Name | None = None
    description: Description | None = None
    definition: Definition | None = None
    settings: JourneySettings | None = None
    # The ``updatedAt`` of the latest version the editor started from: when another save came in since,
    # the graph is not overwritten (409). Without it, the last save wins.
    base_updated_at: Annotated[datetime, msgspec.Meta(tz=True)] | None = None


class JourneyVersionSummary(Wire):
    """One version in the history of a journey."""

    id: uuid.UUID
    journey_id: uuid.UUID
    version: int
    status: VersionStatus
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None
    ended_at: datetime | None


class JourneyVersionOut(JourneyVersionSummary):
    """A version with its graph and entry settings."""

    definition: Definition
    settings: JourneySettings


class JourneySummary(Wire):
    """A journey in the list: status and number of its latest version, and the live version's number."""

    id: uuid.UUID
    name: str
    description: str
    status: VersionStatus
    version: int
    live_version: int | None
    created_at: datetime
    updated_at: datetime


class JourneyDetail(JourneySummary):
    """A journey with one version in full (the latest unless ``?version=N`` asked for another)."""

    journey_version: JourneyVersionOut


class ValidateRequest(Wire):
    """Optional body of ``POST …/validate``: a definition to check instead of the stored latest version."""

    definition: Definition | None = None


class ValidationResult(Wire):
    """Answer of ``POST …/validate``: ``valid`` when no problem is an error (warnings never block publishing)."""

    valid: bool
    problems: list[Problem]


class ContextField(Wire):
    """A fixed field every instance has (``profile.id``, ``journey.name``, …), offered by the field picker."""

    path: str
    type: str


class Reference(Wire):
    """An action or event type a definition refers to, by id and by name (names re-link on import)."""

    id: uuid.UUID
    name: str


class ExportReferences(Wire):
    """Everything an exported definition refers to."""

    actions: list[Reference] = []
    event_types: list[Reference] = []


class JourneyDocument(Wire):
    """An exported journey (``GET …/export``), also the body of ``POST /api/journeys/import``."""

    format: Literal["journey-builder"]
    format_version: Literal[1]
    name: Name
    definition: Definition
    description: Description = ""
    settings: JourneySettings = msgspec.field(default_factory=JourneySettings)
    references: ExportReferences = msgspec.field(default_factory=ExportReferences)
