"""SQLModel tables of journeys and their versions."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Index, UniqueConstraint, Uuid
from sqlmodel import Field, SQLModel

from backend.db.types import UTCDateTime, utcnow


class JourneyRow(SQLModel, table=True):
    """A journey: a name and a history of versions."""

    __tablename__ = "journeys"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(max_length=200)
    description: str = ""
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class JourneyVersionRow(SQLModel, table=True):
    """One version of a journey: draft, live, closed or stopped, with its canvas graph."""

    __tablename__ = "journey_versions"
    __table_args__ = (
        UniqueConstraint("journey_id", "version", name="uq_journey_versions_journey_version"),
        Index("ix_journey_versions_status", "status"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    journey_id: uuid.UUID = Field(
        sa_column=Column(Uuid, ForeignKey("journeys.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    version: int
    status: str = Field(default="draft", max_length=16)
    definition: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    settings: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    published_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class JourneyVersionActionRow(SQLModel, table=True):
    """Which custom actions a version uses (for `usedIn` and to refuse deleting an action in use)."""

    __tablename__ = "journey_version_actions"

    version_id: uuid.UUID = Field(
        sa_column=Column(Uuid, ForeignKey("journey_versions.id", ondelete="CASCADE"), primary_key=True)
    )
    action_id: uuid.UUID = Field(sa_column=Column(Uuid, primary_key=True, index=True))
