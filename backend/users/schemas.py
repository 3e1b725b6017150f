"""Wire shapes of users, sign-in and API tokens."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

import msgspec

from backend.auth.roles import Role

Email = Annotated[str, msgspec.Meta(min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+$")]
# The languages the UI is translated into; a user's choice of one is stored on the user.
Locale = Literal["en", "de"]
Password = Annotated[str, msgspec.Meta(min_length=8, max_length=200)]


class Camel(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    """Base of wire structs: camelCase JSON, unknown fields rejected."""


class LoginRequest(Camel):
    """Credentials for a browser session."""

    email: Annotated[str, msgspec.Meta(max_length=320)]
    password: Annotated[str, msgspec.Meta(max_length=200)]


class UserOut(Camel):
    """A user as shown to admins and to the user themself."""

    id: uuid.UUID
    email: str
    role: Role
    active: bool
    locale: Locale | None
    created_at: datetime
    updated_at: datetime


class MeUpdate(Camel):
    """What signed-in users change about themselves: the UI's language."""

    locale: Locale


class UserCreate(Camel):
    """A new account."""

    email: Email
    password: Password
    role: Role


class UserUpdate(Camel):
    """Change a role, reactivate, deactivate, or reset a password."""

    role: Role | None = None
    active: bool | None = None
    password: Password | None = None


class TokenCreate(Camel):
    """A new API token's name."""

    name: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]


class TokenOut(Camel):
    """An API token's metadata; the secret is never shown again."""

    id: uuid.UUID
    name: str
    prefix: str
    user_id: uuid.UUID
    created_at: datetime
    revoked: bool


class TokenCreated(TokenOut):
    """Answer to creating a token: the only time the plain token is returned."""

    token: str
