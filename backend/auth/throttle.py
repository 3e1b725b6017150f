"""Sign-in throttling: failed attempts counted per account and per client address in a fixed window.

Counters live in the ``login_failures`` table, so every API process counts together. The account is the
email as typed (normalised), known or not, so a blocked answer says nothing about which emails exist.
A successful sign-in clears its account's counter but not its address's: otherwise an attacker holding one
valid account could reset their own address between guesses at others.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

import msgspec
from sqlalchemy import Delete, and_, case, delete, literal, select, tuple_
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.handles import LOGIN_FAILURES as _TABLE
from backend.db.types import UTCDateTime
from backend.db.upsert import insert_for


class LoginLimits(msgspec.Struct, frozen=True):
    """How many failures each kind of key may collect within one window."""

    per_account: int
    per_address: int
    window_seconds: int


class LoginKeys(msgspec.Struct, frozen=True):
    """The two counters one attempt touches."""

    account: str
    address: str

    def pairs(self) -> list[tuple[str, str]]:
        """``(scope, subject)`` primary keys."""
        return [("account", self.account), ("address", self.address)]


async def seconds_blocked(db: AsyncSession, keys: LoginKeys, limits: LoginLimits, now: datetime) -> int:
    """Seconds until another attempt is allowed (0 when it is allowed now)."""
    window = timedelta(seconds=limits.window_seconds)
    query = select(_TABLE.c.scope, _TABLE.c.failures, _TABLE.c.window_started_at).where(
        tuple_(_TABLE.c.scope, _TABLE.c.subject).in_(keys.pairs())
    )
    wait = 0.0
    rows = (await (await db.connection()).execute(query)).all()
    for scope, failures, started in rows:
        limit = limits.per_account if scope == "account" else limits.per_address
        if failures >= limit and started + window > now:
            wait = max(wait, (started + window - now).total_seconds())
    return math.ceil(wait)


async def record_failure(db: AsyncSession, keys: LoginKeys, limits: LoginLimits, now: datetime) -> None:
    """Count one failed attempt on both keys (a new window starts where the last one ran out); commits."""
    connection = await db.connection()
    dialect = connection.dialect.name
    cutoff = now - timedelta(seconds=limits.window_seconds)
    expired = _TABLE.c.window_started_at <= cutoff
    rows = [
        {"scope": scope, "subject": subject, "failures": 1, "window_started_at": now} for scope, subject in keys.pairs()
    ]
    upsert = insert_for(dialect, _TABLE).values(rows)
    await connection.execute(
        upsert.on_conflict_do_update(
            index_elements=["scope", "subject"],
            set_={
                "failures": case((expired, 1), else_=_TABLE.c.failures + 1),
                "window_started_at": case((expired, literal(now, UTCDateTime())), else_=_TABLE.c.window_started_at),
            },
        )
    )
    await connection.execute(_prune(dialect, cutoff))
    await db.commit()


def _prune(dialect: str, cutoff: datetime) -> Delete:
    """Drop counters whose window ran out, so sprayed emails do not pile up.

    On PostgreSQL rows another sign-in holds are skipped, never waited for: two failures pruning each other's
    rows would otherwise deadlock. SQLite has a single writer and cannot deadlock.
    """
    stale = select(_TABLE.c.scope, _TABLE.c.subject).where(_TABLE.c.window_started_at <= cutoff)
    if dialect == "postgresql":
        stale = stale.with_for_update(skip_locked=True)
    return delete(_TABLE).where(tuple_(_TABLE.c.scope, _TABLE.c.subject).in_(stale))


async def clear_account(db: AsyncSession, keys: LoginKeys) -> None:
    """Forget an account's failures after it signed in (not committed: part of opening the session)."""
    connection = await db.connection()
    await connection.execute(delete(_TABLE).where(and_(_TABLE.c.scope == "account", _TABLE.c.subject == keys.account)))
