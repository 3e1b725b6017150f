"""A running worker on a hand-moved clock: ingestion wakes it through the app's doorbell, waits pass when the test
moves time, and nothing in between depends on real time passing."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from litestar import Litestar

from backend.config import Settings
from backend.runtime.clock import ManualClock
from backend.runtime.execution.worker import Worker, WorkerOptions
from tests.conftest import Client
from tests.integration.runtime_support import edge, instance, make_event_type, make_worker, node, publish, send


@pytest.fixture(name="clock")
def clock_fixture() -> ManualClock:
    """Sleepers wake only when the test moves time: the worker's polls and waits never pass by themselves."""
    return ManualClock()


@pytest.fixture(name="worker")
async def worker_fixture(app: Litestar, settings: Settings, clock: ManualClock) -> AsyncIterator[Worker]:
    """A worker running in the background, polling once a second of the hand-moved clock."""
    worker = make_worker(app, settings, clock, options=WorkerOptions(poll_seconds=1, lease_seconds=30))
    running = asyncio.create_task(worker.run())
    await asyncio.wait_for(clock.until_sleeping(2), 5)  # idle: its poll and its lease renewal sleep on the clock
    yield worker
    worker.stop()
    await asyncio.wait_for(running, 10)
    await worker.close()


def _wait_journey(event_type_id: str) -> dict[str, Any]:
    nodes = [node("start", "event", eventTypeId=event_type_id), node("pause", "wait", durationSeconds=60)]
    nodes.append(node("done", "end"))
    return {"nodes": nodes, "edges": [edge("start", "pause"), edge("pause", "done")]}


async def _reaches(admin: Client, instance_id: str, status: str) -> None:
    """Watch the instance (only to observe: the worker never needs real time to pass)."""
    for _ in range(250):
        if (await instance(admin, instance_id))["status"] == status:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"{instance_id} never became {status}")


async def test_ingestion_wakes_the_worker_and_a_wait_passes_when_the_clock_moves(
    admin: Client, worker: Worker, clock: ManualClock
) -> None:
    event_type = await make_event_type(admin)
    await publish(admin, _wait_journey(event_type["id"]))
    instance_id = (await send(admin, "ann")).json()["instances"][0]
    await _reaches(admin, instance_id, "waiting")  # claimed at once, woken by ingestion: no poll has passed
    clock.advance(59)
    await asyncio.sleep(0.2)
    assert (await instance(admin, instance_id))["status"] == "waiting"
    clock.advance(1)  # the wait's minute is up, and so is the poll the worker sleeps on: it resumes the instance
    await _reaches(admin, instance_id, "completed")
