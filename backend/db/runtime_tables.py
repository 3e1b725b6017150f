"""SQLModel tables of the runtime: profiles, events, journey instances, step logs and shared rate limits."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, ForeignKey, Index, Integer, String, Uuid, text
from sqlmodel import Field, SQLModel

from backend.db.types import UTCDateTime, utcnow

# The values ``backend.runtime.states`` defines, as the database enforces them (migration 0007); a unit test
# keeps the two equal. Spelled out here because the storage layer imports nothing of the runtime.
INSTANCE_STATUSES = ("running", "waiting", "completed", "failed", "stopped")
STEP_OUTCOMES = ("succeeded", "failed", "waiting", "capped", "timedOut", "stopped")
_ACTIVE_SQL = text("status IN ('running', 'waiting')")


def one_of(column: str, values: tuple[str, ...]) -> str:
    """The CHECK condition allowing ``column`` only ``values``.

    A chain of ``=``, not ``IN (...)``: SQLite builds a temporary table for an IN list on every statement.
    """
    return " OR ".join(f"{column} = '{value}'" for value in values)


_DUE_SQL = text("due_at IS NOT NULL")


class ProfileRow(SQLModel, table=True):
    """A person the journeys act for; attributes are merged from events and ``PUT /api/profiles/{id}``."""

    __tablename__ = "profiles"

    id: str = Field(sa_column=Column(String(200), primary_key=True))
    attributes: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class EventRow(SQLModel, table=True):
    """An accepted event; ``external_id`` is the sender's idempotency key."""

    __tablename__ = "events"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    external_id: str | None = Field(default=None, sa_column=Column(String(200), unique=True, nullable=True))
    event_type_id: uuid.UUID = Field(sa_column=Column(Uuid, nullable=False))
    profile_id: str = Field(sa_column=Column(String(200), nullable=False))
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    received_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class InstanceRow(SQLModel, table=True):
    """One profile's walk through one journey version; ``due_at`` is when a worker should next look at it."""

    __tablename__ = "journey_instances"
    __table_args__ = (
        # A profile is never twice at once in the same journey (whatever the version).
        Index(
            "uq_journey_instances_active_profile",
            "journey_id",
            "profile_id",
            unique=True,
            sqlite_where=_ACTIVE_SQL,
            postgresql_where=_ACTIVE_SQL,
        ),
        # Only instances a worker should look at again; finished ones leave the index.
        Index("ix_journey_instances_due_at", "due_at", sqlite_where=_DUE_SQL, postgresql_where=_DUE_SQL),
        # "This profile's instances" and the entry check's (journey, profile) pairs; profile ids are random keys,
        # so each index on them costs a random page per event (see migration 0004).
        Index("ix_journey_instances_profile_journey", "profile_id", "journey_id"),
        Index("ix_journey_instances_status_finished", "status", "finished_at"),
        CheckConstraint(one_of("status", INSTANCE_STATUSES), name="ck_journey_instances_status"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    journey_id: uuid.UUID = Field(sa_column=Column(Uuid, nullable=False))
    version_id: uuid.UUID = Field(sa_column=Column(Uuid, nullable=False, index=True))
    profile_id: str = Field(sa_column=Column(String(200), nullable=False))
    event_id: uuid.UUID | None = Field(default=None, sa_column=Column(Uuid, nullable=True, index=True))
    status: str = Field(default="running", max_length=16)
    current_node_id: str | None = Field(default=None, max_length=64)
    context: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    lease_owner: str | None = Field(default=None, max_length=64)
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    attempt: int = 0
    error: str | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class StepLogRow(SQLModel, table=True):
    """One node an instance went through: when, how many attempts, the outcome and (for actions) the call."""

    __tablename__ = "step_logs"
    __table_args__ = (
        Index("ix_step_logs_journey_node", "journey_id", "node_id", "outcome"),
        CheckConstraint(one_of("outcome", STEP_OUTCOMES), name="ck_step_logs_outcome"),
    )

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True))
    instance_id: uuid.UUID = Field(
        sa_column=Column(Uuid, ForeignKey("journey_instances.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    journey_id: uuid.UUID = Field(sa_column=Column(Uuid, nullable=False))
    version_id: uuid.UUID = Field(sa_column=Column(Uuid, nullable=False))
    node_id: str = Field(max_length=64)
    node_type: str = Field(max_length=16)
    started_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    attempts: int = 0
    outcome: str = Field(max_length=16)
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class NodeCountRow(SQLModel, table=True):
    """Running count of the steps of one node of one version that ended with ``outcome`` (``waiting``: now waiting).

    The stats endpoint sums these instead of counting step logs (which grow with history and are pruned).
    Each process adds to its own ``shard`` so concurrent writers never queue on one hot row.
    """

    __tablename__ = "node_counts"

    version_id: uuid.UUID = Field(sa_column=Column(Uuid, primary_key=True))
    node_id: str = Field(sa_column=Column(String(64), primary_key=True))
    outcome: str = Field(sa_column=Column(String(16), primary_key=True))
    shard: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    journey_id: uuid.UUID = Field(sa_column=Column(Uuid, nullable=False, index=True))
    count: int = 0


class RateLimitRow(SQLModel, table=True):
    """A capping window (``count``) or a throttling schedule (``next_at``, epoch seconds) shared by all workers."""

    __tablename__ = "rate_limits"

    key: str = Field(sa_column=Column(String(300), primary_key=True))
    count: int = 0
    next_at: float = 0.0
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)
