"""Ingestion's statements: events, the instances they start and their entry steps, written in one group commit.

Concurrent requests' events are gathered into one transaction (``backend.db.group_commit``); should another
process race us on an event id or an entry, the batch is redone one event at a time, each seeing the other's rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import bindparam, insert, select
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError

from backend.db.group_commit import GroupCommit
from backend.db.handles import EVENTS, INSTANCES, STEP_LOGS
from backend.db.sqlite.bulk import BulkStatement
from backend.runtime.storage.database import Transactions, Tx

Item = TypeVar("Item")
Result = TypeVar("Result")
_INSERT_EVENTS = BulkStatement(insert(EVENTS))
_INSERT_INSTANCES = BulkStatement(insert(INSTANCES))
_INSERT_STEP_LOGS = BulkStatement(insert(STEP_LOGS))
_KNOWN_EVENTS = select(EVENTS.c.external_id, EVENTS.c.id).where(
    EVENTS.c.external_id.in_(bindparam("external_ids", expanding=True))
)


class EventWrites(Generic[Item, Result]):
    """Runs ``write(tx, items, now)`` for the items of concurrent callers together, in one transaction."""

    def __init__(
        self,
        transactions: Transactions,
        write: Callable[[Tx, Sequence[Item], datetime], list[Result]],
        now: Callable[[], datetime],
    ) -> None:
        self._transactions = transactions
        self._write = write
        self._now = now
        self._commits: GroupCommit[Item, Result] = GroupCommit(self._flush, max_batch=1000, isolate=_may_be_one_item)

    async def submit_many(self, items: Sequence[Item]) -> list[Result]:
        """The items' results, once the transaction holding them committed."""
        return await self._commits.submit_many(items)

    async def _flush(self, items: Sequence[Item]) -> list[Result]:
        now = self._now()
        try:
            return await self._transactions.run(self._write, items, now)
        except IntegrityError:
            # Another process raced us on an event id or an entry: redo one by one, each seeing the other's rows.
            return [(await self._transactions.run(self._write, [item], now))[0] for item in items]


def _may_be_one_item(exc: Exception) -> bool:
    """The database refused data (not a lost connection, not a lock): one item may be to blame."""
    if not isinstance(exc, DBAPIError) or exc.connection_invalidated:
        return False
    return not isinstance(exc, (OperationalError, InterfaceError))


def known_events(tx: Tx, external_ids: list[str]) -> dict[str, uuid.UUID]:
    """The stored event id of each external id already delivered."""
    if not external_ids:
        return {}
    rows = tx.execute(_KNOWN_EVENTS, {"external_ids": list(set(external_ids))}).all()
    return {row.external_id: row.id for row in rows}


def instances_of_events(tx: Tx, event_ids: Collection[uuid.UUID]) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """``(event_id, instance_id)`` of every instance the events started."""
    query = select(INSTANCES.c.event_id, INSTANCES.c.id).where(INSTANCES.c.event_id.in_(list(event_ids)))
    return [(row.event_id, row.id) for row in tx.execute(query).all()]


def insert_events(tx: Tx, rows: list[dict[str, Any]]) -> None:
    """New events, in bulk."""
    _INSERT_EVENTS.execute(tx, rows)


def insert_instances(tx: Tx, instances: list[dict[str, Any]], steps: list[dict[str, Any]]) -> None:
    """New instances and their entry steps' logs, in bulk."""
    _INSERT_INSTANCES.execute(tx, instances)
    _INSERT_STEP_LOGS.execute(tx, steps)
