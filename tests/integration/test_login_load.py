"""A flood of wrong passwords must not stall the server: argon2 runs on a small pool, not on the event loop."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.live_server import live_server

CLIENTS = 8
PROBE_EVERY = 0.05  # seconds: /api/health is asked on a fixed schedule, whatever the answers take
PROBES = 60
P95_BOUND = 0.05
ADMIN_EMAIL = "admin@example.com"


@pytest.fixture(name="server")
def server_fixture(tmp_path: Path) -> Iterator[str]:
    """`journeys serve` (embedded worker on) on a free port with a fresh SQLite database; its base URL."""
    env = {
        "JOURNEYS_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'journeys.db'}",
        "JOURNEYS_ADMIN_EMAIL": ADMIN_EMAIL,
        "JOURNEYS_ADMIN_PASSWORD": "Load-Test-Admin-Walrus-93",
        "JOURNEYS_SECRET_KEY": "load-test-secret-key-0123456789",
        "JOURNEYS_FRONTEND_DIR": str(tmp_path / "no-frontend"),
        # Limits out of the way, so that every attempt really runs argon2 (the load this test is about).
        "JOURNEYS_LOGIN_MAX_FAILURES": "1000000",
        "JOURNEYS_LOGIN_ADDRESS_MAX_FAILURES": "1000000",
        "JOURNEYS_EMBEDDED_WORKER": "true",
    }
    with live_server(tmp_path, env) as base:
        yield base


async def _hammer(base: str, stop: asyncio.Event, answers: list[int]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        while not stop.is_set():
            body = {"email": ADMIN_EMAIL, "password": "not-the-password"}
            answers.append((await client.post("/api/auth/login", json=body)).status_code)


async def _probe(client: httpx.AsyncClient, durations: list[float]) -> None:
    started = time.perf_counter()
    response = await client.get("/api/health")
    durations.append(time.perf_counter() - started)
    assert response.status_code == 200


@pytest.mark.slow
async def test_wrong_password_flood_keeps_health_fast(server: str) -> None:
    stop = asyncio.Event()
    answers: list[int] = []
    hammers = [asyncio.create_task(_hammer(server, stop, answers)) for _ in range(CLIENTS)]
    durations: list[float] = []
    async with httpx.AsyncClient(base_url=server, timeout=30) as prober:
        await asyncio.sleep(0.5)  # let the flood build up first
        start = time.perf_counter()
        probes = []
        for i in range(PROBES):
            await asyncio.sleep(max(0.0, start + i * PROBE_EVERY - time.perf_counter()))
            probes.append(asyncio.create_task(_probe(prober, durations)))
        await asyncio.gather(*probes)
    stop.set()
    await asyncio.gather(*hammers)
    assert answers, "no login was answered during the test"
    assert set(answers) == {401}
    p95 = sorted(durations)[int(len(durations) * 0.95) - 1]
    median = sorted(durations)[len(durations) // 2]
    print(f"health during {len(answers)} wrong logins: median {median * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms")
    assert p95 < P95_BOUND
