"""The doorbell between ingestion and the workers of one process, owned by the process's runtime."""

from __future__ import annotations

import asyncio


class WorkSignal:
    """Ingestion rings it when it made instances due; each worker of the process listens with its own event.

    One object per process, handed to both sides, so ingestion wakes workers without importing them.
    """

    def __init__(self) -> None:
        self._listeners: set[asyncio.Event] = set()

    def notify(self) -> None:
        """Wake every listening worker."""
        for event in self._listeners:
            event.set()

    def listen(self, event: asyncio.Event) -> None:
        """Set ``event`` on every ``notify`` until ``forget``."""
        self._listeners.add(event)

    def forget(self, event: asyncio.Event) -> None:
        """Stop setting ``event``."""
        self._listeners.discard(event)
