"""Capping and throttling across actions and hosts, through the API, a worker and the fake third party."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from litestar import Litestar

from backend.config import Settings
from backend.runtime.clock import ManualClock
from backend.runtime.worker import Worker
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
    use_manual_clock,
)

DAY = 86_400


@pytest.fixture(name="api")
def api_fixture() -> Iterator[FakeThirdParty]:
    """The fake third party."""
    with FakeThirdParty() as api:
        api.route("POST", "/a", json={"id": "a"})
        api.route("POST", "/b", json={"id": "b"})
        yield api


@pytest.fixture(name="clock")
def clock_fixture(app: Litestar) -> ManualClock:
    """The app's hand-moved clock."""
    return use_manual_clock(app)


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
