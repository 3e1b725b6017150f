"""Sign-in, sessions and API tokens: the rules, with no HTTP in sight."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import timedelta

from sqlalchemy import Connection, bindparam, delete, update
from sqlalchemy import select as sa_select
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.auth import throttle
from backend.auth.identity import Identity
from backend.auth.password_work import password_matches
from backend.auth.roles import Role
from backend.auth.secrets import new_token, token_digest
from backend.auth.throttle import LoginKeys, LoginLimits
from backend.db.handles import SESSIONS as _SESSIONS
from backend.db.handles import TOKENS as _TOKENS
from backend.db.handles import USERS as _USERS
from backend.db.tables import ApiToken, User, UserSession
from backend.db.types import utcnow
from backend.errors import NotFoundError, OverloadedError

SESSION_COOKIE = "journeys_session"


async def sign_in(
    db: AsyncSession, password: str, keys: LoginKeys, limits: LoginLimits, hours: int
) -> tuple[str, User] | None:
    """Check the credentials of an active user and open a session; None when they do not match.

    429 (OverloadedError) while the account or the client address has too many recent failures; then no
    password is checked at all, so the answer is as fast for every email.
    """
    if wait := await throttle.seconds_blocked(db, keys, limits, utcnow()):
        raise OverloadedError(f"too many failed sign-ins; try again in {wait} s", retry_after=wait)
    user = (await db.exec(select(User).where(User.email == keys.account))).one_or_none()
    # An unknown email is checked against a dummy hash: the answer takes as long as for a real account.
    matches = await password_matches(user.password_hash if user else None, password)
    if not matches or user is None or not user.active:
        await throttle.record_failure(db, keys, limits, utcnow())
        return None
    await throttle.clear_account(db, keys)
    token = new_token("jbs")
    db.add(UserSession(token_hash=token_digest(token), user_id=user.id, expires_at=utcnow() + timedelta(hours=hours)))
    await db.commit()
    return token, user


async def sign_out(db: AsyncSession, token: str) -> None:
    """End the session that holds this cookie token."""
    await db.exec(delete(UserSession).where(col(UserSession.token_hash) == token_digest(token)))
    await db.commit()


_CALLER_COLUMNS = (_USERS.c.id, _USERS.c.email, _USERS.c.role)
# Built once: every API request runs one of these, so they stay cheap Core statements (no ORM objects), and
# they take many digests so that concurrent requests share one query (see ``CallerLookup``).
_SESSION_CALLERS = (
    sa_select(_SESSIONS.c.token_hash, *_CALLER_COLUMNS)
    .join(_SESSIONS, _SESSIONS.c.user_id == _USERS.c.id)
    .where(
        _SESSIONS.c.token_hash.in_(bindparam("digests", expanding=True)),
        _SESSIONS.c.expires_at > bindparam("now"),
        _USERS.c.active,
    )
)
_TOKEN_CALLERS = (
    sa_select(_TOKENS.c.token_hash, *_CALLER_COLUMNS)
    .join(_TOKENS, _TOKENS.c.user_id == _USERS.c.id)
    .where(
        _TOKENS.c.token_hash.in_(bindparam("digests", expanding=True)),
        _TOKENS.c.revoked.is_(False),
        _USERS.c.active,
    )
)


def identify_sessions(connection: Connection, tokens: Collection[str]) -> dict[str, Identity]:
    """The active user behind each session cookie whose session has not expired, by cookie token."""
    digests = {token_digest(token): token for token in tokens}
    params = {"digests": list(digests), "now": utcnow()}
    rows = connection.execute(_SESSION_CALLERS, params).all()
    return {digests[r.token_hash]: Identity(r.id, r.email, Role(r.role), "session") for r in rows}


def identify_tokens(connection: Connection, tokens: Collection[str]) -> dict[str, Identity]:
    """The active user behind each bearer token that has not been revoked, by token."""
    digests = {token_digest(token): token for token in tokens}
    rows = connection.execute(_TOKEN_CALLERS, {"digests": list(digests)}).all()
    return {digests[r.token_hash]: Identity(r.id, r.email, Role(r.role), "token") for r in rows}


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
