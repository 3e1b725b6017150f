"""Creating, listing and changing user accounts."""

from __future__ import annotations

import secrets
import uuid

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.auth.password_policy import password_problem
from backend.auth.password_work import hash_new_password
from backend.auth.roles import Role
from backend.auth.service import end_all_access
from backend.db.tables import User
from backend.db.types import utcnow
from backend.errors import ConflictError, NotFoundError
from backend.users.schemas import Locale, UserCreate, UserUpdate


async def list_users(db: AsyncSession) -> list[User]:
    """Every account, oldest first."""
    return list((await db.exec(select(User).order_by(col(User.created_at)))).all())


async def create_user(db: AsyncSession, data: UserCreate) -> User:
    """A new account; 409 when the email is taken (case-insensitive)."""
    email = data.email.strip().lower()
    user = User(email=email, password_hash=await hash_new_password(data.password, email), role=data.role)
    db.add(user)
    try:
        await db.commit()
    except IntegrityError:
        await db.rollback()
        raise ConflictError(f"a user with email {user.email} already exists") from None
    return user


async def _lock_active_admins(db: AsyncSession) -> set[uuid.UUID]:
    """Serialise every change that may remove an admin, then read the active admins inside that lock.

    Checking and writing in one transaction is not enough on its own: two admins demoting each other would
    both count two admins. PostgreSQL locks the active admin rows (a waiting transaction re-reads them after
    the winner commits, so it sees one admin left); SQLite takes its single write lock up front.
    """
    connection = await db.connection()
    if connection.dialect.name == "sqlite":
        # No read has opened a SQLite transaction yet (pysqlite begins one only before a write), so this works.
        await connection.exec_driver_sql("BEGIN IMMEDIATE")
    query = select(User.id).where(User.role == Role.ADMIN, col(User.active))
    if connection.dialect.name == "postgresql":
        query = query.with_for_update()
    return set((await db.exec(query)).all())


def _loses_admin(user: User, data: UserUpdate) -> bool:
    demoted = data.role is not None and data.role != Role.ADMIN
    return user.role == Role.ADMIN and user.active and (demoted or data.active is False)


async def update_user(db: AsyncSession, user_id: uuid.UUID, data: UserUpdate) -> User:
    """Apply a role/active/password change; deactivation ends the user's sessions and tokens at once."""
    user = await db.get(User, user_id)
    if user is None:
        raise NotFoundError(f"no user {user_id}")
    # Hashed before any lock is taken: a fifth of a second of argon2 must not hold other admins' changes.
    new_hash = await hash_new_password(data.password, user.email) if data.password is not None else None
    if _loses_admin(user, data):
        admins = await _lock_active_admins(db)
        await db.refresh(user)  # the row as it is now that concurrent changes are serialised behind us
        if _loses_admin(user, data) and admins <= {user.id}:
            await db.rollback()
            raise ConflictError("the last active admin cannot be demoted or deactivated")
    if data.role is not None:
        user.role = data.role
    if new_hash is not None:
        user.password_hash = new_hash
    if data.active is not None:
        user.active = data.active
    if data.active is False or data.password is not None:
        await end_all_access(db, user.id)
    user.updated_at = utcnow()
    await db.commit()
    return user


async def set_locale(db: AsyncSession, user_id: uuid.UUID, locale: Locale) -> User:
    """Store the language the user chose for the UI; it wins over the browser's from then on."""
    user = await db.get(User, user_id)
    if user is None:
        raise NotFoundError("user not found")
    user.locale = locale
    user.updated_at = utcnow()
    await db.commit()
    return user


async def ensure_first_admin(db: AsyncSession, email: str, password: str | None) -> str | None:
    """On an empty database create the admin; returns a generated password to print once, if one was made.

    A configured password that fails the strength policy stops the start (ValueError): an operator who set
    ``JOURNEYS_ADMIN_PASSWORD`` expects exactly that password to work, so silently replacing it would lock
    them out, and accepting it would leave the one all-powerful account guessable.
    """
    if (await db.exec(select(func.count()).select_from(User))).one():
        return None
    email = email.strip().lower()
    if password and (problem := password_problem(password, [email, email.split("@", 1)[0]])):
        raise ValueError(f"JOURNEYS_ADMIN_PASSWORD {problem}")
    generated = None if password else secrets.token_urlsafe(16)
    password_hash = await hash_new_password(password or generated or "", email)
    db.add(User(email=email, password_hash=password_hash, role=Role.ADMIN))
    try:
        await db.commit()
    except IntegrityError:  # another process created it first
        await db.rollback()
        return None
    return generated
