"""Background services started with the app: the embedded worker and housekeeping."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from backend.config import Settings
from backend.runtime.clock import Clock
from backend.runtime.execution.factory import create_worker
from backend.runtime.observe.housekeeping import run_housekeeping
from backend.runtime.storage.database import Storage
from backend.runtime.wake import WorkSignal


@asynccontextmanager
async def run_background_services(
    settings: Settings, storage: Storage, clock: Clock, work: WorkSignal
) -> AsyncIterator[None]:
    """Start the embedded worker (``JOURNEYS_EMBEDDED_WORKER``) and housekeeping; drain them on shutdown."""
    if not settings.embedded_worker:
        yield
        return
    worker = create_worker(settings, storage, clock, work)
    tasks = [
        asyncio.create_task(worker.run()),
        asyncio.create_task(run_housekeeping(storage, clock, settings.retention_days, settings.housekeeping_seconds)),
    ]
    try:
        yield
    finally:
        worker.stop()
        await asyncio.wait([tasks[0]], timeout=worker.options.drain_seconds + 5)
        for task in tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await worker.close()
