"""Overload protection: ingestion answers 429 while too many steps are due; nothing accepted is dropped."""

from __future__ import annotations

from backend.errors import OverloadedError
from backend.runtime.clock import Clock
from backend.runtime.observe import metrics
from backend.runtime.storage.backlog import count_due
from backend.runtime.storage.database import Storage

REFRESH_SECONDS = 1.0
RETRY_AFTER_SECONDS = 5


class BacklogGuard:
    """Counts due instances at most once a second and refuses new events while over ``limit``."""

    def __init__(self, storage: Storage, clock: Clock, limit: int) -> None:
        self._storage = storage
        self._clock = clock
        self._limit = limit
        self._checked_at = float("-inf")
        self._backlog = 0

    async def backlog(self) -> int:
        """The number of instances due now (cached for a second)."""
        now = self._clock.monotonic()
        if now - self._checked_at >= REFRESH_SECONDS:
            # Marked first so that the requests arriving while this count runs use the last one, not count too.
            self._checked_at = now
            self._backlog = await count_due(self._storage, self._clock.now())
            metrics.set_due_backlog(self._backlog)
        return self._backlog

    async def check(self, incoming: int = 1) -> None:
        """Raise OverloadedError (429 with Retry-After) while the backlog is over the bound."""
        if await self.backlog() + incoming > self._limit:
            for _ in range(incoming):
                metrics.record_event(False, "overloaded")
            raise OverloadedError(
                f"the runtime has more than {self._limit} due steps; retry later", RETRY_AFTER_SECONDS
            )
