"""The overload guard's one statement: how many instances are due."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, func, select

from backend.db.handles import INSTANCES
from backend.runtime.storage.database import Storage

_DUE_COUNT = select(func.count()).select_from(INSTANCES).where(INSTANCES.c.due_at <= bindparam("now"))


async def count_due(storage: Storage, now: datetime) -> int:
    """Instances due at ``now`` (on the async engine: a count must not queue behind the hot path's writers)."""
    async with storage.engine.connect() as connection:
        result = await connection.execute(_DUE_COUNT, {"now": now})
        return int(result.scalar_one())
