"""Shared fixtures: every API test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from asgi_lifespan import LifespanManager
from litestar import Litestar

from backend.app import create_app
from backend.auth.roles import Role
from backend.config import Settings
from backend.runtime.clock import Clock, ManualClock, SystemClock
from tests import databases

ADMIN_EMAIL = "admin@example.com"
ADMIN_PASSWORD = "admin-password-1"
PASSWORD = "Quiet-Harbor-Lantern-47"
SECRET_KEY = "test-secret-key-0123456789"


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated database of each kind, shared by the run and emptied between tests."""
    yield from databases.provide_database(request.param, tmp_path_factory)


@pytest.fixture(name="settings")
async def settings_fixture(
    database_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[Settings]:
    """Settings for one test (fields changed by ``@pytest.mark.settings(...)``); the database is emptied afterwards."""
    marker = request.node.get_closest_marker("settings")
    yield Settings(
        database_url=database_url,
        admin_email=ADMIN_EMAIL,
        admin_password=ADMIN_PASSWORD,
        secret_key=SECRET_KEY,
        cookie_secure=False,
        frontend_dir=tmp_path / "no-frontend",
        embedded_worker=False,
        **{"allowed_private_hosts": frozenset({"127.0.0.1", "localhost", "::1"}), **(marker.kwargs if marker else {})},
    )
    await databases.empty_all_tables(database_url)


Client = httpx.AsyncClient


@pytest.fixture(name="clock")
def clock_fixture() -> ManualClock:
    """A hand-moved clock; a test that asks for it gets the app (and ``make_worker``'s worker) on it.

    Sleeping jumps time forward, so a worker driven by ``tick`` never waits (retry delays included).
    """
    return ManualClock(jump_on_sleep=True)


@pytest.fixture(name="runtime_clock")
def runtime_clock_fixture(request: pytest.FixtureRequest) -> Clock:
    """The app's clock: the test's ``clock`` when it asks for one, else the real clock."""
    if "clock" in request.fixturenames:
        clock: Clock = request.getfixturevalue("clock")
        return clock
    return SystemClock()


@pytest.fixture(name="app")
async def app_fixture(settings: Settings, runtime_clock: Clock) -> AsyncIterator[Litestar]:
    """The application under test, started (lifespan run) on the test's own event loop."""
    app = create_app(settings, runtime_clock)
    async with LifespanManager(app):  # type: ignore[arg-type]
        yield app


def make_client(app: Litestar) -> Client:
    """A client talking to the app in-process, on the test's loop (no thread, so DB pools stay valid)."""
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")  # type: ignore[arg-type]


@pytest.fixture(name="client")
async def client_fixture(app: Litestar) -> AsyncIterator[Client]:
    """An anonymous client."""
    async with make_client(app) as client:
        yield client


async def sign_in(client: Client, email: str, password: str) -> None:
    """Log the client in with a session cookie."""
    response = await client.post("/api/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text


@pytest.fixture(name="admin")
async def admin_fixture(app: Litestar) -> AsyncIterator[Client]:
    """A client signed in as the first admin."""
    async with make_client(app) as admin:
        await sign_in(admin, ADMIN_EMAIL, ADMIN_PASSWORD)
        yield admin


async def create_user(admin: Client, role: Role, email: str | None = None) -> dict[str, str]:
    """Create a user through the API; returns the created user's JSON."""
    body = {"email": email or f"{role.value}@example.com", "password": PASSWORD, "role": role.value}
    response = await admin.post("/api/users", json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def _client_as(app: Litestar, admin: Client, role: Role) -> Client:
    user = await create_user(admin, role)
    client = make_client(app)
    await sign_in(client, user["email"], PASSWORD)
    return client


@pytest.fixture(name="technical")
async def technical_fixture(app: Litestar, admin: Client) -> AsyncIterator[Client]:
    """A client signed in as a technical user."""
    client = await _client_as(app, admin, Role.TECHNICAL)
    yield client
    await client.aclose()


@pytest.fixture(name="marketer")
async def marketer_fixture(app: Litestar, admin: Client) -> AsyncIterator[Client]:
    """A client signed in as a marketer."""
    client = await _client_as(app, admin, Role.MARKETER)
    yield client
    await client.aclose()
