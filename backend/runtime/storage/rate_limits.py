"""Statements on the shared rate-limit rows: capping windows count reserved calls, throttling keeps a schedule."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, literal

from backend.db.handles import RATE_LIMITS
from backend.db.upsert import insert_for
from backend.runtime.storage.database import Tx


def reserve_calls(tx: Tx, key: str, amount: int, expires: datetime) -> int:
    """Count ``amount`` more calls in the window ``key``; returns the window's count after them."""
    statement = insert_for(tx.dialect.name, RATE_LIMITS).values(key=key, count=amount, next_at=0.0, expires_at=expires)
    statement = statement.on_conflict_do_update(
        index_elements=[RATE_LIMITS.c.key], set_={"count": RATE_LIMITS.c.count + amount}
    ).returning(RATE_LIMITS.c.count)
    return int(tx.execute(statement).scalar_one())


def take_slot(tx: Tx, key: str, now: float, interval: float, max_wait: float, expires: datetime) -> tuple[float, bool]:
    """Take the schedule ``key``'s next slot unless it is over ``max_wait`` seconds away.

    Returns the schedule's ``next_at`` after the statement and whether this statement took the slot (``count``
    1 or 0): the row's new ``next_at`` alone cannot tell a slot just taken from one left alone.
    """
    start = case((RATE_LIMITS.c.next_at < now, literal(now)), else_=RATE_LIMITS.c.next_at)
    fits = start <= now + max_wait
    statement = insert_for(tx.dialect.name, RATE_LIMITS).values(
        key=key, count=1, next_at=now + interval, expires_at=expires
    )
    statement = statement.on_conflict_do_update(
        index_elements=[RATE_LIMITS.c.key],
        set_={
            "next_at": case((fits, start + interval), else_=RATE_LIMITS.c.next_at),
            "count": case((fits, literal(1)), else_=literal(0)),
            "expires_at": expires,
        },
    ).returning(RATE_LIMITS.c.next_at, RATE_LIMITS.c.count)
    next_at, taken = tx.execute(statement).one()
    return float(next_at), bool(taken)
