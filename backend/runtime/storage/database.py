"""The runtime's database as the other runtime packages hold it: one engine and the transactions run on it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Row
from sqlalchemy.ext.asyncio import AsyncEngine

from backend.db.engine import create_engine
from backend.db.sqlite.sync_work import SyncTransactions

Tx = Connection
"""An open transaction (or read) of the hot path: handed to storage functions, opaque to everyone else."""

AnyRow = Row[*tuple[Any, ...]]
"""A row whose columns callers read by name."""

Transactions = SyncTransactions
"""Runs ``fn(tx, ...)`` in one transaction (``backend.db.sqlite.sync_work``): plain calls, one commit."""


class Storage:
    """One process's database: the engine, and a factory for the transaction runners of its services."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    def transactions(self) -> Transactions:
        """A transaction runner of its own (on SQLite: its own plain-driver connections, closed by ``close``)."""
        return SyncTransactions(self.engine)

    async def dispose(self) -> None:
        """Close the engine's connections (only by whoever created it)."""
        await self.engine.dispose()


def create_storage(database_url: str, sqlite_busy_seconds: float) -> Storage:
    """Storage on a new engine (``journeys worker``; the app shares its engine through ``Storage(engine)``)."""
    return Storage(create_engine(database_url, sqlite_busy_seconds))
