"""Background services started with the app: the embedded worker and housekeeping."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar

from backend.config import Settings
from backend.runtime.housekeeping import run_housekeeping
from backend.runtime.services import runtime_of
from backend.runtime.worker import Worker


@asynccontextmanager
async def run_background_services(app: Litestar) -> AsyncIterator[None]:
    """Start the embedded worker (``JOURNEYS_EMBEDDED_WORKER``) and housekeeping; drain them on shutdown."""
    settings: Settings = app.state.settings
    if not settings.embedded_worker:
        yield
        return
    clock = runtime_of(app.state).clock
    worker = Worker(app.state.engine, settings, clock)
    tasks = [
        asyncio.create_task(worker.run()),
        asyncio.create_task(
            run_housekeeping(app.state.engine, clock, settings.retention_days, settings.housekeeping_seconds)
        ),
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
