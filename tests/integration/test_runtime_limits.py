"""Capping and throttling across actions and hosts, through the API, a worker and the fake third party."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from litestar import Litestar

from backend.config import Settings
from backend.runtime.clock import ManualClock
from backend.runtime.execution.worker import Worker, WorkerOptions
from tests.conftest import Client
from tests.fake_third_party import FakeThirdParty
from tests.integration.runtime_support import (
    ORDER_EXAMPLE,
    action_journey,
    instance,
    make_action,
    make_event_type,
    make_worker,
    publish,
)

DAY = 86_400


@pytest.fixture(name="api")
def api_fixture() -> Iterator[FakeThirdParty]:
    """The fake third party."""
    with FakeThirdParty() as api:
        api.route("POST", "/a", json={"id": "a"})
        api.route("POST", "/b", json={"id": "b"})
        yield api


@pytest.fixture(name="worker")
async def worker_fixture(app: Litestar, settings: Settings, clock: ManualClock) -> AsyncIterator[Worker]:
    """A worker on the hand-moved clock."""
    worker = make_worker(app, settings, clock)
    yield worker
    await worker.close()


async def _journey_for(admin: Client, event_name: str, url: str, **action: Any) -> None:
    """A journey started by events of ``event_name`` calling one action at ``url``."""
    event_type = await make_event_type(admin, event_name)
    created = await make_action(admin, url, name=f"call {event_name}", **action)
    await publish(admin, action_journey(event_type["id"], created["id"], error_path=True))


async def _send(admin: Client, event_name: str, profile_id: str) -> str:
    body = {"type": event_name, "profileId": profile_id, "data": ORDER_EXAMPLE}
    response = await admin.post("/api/events", json=body)
    assert response.status_code == 202, response.text
    return str(response.json()["instances"][0])


async def test_capping_counts_every_call_to_the_host_against_each_actions_own_cap(
    admin: Client, api: FakeThirdParty, worker: Worker
) -> None:
    await _journey_for(admin, "big", api.url + "/a", capping={"maxCalls": 300_000, "periodSeconds": DAY})
    await _journey_for(admin, "small", api.url + "/b", capping={"maxCalls": 2, "periodSeconds": DAY})
    await _send(admin, "big", "p-0")
    await worker.run_until_idle()
    small = [await _send(admin, "small", f"p-{n}") for n in range(1, 5)]
    await worker.run_until_idle()
    assert len(api.requests_to("/a")) == 1
    assert len(api.requests_to("/b")) == 1  # one call to the host already counted: one more fits under 2
    statuses = sorted([(await instance(admin, i))["context"]["steps"]["call"]["status"] for i in small])
    assert statuses == ["capped", "capped", "capped", "http_200"]


async def test_calls_waiting_for_their_throttling_slot_park_and_over_max_wait_fail_fast(
    admin: Client, api: FakeThirdParty, worker: Worker, clock: ManualClock
) -> None:
    await _journey_for(admin, "paced", api.url + "/a", throttling={"maxCallsPerSecond": 1, "maxWaitSeconds": 2})
    ids = [await _send(admin, "paced", f"p-{n}") for n in range(5)]
    await worker.run_until_idle()
    assert len(api.requests_to("/a")) == 1  # slots now, +1 s, +2 s; +3 s and +4 s are over the 2 s limit
    found = [await instance(admin, i) for i in ids]
    assert sorted(f["status"] for f in found) == ["completed", "completed", "completed", "waiting", "waiting"]
    throttled = [f for f in found if f["context"]["steps"].get("call", {}).get("status") == "throttled"]
    assert [[s["nodeId"] for s in f["steps"]] for f in throttled] == [["start", "call", "oops"]] * 2
    assert all(f["currentNodeId"] == "call" for f in found if f["status"] == "waiting")
    for expected in (2, 3):  # each parked call goes when its slot comes, without reserving another
        clock.advance(1)
        await worker.run_until_idle()
        assert len(api.requests_to("/a")) == expected
    # The refused calls took no slot: the next one is 1 s away (under the limit), not 3 s.
    late = await _send(admin, "paced", "p-late")
    await worker.run_until_idle()
    assert (await instance(admin, late))["status"] == "waiting"
    clock.advance(1)
    await worker.run_until_idle()
    assert len(api.requests_to("/a")) == 4
    done = [await instance(admin, i) for i in [*ids, late]]
    assert sorted(f["context"]["steps"]["call"]["status"] for f in done) == ["http_200"] * 4 + ["throttled"] * 2
    parked = next(f for f in done if f["id"] == late)
    [call] = [s for s in parked["steps"] if s["nodeId"] == "call"]  # one row: opened waiting, closed by the call
    assert (call["outcome"], call["detail"]["status"], call["attempts"]) == ("succeeded", 200, 1)
    stats = {n["nodeId"]: n for n in (await admin.get(f"/api/journeys/{done[0]['journeyId']}/stats")).json()["nodes"]}
    assert {k: stats["call"][k] for k in ("entered", "succeeded", "failed", "waiting")} == {
        "entered": 6,
        "succeeded": 4,
        "failed": 2,
        "waiting": 0,
    }


async def test_a_throttled_host_never_delays_calls_to_other_hosts(
    app: Litestar, settings: Settings, admin: Client, api: FakeThirdParty, clock: ManualClock
) -> None:
    with FakeThirdParty() as other:
        other.route("POST", "/b", json={"id": "b"})
        await _journey_for(admin, "paced", api.url + "/a", throttling={"maxCallsPerSecond": 1})
        await _journey_for(admin, "prompt", other.url + "/b")
        for n in range(12):  # twelve calls queued for a host that takes one a second, ahead of the other host's
            await _send(admin, "paced", f"p-{n}")
        prompt = await _send(admin, "prompt", "q")
        # A live worker with four slots on a clock that stands still: its polls and waits never pass by themselves.
        standing = ManualClock(clock.now())
        options = WorkerOptions(batch_size=2, max_in_flight=4, lease_seconds=30, poll_seconds=0.05)
        worker = make_worker(app, settings, standing, options=options)
        running = asyncio.create_task(worker.run())
        try:
            for _ in range(400):  # watching only: the worker needs no real time to pass
                if other.requests_to("/b"):
                    break
                await asyncio.sleep(0.02)
        finally:
            worker.stop()
            await running
            await worker.close()
        assert len(other.requests_to("/b")) == 1, "the other host's call waited for the throttled host"
        assert (await instance(admin, prompt))["status"] == "completed"
        assert standing.now() == clock.now()  # no time passed ...
        assert len(api.requests_to("/a")) == 1  # ... so the throttled host got only its first slot's call


async def test_a_negative_max_wait_is_refused_naming_the_field(admin: Client, api: FakeThirdParty) -> None:
    body = {
        "name": "paced",
        "method": "GET",
        "url": api.url + "/a",
        "throttling": {"maxCallsPerSecond": 1, "maxWaitSeconds": -1},
    }
    response = await admin.post("/api/actions", json=body)
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["throttling.maxWaitSeconds"]
