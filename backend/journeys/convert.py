"""Table rows to wire structs (and stored JSON to definitions) for journeys, in one place."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import msgspec

from backend.db.journey_tables import JourneyRow, JourneyVersionRow
from backend.journeys.definition import Definition, JourneySettings
from backend.journeys.schemas import JourneyDetail, JourneySummary, JourneyVersionOut, JourneyVersionSummary


def stored(value: msgspec.Struct) -> dict[str, Any]:
    """A definition or settings struct as the JSON column stores it (camelCase, like the wire)."""
    result: dict[str, Any] = msgspec.to_builtins(value)
    return result


class StoredVersion(Protocol):
    """What the parsers read: a version row, as an ORM object or a Core row."""

    @property
    def definition(self) -> dict[str, Any] | None: ...

    @property
    def settings(self) -> dict[str, Any] | None: ...


def definition_of(row: StoredVersion) -> Definition:
    """The stored definition of a version, parsed."""
    return msgspec.convert(row.definition or {}, Definition)


def settings_of(row: StoredVersion) -> JourneySettings:
    """The stored entry settings of a version, parsed."""
    return msgspec.convert(row.settings or {}, JourneySettings)


def version_summary(row: JourneyVersionRow) -> JourneyVersionSummary:
    """A version without its graph."""
    return JourneyVersionSummary(
        row.id,
        row.journey_id,
        row.version,
        row.status,  # type: ignore[arg-type]
        row.created_at,
        row.updated_at,
        row.published_at,
        row.ended_at,
    )


def version_out(row: JourneyVersionRow) -> JourneyVersionOut:
    """A version with its graph and settings."""
    s = version_summary(row)
    return JourneyVersionOut(
        s.id,
        s.journey_id,
        s.version,
        s.status,
        s.created_at,
        s.updated_at,
        s.published_at,
        s.ended_at,
        definition_of(row),
        settings_of(row),
    )


def journey_summary(journey: JourneyRow, versions: Sequence[tuple[int, str]]) -> JourneySummary:
    """A journey with the status and number of its latest version; ``versions`` are (number, status) pairs."""
    latest_number, latest_status = max(versions)
    live = [number for number, status in versions if status == "live"]
    return JourneySummary(
        journey.id,
        journey.name,
        journey.description,
        latest_status,  # type: ignore[arg-type]
        latest_number,
        max(live) if live else None,
        journey.created_at,
        journey.updated_at,
    )


def journey_detail(
    journey: JourneyRow, versions: Sequence[JourneyVersionRow], shown: JourneyVersionRow
) -> JourneyDetail:
    """A journey with one version in full."""
    s = journey_summary(journey, [(v.version, v.status) for v in versions])
    return JourneyDetail(
        s.id,
        s.name,
        s.description,
        s.status,
        s.version,
        s.live_version,
        s.created_at,
        s.updated_at,
        version_out(shown),
    )
