"""Sign-in, sessions and API tokens: the rules, with no HTTP in sight."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import bindparam, delete, update
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.auth.identity import Identity
from backend.auth.roles import Role
from backend.auth.secrets import new_token, token_digest, verify_password
from backend.db.tables import ApiToken, User, UserSession
from backend.db.types import utcnow
from backend.errors import NotFoundError

SESSION_COOKIE = "journeys_session"


async def sign_in(db: AsyncSession, email: str, password: str, hours: int) -> tuple[str, User] | None:
    """Check the credentials of an active user and open a session; None when they do not match."""
    user = (await db.exec(select(User).where(User.email == email.strip().lower()))).one_or_none()
    if not verify_password(user.password_hash if user else None, password) or user is None or not user.active:
        return None
    token = new_token("jbs")
    db.add(UserSession(token_hash=token_digest(token), user_id=user.id, expires_at=utcnow() + timedelta(hours=hours)))
    await db.commit()
    return token, user


async def sign_out(db: AsyncSession, token: str) -> None:
    """End the session that holds this cookie token."""
    await db.exec(delete(UserSession).where(col(UserSession.token_hash) == token_digest(token)))
    await db.commit()


_USERS = User.__table__  # type: ignore[attr-defined]
_SESSIONS = UserSession.__table__  # type: ignore[attr-defined]
_TOKENS = ApiToken.__table__  # type: ignore[attr-defined]
_CALLER_COLUMNS = (_USERS.c.id, _USERS.c.email, _USERS.c.role)
# Built once: every API request runs one of these, so they stay cheap Core statements (no ORM objects).
_SESSION_CALLER = (
    sa_select(*_CALLER_COLUMNS)
    .join(_SESSIONS, _SESSIONS.c.user_id == _USERS.c.id)
    .where(_SESSIONS.c.token_hash == bindparam("digest"), _SESSIONS.c.expires_at > bindparam("now"), _USERS.c.active)
)
_TOKEN_CALLER = (
    sa_select(*_CALLER_COLUMNS)
    .join(_TOKENS, _TOKENS.c.user_id == _USERS.c.id)
    .where(_TOKENS.c.token_hash == bindparam("digest"), _TOKENS.c.revoked.is_(False), _USERS.c.active)
)


async def identify_session(connection: AsyncConnection, token: str) -> Identity | None:
    """The active user behind a session cookie, if the session has not expired."""
    params = {"digest": token_digest(token), "now": utcnow()}
    row = (await connection.execute(_SESSION_CALLER, params)).first()
    return Identity(user_id=row.id, email=row.email, role=Role(row.role), via="session") if row else None


async def identify_token(connection: AsyncConnection, token: str) -> Identity | None:
    """The active user behind a bearer token that has not been revoked."""
    row = (await connection.execute(_TOKEN_CALLER, {"digest": token_digest(token)})).first()
    return Identity(user_id=row.id, email=row.email, role=Role(row.role), via="token") if row else None


async def create_token(db: AsyncSession, owner: Identity, name: str) -> tuple[ApiToken, str]:
    """Mint a token for the caller; the plain value is returned once and never stored."""
    token = new_token("jbt")
    row = ApiToken(name=name, token_hash=token_digest(token), prefix=token[:8], user_id=owner.user_id)
    db.add(row)
    await db.commit()
    return row, token


async def list_tokens(db: AsyncSession, owner: Identity) -> list[ApiToken]:
    """Admins see every token, technical users their own."""
    query = select(ApiToken).order_by(col(ApiToken.created_at))
    if owner.role != Role.ADMIN:
        query = query.where(ApiToken.user_id == owner.user_id)
    return list((await db.exec(query)).all())


async def revoke_token(db: AsyncSession, owner: Identity, token_id: uuid.UUID) -> None:
    """Revoke a token the caller may manage; unknown or foreign ids are 404."""
    row = await db.get(ApiToken, token_id)
    if row is None or (owner.role != Role.ADMIN and row.user_id != owner.user_id):
        raise NotFoundError(f"no token {token_id}")
    row.revoked = True
    await db.commit()


async def end_all_access(db: AsyncSession, user_id: uuid.UUID) -> None:
    """Drop every session and revoke every token of a user (deactivation)."""
    await db.exec(delete(UserSession).where(col(UserSession.user_id) == user_id))
    await db.exec(update(ApiToken).where(col(ApiToken.user_id) == user_id).values(revoked=True))
