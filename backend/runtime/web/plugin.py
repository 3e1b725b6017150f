"""The runtime of an API process as Litestar dependencies, and its embedded worker as part of the app's lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar
from litestar.config.app import AppConfig
from litestar.di import Provide
from litestar.plugins import InitPluginProtocol

from backend.config import Settings
from backend.journeys.lifecycle import StoppedVersions
from backend.runtime.clock import Clock
from backend.runtime.ingestion.ingest import Ingestor
from backend.runtime.ingestion.intake import Intake
from backend.runtime.ingestion.overload import BacklogGuard
from backend.runtime.observe.monitoring import Monitoring
from backend.runtime.storage.database import Storage
from backend.runtime.storage.monitoring import MonitoringStorage
from backend.runtime.storage.stopping import end_waits_of_stopped_versions
from backend.runtime.wake import WorkSignal
from backend.runtime.web.background import run_background_services


class RuntimePlugin(InitPluginProtocol):
    """Owns this process's ingestion, overload guard, monitoring reads, clock and the doorbell that wakes its
    embedded worker.

    Handlers receive them as one dependency each, ``intake`` or ``monitoring``; a test builds the app with the
    clock (and settings) it wants instead of swapping objects afterwards.
    """

    def __init__(self, settings: Settings, storage: Storage, clock: Clock) -> None:
        self.settings = settings
        self.storage = storage
        self.clock = clock
        self.work = WorkSignal()
        self.ingestor = Ingestor(storage.transactions(), clock, self.work)
        self.guard = BacklogGuard(storage, clock, settings.max_due_backlog)
        self.intake = Intake(storage.transactions(), self.ingestor, self.guard, clock)
        self.monitoring = Monitoring(MonitoringStorage(storage))

    def on_app_init(self, app_config: AppConfig) -> AppConfig:
        """Register the runtime's dependencies and start the embedded worker with the app."""

        def provide_intake() -> Intake:
            return self.intake

        def provide_monitoring() -> Monitoring:
            return self.monitoring

        def provide_stopped_versions() -> StoppedVersions:
            return end_waits_of_stopped_versions

        # Plain and cached: the handler gets the object without a coroutine or a thread hop per request.
        app_config.dependencies["intake"] = Provide(provide_intake, use_cache=True, sync_to_thread=False)
        app_config.dependencies["monitoring"] = Provide(provide_monitoring, use_cache=True, sync_to_thread=False)
        app_config.dependencies["stopped_versions"] = Provide(
            provide_stopped_versions, use_cache=True, sync_to_thread=False
        )
        app_config.lifespan.append(self._background)
        return app_config

    @asynccontextmanager
    async def _background(self, _: Litestar) -> AsyncIterator[None]:
        try:
            async with run_background_services(self.settings, self.storage, self.clock, self.work):
                yield
        finally:
            self.intake.close()
