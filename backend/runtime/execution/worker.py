"""A worker: claims due instances in batches, runs them, renews leases, and drains on shutdown."""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import logging
import uuid
from dataclasses import dataclass
from typing import Any

from backend.config import Settings
from backend.runtime.clock import Clock
from backend.runtime.execution.engine import Engine
from backend.runtime.execution.state import Held
from backend.runtime.execution.steps import StepRunner
from backend.runtime.execution.store import InstanceStore
from backend.runtime.wake import WorkSignal

logger = logging.getLogger("journeys.worker")


@dataclass(frozen=True)
class WorkerOptions:
    """How much a worker takes on at once and how long its claims last."""

    batch_size: int = 200
    max_in_flight: int = 400
    lease_seconds: float = 60.0
    poll_seconds: float = 0.25
    drain_seconds: float = 30.0
    fill_seconds: float = 0.03  # after a partial batch, let more work become due instead of claiming a trickle

    @classmethod
    def from_settings(cls, settings: Settings) -> WorkerOptions:
        """Options from ``JOURNEYS_WORKER_*`` settings."""
        return cls(
            batch_size=settings.worker_batch_size,
            max_in_flight=settings.worker_concurrency,
            lease_seconds=settings.lease_seconds,
            poll_seconds=settings.worker_poll_seconds,
        )


class Worker:
    """One process's worker; ``tick`` runs one batch to completion (tests), ``run`` loops until stopped.

    Built by ``backend.runtime.execution.factory.create_worker``; ``resources`` holds what ``close`` releases.
    """

    def __init__(
        self,
        *,
        clock: Clock,
        options: WorkerOptions,
        store: InstanceStore,
        engine: Engine,
        runner: StepRunner,
        work: WorkSignal,
        resources: contextlib.AsyncExitStack,
    ) -> None:
        self.clock = clock
        self.options = options
        self.store = store
        self.engine = engine
        self.runner = runner
        self._work = work
        self._resources = resources
        self._held: dict[uuid.UUID, asyncio.Task[None]] = {}
        self._stopping = asyncio.Event()
        self._wake = asyncio.Event()

    async def tick(self) -> int:
        """Claim one batch and run it to the end; returns how many instances were claimed."""
        batch = await self.store.claim(self.options.batch_size)
        await self.engine.run_batch(batch)
        return len(batch)

    async def run_until_idle(self, max_ticks: int = 1000) -> int:
        """Tick until nothing is due (tests); returns the total claimed."""
        total = 0
        for _ in range(max_ticks):
            claimed = await self.tick()
            if claimed == 0:
                return total
            total += claimed
        return total

    def _spawn(self, batch: list[Held]) -> None:
        task = asyncio.create_task(self.engine.run_batch(batch))
        for held in batch:
            self._held[held.id] = task
        task.add_done_callback(lambda _: [self._held.pop(h.id, None) for h in batch])

    async def run(self) -> None:
        """Claim and run continuously until ``stop``; then drain in-flight steps and release leases."""
        self._work.listen(self._wake)
        renewer = asyncio.create_task(self._renew_leases())
        try:
            while not self._stopping.is_set():
                free = self.options.max_in_flight - len(self._held)
                claimed = await self._claim_some(free)
                if claimed == 0:
                    await self._idle()
                elif claimed < self.options.batch_size:
                    await self._wait(self.options.fill_seconds)
        finally:
            self._work.forget(self._wake)
            await self._drain()
            renewer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewer

    async def _claim_some(self, free: int) -> int:
        if free < min(self.options.batch_size, self.options.max_in_flight // 2):
            return 0
        try:
            batch = await self.store.claim(min(free, self.options.batch_size))
        except Exception:
            logger.exception("claiming due instances failed; retrying")
            return 0
        if batch:
            self._spawn(batch)
        return len(batch)

    async def _idle(self) -> None:
        """Wait for a poll interval, a wake-up from ingestion, a finished batch or the stop signal."""
        self._wake.clear()
        woken = asyncio.ensure_future(self._wake.wait())
        running = {t for t in set(self._held.values()) if not t.done()}
        try:
            await self._wait(self._idle_seconds(), {woken, *running})
        finally:
            woken.cancel()

    async def _wait(self, seconds: float, others: set[asyncio.Future[Any]] | None = None) -> None:
        """Sleep ``seconds`` on the worker's clock, or less when stopping or one of ``others`` finishes first."""
        sleeping = asyncio.ensure_future(self.clock.sleep(seconds))
        stopping = asyncio.ensure_future(self._stopping.wait())
        try:
            await asyncio.wait({sleeping, stopping, *(others or ())}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            sleeping.cancel()
            stopping.cancel()

    def _idle_seconds(self) -> float:
        """The poll interval, or less when a call this worker parked for its throttling slot comes due sooner.

        Claiming it right at its slot keeps throttled calls paced instead of bunched at the next poll.
        """
        wakes, now = self.runner.parked_wakes, self.clock.timestamp()
        while wakes and wakes[0] <= now:  # come due before the claim that just found nothing: taken or ended
            heapq.heappop(wakes)
        return min(self.options.poll_seconds, wakes[0] - now) if wakes else self.options.poll_seconds

    async def _renew_leases(self) -> None:
        while True:
            await self.clock.sleep(self.options.lease_seconds / 3)
            try:
                await self.store.renew(list(self._held))
            except Exception:
                logger.exception("renewing leases failed")

    def stop(self) -> None:
        """Stop claiming; ``run`` returns once in-flight steps finished (or the drain time ran out)."""
        self._stopping.set()

    async def _drain(self) -> None:
        tasks = set(self._held.values())
        if tasks:
            # Real time on purpose: the drain must end within the grace period the process manager allows.
            await asyncio.wait(tasks, timeout=self.options.drain_seconds)
        leftover = list(self._held)
        for task in set(self._held.values()):
            task.cancel()
        await self.store.release(leftover)

    async def close(self) -> None:
        """Close the sender and the worker's database connections."""
        await self._resources.aclose()
