"""The runtime of an API process as Litestar dependencies, and its embedded worker as part of the app's lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar
from litestar.config.app import AppConfig
from litestar.di import Provide
from litestar.plugins import InitPluginProtocol
from sqlalchemy.ext.asyncio import AsyncEngine

from backend.config import Settings
from backend.lifecycle import run_background_services
from backend.runtime.clock import Clock
from backend.runtime.ingest import Ingestor
from backend.runtime.overload import BacklogGuard
from backend.runtime.wake import WorkSignal


class RuntimePlugin(InitPluginProtocol):
    """Owns this process's ingestion, overload guard, clock and the doorbell that wakes its embedded worker.

    Handlers receive them as the dependencies ``ingestor``, ``overload_guard`` and ``clock``; a test builds the
    app with the clock (and settings) it wants instead of swapping objects afterwards.
    """

    def __init__(self, settings: Settings, engine: AsyncEngine, clock: Clock) -> None:
        self.settings = settings
        self.engine = engine
        self.clock = clock
        self.work = WorkSignal()
        self.ingestor = Ingestor(engine, clock, self.work)
        self.guard = BacklogGuard(engine, clock, settings.max_due_backlog)

    def on_app_init(self, app_config: AppConfig) -> AppConfig:
        """Register the runtime's dependencies and start the embedded worker with the app."""

        async def provide_ingestor() -> Ingestor:
            return self.ingestor

        async def provide_guard() -> BacklogGuard:
            return self.guard

        async def provide_clock() -> Clock:
            return self.clock

        app_config.dependencies.update(
            {
                "ingestor": Provide(provide_ingestor, use_cache=True),
                "overload_guard": Provide(provide_guard, use_cache=True),
                "clock": Provide(provide_clock, use_cache=True),
            }
        )
        app_config.lifespan.append(self._background)
        return app_config

    @asynccontextmanager
    async def _background(self, _: Litestar) -> AsyncIterator[None]:
        async with run_background_services(self.settings, self.engine, self.clock, self.work):
            yield
