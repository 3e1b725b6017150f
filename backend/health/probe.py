"""Can the database take a write right now? Asked without writing anything and without waiting long."""

from __future__ import annotations

import asyncio
import sqlite3

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

PROBE_SECONDS = 0.5


async def write_problem(engine: AsyncEngine) -> str | None:
    """Why the database cannot be written now, or None."""
    if engine.dialect.name == "sqlite":
        database = engine.url.database or ""
        if not database or ":memory:" in database:
            return None
        return await asyncio.to_thread(_sqlite_write_problem, database)
    try:
        async with engine.begin() as connection:  # SET LOCAL ends with the transaction
            await connection.execute(text(f"SET LOCAL statement_timeout = {int(PROBE_SECONDS * 1000)}"))
            read_only = await connection.scalar(text("SHOW transaction_read_only"))
    except Exception as exc:  # any driver error: not ready
        return type(exc).__name__
    return "read-only" if read_only == "on" else None


def _sqlite_write_problem(database: str) -> str | None:
    """Take SQLite's write lock (``BEGIN IMMEDIATE``) for an instant on a connection of our own, then let go."""
    try:
        connection = sqlite3.connect(database, timeout=PROBE_SECONDS, isolation_level=None)
    except sqlite3.Error as exc:
        return type(exc).__name__
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        return "locked" if exc.sqlite_errorname == "SQLITE_BUSY" else type(exc).__name__
    finally:
        connection.close()
    return None
