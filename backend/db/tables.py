"""SQLModel tables of the foundation: users, sessions, API tokens, custom actions, event types."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Column, ForeignKey, Index, String, Uuid, true
from sqlmodel import Field, SQLModel

from backend.db.types import UTCDateTime, utcnow


def _created() -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class User(SQLModel, table=True):
    """A person who signs in; exactly one role."""

    __tablename__ = "users"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    email: str = Field(sa_column=Column(String(320), unique=True, nullable=False))
    password_hash: str
    role: str = Field(max_length=16)
    active: bool = True
    locale: str | None = Field(default=None, max_length=8)
    created_at: datetime = _created()
    updated_at: datetime = _created()


class UserSession(SQLModel, table=True):
    """A browser session; the cookie holds the token, the table only its SHA-256."""

    __tablename__ = "user_sessions"

    token_hash: str = Field(primary_key=True, max_length=64)
    user_id: uuid.UUID = Field(
        sa_column=Column(Uuid, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    created_at: datetime = _created()
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)


class ApiToken(SQLModel, table=True):
    """A machine client's bearer token, stored hashed."""

    __tablename__ = "api_tokens"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(max_length=200)
    token_hash: str = Field(sa_column=Column(String(64), unique=True, nullable=False))
    prefix: str = Field(max_length=16)
    user_id: uuid.UUID = Field(
        sa_column=Column(Uuid, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    created_at: datetime = _created()
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked: bool = False


class CustomActionRow(SQLModel, table=True):
    """A configured REST call; JSON columns hold the typed parts (secrets inside are encrypted)."""

    __tablename__ = "custom_actions"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(max_length=100)
    name_key: str = Field(sa_column=Column(String(100), unique=True, nullable=False))
    description: str = ""
    method: str = Field(max_length=8)
    url: str
    headers: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    query_parameters: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    path_parameters: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )
    authentication: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    request_payload: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    body_encoding: str = Field(default="json", sa_column=Column(String(8), nullable=False, server_default="json"))
    response_payload: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    timeout_ms: int = 30000
    follow_redirects: bool = Field(default=True, sa_column=Column(Boolean, nullable=False, server_default=true()))
    max_retries: int = 3
    capping: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    throttling: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    created_at: datetime = _created()
    updated_at: datetime = _created()


class EventTypeRow(SQLModel, table=True):
    """An event type that makes profiles enter journeys; fields are derived from the example."""

    __tablename__ = "event_types"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(max_length=100)
    name_key: str = Field(sa_column=Column(String(100), unique=True, nullable=False))
    description: str = ""
    example: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    fields: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = _created()
    updated_at: datetime = _created()


Index("ix_user_sessions_expires_at", UserSession.expires_at)  # type: ignore[arg-type]


class LoginFailure(SQLModel, table=True):
    """Failed sign-ins in the current window, per account (email as typed) and per client address.

    In the database rather than in memory so that every API process behind a load balancer counts together.
    """

    __tablename__ = "login_failures"

    scope: str = Field(primary_key=True, max_length=8)  # "account" | "address"
    subject: str = Field(primary_key=True, max_length=320)
    failures: int = 0
    window_started_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
