"""SQLite locked by another process past the busy timeout: events answer 503 with Retry-After, readiness says so."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator

import msgspec
import pytest
from asgi_lifespan import LifespanManager
from litestar import Litestar
from sqlalchemy.engine import make_url

from backend.app import create_app
from backend.config import Settings
from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD, Client, make_client, sign_in
from tests.integration.runtime_support import make_event_type, send


@pytest.fixture(name="impatient")
async def impatient_fixture(settings: Settings) -> AsyncIterator[Litestar]:
    """The app waiting only 0.3 s for another process's lock."""
    app = create_app(msgspec.structs.replace(settings, sqlite_busy_seconds=0.3))
    async with LifespanManager(app):  # type: ignore[arg-type]
        yield app


async def test_events_answer_503_while_another_process_locks_sqlite(impatient: Litestar, settings: Settings) -> None:
    if not settings.is_sqlite:
        pytest.skip("SQLite only: PostgreSQL has no file lock")
    async with make_client(impatient) as admin:
        await sign_in(admin, ADMIN_EMAIL, ADMIN_PASSWORD)
        await make_event_type(admin)
        assert (await admin.get("/api/health/ready")).status_code == 200
        other = sqlite3.connect(make_url(settings.database_url).database or "", isolation_level=None)
        try:
            other.execute("BEGIN EXCLUSIVE")
            locked = await send(admin, "p-locked")
            assert locked.status_code == 503, locked.text
            assert int(locked.headers["retry-after"]) >= 1
            assert locked.json()["status"] == 503
            assert "locked" in locked.json()["detail"]
            batch = await admin.post("/api/events/batch", json={"events": [{"type": "order placed", "profileId": "b"}]})
            assert batch.status_code == 503, batch.text
            assert (await admin.get("/api/health")).status_code == 200  # alive...
            not_ready = await admin.get("/api/health/ready")  # ...but not ready
            assert not_ready.status_code == 503
            assert not_ready.json()["status"] == "unavailable"
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert (await admin.get("/api/health/ready")).status_code == 200
        assert (await admin.get("/api/profiles/p-locked")).status_code == 404  # nothing half-stored
        assert (await admin.get("/api/profiles/b")).status_code == 404
        assert (await send(admin, "p-after")).status_code == 202


async def test_ready_needs_no_sign_in_and_says_writable(client: Client) -> None:
    response = await client.get("/api/health/ready")
    assert response.status_code == 200, response.text
    assert response.json() == {"status": "ok", "database": "writable"}
