"""Worker processes: killed mid-load they lose nothing; several on PostgreSQL never run a step twice."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from backend.config import Settings
from tests.conftest import SECRET_KEY, Client
from tests.fake_third_party import FakeThirdParty
from tests.integration.runtime_support import ORDER_EXAMPLE, action_journey, make_action, make_event_type, publish

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
SUCCEEDED_CALLS = {"node_type": "action", "outcome": "succeeded"}


def _start_worker(
    settings: Settings, log: Path, lease_seconds: int = 3, concurrency: int = 50, **extra: str
) -> subprocess.Popen[bytes]:
    env = {
        **extra,
        **os.environ,
        "JOURNEYS_DATABASE_URL": settings.database_url,
        "JOURNEYS_SECRET_KEY": SECRET_KEY,
        "JOURNEYS_ALLOWED_PRIVATE_HOSTS": "127.0.0.1",
        "JOURNEYS_LEASE_SECONDS": str(lease_seconds),
        "JOURNEYS_WORKER_POLL_SECONDS": "0.05",
        "JOURNEYS_WORKER_BATCH_SIZE": "50",
        "JOURNEYS_WORKER_CONCURRENCY": str(concurrency),
    }
    with log.open("ab") as out:
        return subprocess.Popen([sys.executable, "-m", "backend", "worker"], cwd=ROOT, env=env, stdout=out, stderr=out)


@pytest.fixture(name="sink")
def sink_fixture() -> Iterator[FakeThirdParty]:
    """The fake third party, answering a little slowly so a kill lands mid-call."""
    with FakeThirdParty() as api:
        api.route("POST", "/hook", json={"id": "x"}, delay=0.01)
        yield api


async def _load(admin: Client, sink: FakeThirdParty, count: int) -> str:
    """Publish event -> action (POST to the sink) -> end and send ``count`` events; returns the journey's id."""
    event_type = await make_event_type(admin)
    action = await make_action(admin, sink.url + "/hook", maxRetries=0, timeoutMs=5000)
    journey_id = await publish(admin, action_journey(event_type["id"], action["id"]))
    for start in range(0, count, 1000):
        events = [
            {"type": "order placed", "profileId": f"p{i}", "data": ORDER_EXAMPLE} for i in range(start, start + 1000)
        ][: count - start]
        response = await admin.post("/api/events/batch", json={"events": events})
        assert response.json()["accepted"] == len(events)
    return journey_id


async def _completed(admin: Client) -> int:
    return len((await admin.get("/api/instances", params={"status": "completed", "limit": 1000})).json())


async def _wait_for(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if await condition():  # type: ignore[operator]
            return True
        await asyncio.sleep(0.2)
    return False


def _stop(worker: subprocess.Popen[bytes]) -> int:
    worker.send_signal(signal.SIGTERM)
    return worker.wait(timeout=20)


async def test_killed_worker_loses_nothing_and_repeats_with_the_same_key(
    settings: Settings, admin: Client, sink: FakeThirdParty, tmp_path: Path
) -> None:
    await _load(admin, sink, 300)
    worker = _start_worker(settings, tmp_path / "worker.log")
    try:
        assert await _wait_for(lambda: _async(len(sink.requests_to("/hook")) >= 60), 30)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
        worker = _start_worker(settings, tmp_path / "worker.log")

        async def all_done() -> bool:
            return await _completed(admin) == 300

        assert await _wait_for(all_done, 45), (tmp_path / "worker.log").read_text()[-3000:]
        assert _stop(worker) == 0
    finally:
        if worker.poll() is None:
            worker.kill()
    listed = (await admin.get("/api/instances", params={"limit": 1000})).json()
    keys = Counter(r.headers["idempotency-key"] for r in sink.requests_to("/hook"))
    assert set(keys) == {f"{i['id']}:call" for i in listed}  # every instance called, under its own key
    repeated = sum(n - 1 for n in keys.values())
    assert repeated <= 50  # at most the steps in flight at the kill (concurrency 50) are called again


async def _async(value: bool) -> bool:
    return value


async def test_three_workers_run_each_step_once(
    settings: Settings, admin: Client, sink: FakeThirdParty, tmp_path: Path
) -> None:
    """On PostgreSQL claims skip each other's locked rows; on SQLite they queue on the one writer."""
    sink.route("POST", "/hook", json={"id": "x"})
    journey_id = await _load(admin, sink, 3000)
    workers = [_start_worker(settings, tmp_path / f"worker{n}.log", 60, concurrency=100) for n in range(3)]
    try:
        delivered = await _wait_for(lambda: _async(len(sink.requests_to("/hook")) >= 3000), 180)
        logs = (tmp_path / "worker0.log").read_text()[-2000:]
        assert delivered, f"{len(sink.requests_to('/hook'))} of 3000 delivered; {logs}"
        assert [_stop(w) for w in workers] == [0, 0, 0]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
    keys = Counter(r.headers["idempotency-key"] for r in sink.requests_to("/hook"))
    assert len(keys) == 3000
    assert max(keys.values()) == 1
    # Three workers added to their own counter shards; the stats sum them to exactly one count per step.
    stats = {n["nodeId"]: n for n in (await admin.get(f"/api/journeys/{journey_id}/stats")).json()["nodes"]}
    assert (stats["call"]["entered"], stats["call"]["succeeded"], stats["call"]["failed"]) == (3000, 3000, 0)


async def test_a_worker_process_serves_its_own_metrics(
    settings: Settings, admin: Client, sink: FakeThirdParty, tmp_path: Path
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    await _load(admin, sink, 20)
    worker = _start_worker(settings, tmp_path / "worker.log", JOURNEYS_WORKER_METRICS_PORT=str(port))
    try:
        assert await _wait_for(lambda: _async(len(sink.requests_to("/hook")) >= 20), 30)

        def calls_counted() -> float:
            try:
                text = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
            except httpx.HTTPError:
                return 0.0
            return sum(
                sample.value
                for family in text_string_to_metric_families(text)
                for sample in family.samples
                if sample.name == "journeys_steps_total" and sample.labels == SUCCEEDED_CALLS
            )

        assert await _wait_for(lambda: _async(calls_counted() == 20), 30), calls_counted()
        assert _stop(worker) == 0
    finally:
        if worker.poll() is None:
            worker.kill()
