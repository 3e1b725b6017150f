"""Table rows to wire structs for users and tokens."""

from __future__ import annotations

from typing import cast

from backend.auth.roles import Role
from backend.db.tables import ApiToken, User
from backend.users.schemas import Locale, TokenCreated, TokenOut, UserOut


def user_out(user: User) -> UserOut:
    """A user without its password hash."""
    locale = cast("Locale | None", user.locale)
    return UserOut(user.id, user.email, Role(user.role), user.active, locale, user.created_at, user.updated_at)


def token_out(row: ApiToken) -> TokenOut:
    """A token's metadata."""
    return TokenOut(row.id, row.name, row.prefix, row.user_id, row.created_at, row.revoked)


def token_created(row: ApiToken, token: str) -> TokenCreated:
    """A new token with its plain value, shown once."""
    return TokenCreated(row.id, row.name, row.prefix, row.user_id, row.created_at, row.revoked, token)
