"""The runtime objects an API process shares between requests, kept on the application state."""

from __future__ import annotations

from dataclasses import dataclass

from litestar.datastructures import State

from backend.config import Settings
from backend.runtime.clock import Clock, SystemClock
from backend.runtime.ingest import Ingestor
from backend.runtime.overload import BacklogGuard

STATE_KEY = "runtime"
CLOCK_KEY = "runtime_clock"


@dataclass
class RuntimeServices:
    """Ingestion and the overload guard of this process, on one clock."""

    clock: Clock
    ingestor: Ingestor
    guard: BacklogGuard


def runtime_of(state: State) -> RuntimeServices:
    """The process's runtime services, made on first use (tests may put a clock at ``runtime_clock`` first)."""
    services = state.get(STATE_KEY)
    if services is None:
        settings: Settings = state.settings
        clock: Clock = state.get(CLOCK_KEY) or SystemClock()
        state[CLOCK_KEY] = clock
        services = RuntimeServices(
            clock, Ingestor(state.engine, clock), BacklogGuard(state.engine, clock, settings.max_due_backlog)
        )
        state[STATE_KEY] = services
    assert isinstance(services, RuntimeServices)
    return services
