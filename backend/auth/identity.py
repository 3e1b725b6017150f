"""The authenticated caller as seen by handlers and guards."""

from __future__ import annotations

import uuid

import msgspec

from backend.auth.roles import Role


class Identity(msgspec.Struct, frozen=True):
    """Who made the request, and how (a browser session or an API token)."""

    user_id: uuid.UUID
    email: str
    role: Role
    via: str  # "session" or "token"
