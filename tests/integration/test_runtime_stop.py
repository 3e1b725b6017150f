"""Stopping a journey ends its waiting instances at once, without waiting for housekeeping."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from litestar import Litestar

from backend.config import Settings
from backend.runtime.clock import SystemClock
from backend.runtime.execution.worker import WorkerOptions
from tests.conftest import Client
from tests.integration.runtime_support import (
    edge,
    instance,
    make_event_type,
    make_worker,
    node,
    publish,
    send,
)


def _long_wait(event_type_id: str) -> dict[str, Any]:
    """event -> wait a week -> end."""
    return {
        "nodes": [
            node("start", "event", eventTypeId=event_type_id),
            node("pause", "wait", durationSeconds=7 * 86_400),
            node("done", "end"),
        ],
        "edges": [edge("start", "pause"), edge("pause", "done")],
    }


async def test_stopping_a_journey_ends_its_waiting_instances_within_seconds(
    app: Litestar, settings: Settings, admin: Client
) -> None:
    event_type = await make_event_type(admin)
    journey_id = await publish(admin, _long_wait(event_type["id"]))
    worker = make_worker(app, settings, SystemClock(), options=WorkerOptions(poll_seconds=0.05))
    try:
        waiting_id = (await send(admin, "ann")).json()["instances"][0]
        await worker.run_until_idle()
        assert (await instance(admin, waiting_id))["status"] == "waiting"
        assert (await admin.post(f"/api/journeys/{journey_id}/stop")).status_code == 200
        running = asyncio.create_task(worker.run())  # a live worker on the real clock; no housekeeping runs
        try:
            found = await instance(admin, waiting_id)
            deadline = time.monotonic() + 5
            while found["status"] != "stopped" and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
                found = await instance(admin, waiting_id)
        finally:
            worker.stop()
            await running
        assert (found["status"], found["error"]) == ("stopped", "the journey was stopped")
        stats = {n["nodeId"]: n for n in (await admin.get(f"/api/journeys/{journey_id}/stats")).json()["nodes"]}
        assert stats["pause"]["waiting"] == 0
    finally:
        await worker.close()
