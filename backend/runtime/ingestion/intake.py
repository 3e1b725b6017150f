"""The runtime's front door: events past the overload guard into ingestion, profiles read and merged on its clock."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from backend.input_limits import MAX_PROFILE_BYTES, check_size
from backend.runtime.clock import Clock
from backend.runtime.ingestion.ingest import Ingested, Ingestor
from backend.runtime.ingestion.overload import BacklogGuard
from backend.runtime.ingestion.profiles import merge_profiles
from backend.runtime.ingestion.schemas import EventIn
from backend.runtime.storage.database import Transactions, Tx
from backend.runtime.storage.profiles import read_profile


class Intake:
    """What the event and profile endpoints call; one object, so a handler resolves one dependency.

    (Litestar resolves two or more dependencies of a handler in a task group, a cost on every event.)
    """

    def __init__(self, transactions: Transactions, ingestor: Ingestor, guard: BacklogGuard, clock: Clock) -> None:
        self._transactions = transactions
        self.ingestor = ingestor
        self.guard = guard
        self.clock = clock

    async def accept(self, events: Sequence[EventIn]) -> list[Ingested]:
        """Ingest ``events`` unless the runtime is overloaded (OverloadedError, a 429)."""
        await self.guard.check(len(events))
        return await self.ingestor.ingest(events)

    async def merge_profile(self, profile_id: str, attributes: dict[str, Any]) -> tuple[dict[str, Any], datetime]:
        """Merge attributes into a profile (created when new); refused with a 413, and nothing stored, when the
        merged attributes are over the size limit."""
        now = self.clock.now()
        return await self._transactions.run(_merge_one, profile_id, attributes, now), now

    async def profile(self, profile_id: str) -> tuple[dict[str, Any], datetime] | None:
        """A profile's attributes and last change, or None."""
        return await self._transactions.read(read_profile, profile_id)

    def close(self) -> None:
        """Release the database connections of the profile writes."""
        self._transactions.close()


def _merge_one(tx: Tx, profile_id: str, attributes: dict[str, Any], now: datetime) -> dict[str, Any]:
    merged = merge_profiles(tx, [(profile_id, attributes)], now)[profile_id]
    check_size(merged, "attributes", "the profile's attributes", MAX_PROFILE_BYTES)  # raised: rolled back
    return merged
