"""``journeys worker``: a worker process on its own, draining in-flight steps on SIGTERM/SIGINT."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal

import prometheus_client

from backend.config import Settings
from backend.runtime.clock import SystemClock
from backend.runtime.execution.factory import create_worker
from backend.runtime.execution.worker import Worker
from backend.runtime.observe.housekeeping import run_housekeeping
from backend.runtime.storage.database import create_storage

logger = logging.getLogger("journeys.worker")


async def _stop_when_orphaned(worker: Worker, parent: int) -> None:
    """A worker ``journeys serve`` started drains when that process is gone (killed, not stopped): it must not
    run on unseen, holding leases and connections, after the server it belongs to."""
    while os.getppid() == parent:
        await worker.clock.sleep(1.0)
    logger.warning("the journeys serve process (pid %d) that started this worker is gone; stopping", parent)
    worker.stop()


async def run_worker(settings: Settings, housekeeping: bool = True, stop_with_parent: bool = False) -> None:
    """Run until SIGTERM or SIGINT (or, with ``stop_with_parent``, until the starting process is gone), then stop
    claiming, finish the current steps and release leases."""
    storage = create_storage(settings.database_url, settings.sqlite_busy_seconds)
    worker = create_worker(settings, storage, SystemClock())
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, worker.stop)
    keeper = None
    if housekeeping:
        keeper = asyncio.create_task(
            run_housekeeping(storage, worker.clock, settings.retention_days, settings.housekeeping_seconds)
        )
    if settings.metrics_enabled and settings.worker_metrics_port is not None:
        # Steps, calls, latency, capping and throttling are counted where they happen: in this process.
        prometheus_client.start_http_server(settings.worker_metrics_port, addr=settings.host)
        logger.info("metrics at http://%s:%d/metrics", settings.host, settings.worker_metrics_port)
    orphan_watch = asyncio.create_task(_stop_when_orphaned(worker, os.getppid())) if stop_with_parent else None
    logger.info("worker %s started", worker.store.owner)
    try:
        await worker.run()
    finally:
        for task in (keeper, orphan_watch):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        await worker.close()
        await storage.dispose()
        logger.info("worker %s stopped", worker.store.owner)
