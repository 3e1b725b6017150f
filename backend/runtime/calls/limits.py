"""Capping and throttling per endpoint host, shared by every worker through the database.

Capping counts calls in fixed windows (``backend.runtime.calls.capping``).
Throttling hands out call slots ``1 / rate`` apart from one shared schedule; a call waits for its slot (parked as a
due step by the caller) or, when the slot is over ``maxWaitSeconds`` away, fails fast without taking it.
"""

from __future__ import annotations

from datetime import timedelta

from backend.actions.schemas import Throttling
from backend.runtime.calls.capping import CappingWindows, capping_chunk
from backend.runtime.storage.rate_limits import take_slot

__all__ = ["RateLimits", "capping_chunk"]


class RateLimits(CappingWindows):
    """One worker process's view of the shared capping windows (``allow``) and throttling schedules (``delay``)."""

    async def delay(self, host: str, throttling: Throttling) -> float | None:
        """Reserve the next call slot for ``host``: seconds until it, or None (no slot taken) when that is over
        ``maxWaitSeconds``, so calls refused for waiting too long never push the schedule further back."""
        interval = 1.0 / throttling.max_calls_per_second
        now = self._now()
        expires = self._clock.now() + timedelta(days=1)
        next_at, taken = await self._transactions.run(
            take_slot, f"thr:{host}", now, interval, throttling.max_wait_seconds, expires
        )
        return max(0.0, next_at - interval - now) if taken else None
