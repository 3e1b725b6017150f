"""Wrong sign-ins are limited per account and per client address; blocked answers are 429 with Retry-After."""

from __future__ import annotations

from datetime import timedelta

import httpx
import msgspec
from asgi_lifespan import LifespanManager
from litestar import Litestar

from backend.app import create_app
from backend.config import Settings
from backend.db.types import utcnow
from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD, Client

WRONG = {"email": ADMIN_EMAIL, "password": "not-the-password"}


def _client_from(app: Litestar, address: str) -> Client:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))  # type: ignore[arg-type]
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def _login(client: Client, email: str, password: str) -> httpx.Response:
    return await client.post("/api/auth/login", json={"email": email, "password": password})


def _assert_throttled(response: httpx.Response, window: int = 900) -> None:
    assert response.status_code == 429, response.text
    assert 0 < int(response.headers["retry-after"]) <= window
    body = response.json()
    assert body["status"] == 429
    assert "too many failed sign-ins" in body["detail"]


async def test_wrong_passwords_on_one_account_are_limited_with_retry_after(client: Client) -> None:
    for _ in range(5):
        assert (await client.post("/api/auth/login", json=WRONG)).status_code == 401
    _assert_throttled(await client.post("/api/auth/login", json=WRONG))
    _assert_throttled(await _login(client, ADMIN_EMAIL, ADMIN_PASSWORD))  # even the right password waits
    assert "set-cookie" not in (await _login(client, ADMIN_EMAIL.upper(), ADMIN_PASSWORD)).headers


async def test_unknown_email_is_limited_like_a_known_one(client: Client) -> None:
    answers = [(await _login(client, "nobody@example.com", "guess")).status_code for _ in range(6)]
    assert answers == [401] * 5 + [429]


async def test_successful_sign_in_resets_the_account_counter(client: Client) -> None:
    for _ in range(4):
        assert (await client.post("/api/auth/login", json=WRONG)).status_code == 401
    assert (await _login(client, ADMIN_EMAIL, ADMIN_PASSWORD)).status_code == 200
    for _ in range(4):
        assert (await client.post("/api/auth/login", json=WRONG)).status_code == 401
    assert (await _login(client, ADMIN_EMAIL, ADMIN_PASSWORD)).status_code == 200


async def test_wrong_sign_ins_from_one_address_are_limited_across_accounts(settings: Settings) -> None:
    app = create_app(msgspec.structs.replace(settings, login_address_max_failures=3))
    async with LifespanManager(app), _client_from(app, "10.0.0.7") as sprayer, _client_from(app, "10.0.0.8") as other:  # type: ignore[arg-type]
        for i in range(3):
            assert (await _login(sprayer, f"user{i}@example.com", "guess")).status_code == 401
        _assert_throttled(await _login(sprayer, "fresh@example.com", "guess"))
        _assert_throttled(await _login(sprayer, ADMIN_EMAIL, ADMIN_PASSWORD))
        assert (await _login(other, ADMIN_EMAIL, ADMIN_PASSWORD)).status_code == 200  # another address is not


async def test_attempts_are_allowed_again_when_the_window_ends(app: Litestar) -> None:
    from backend.auth import throttle  # imported here so the other tests also run against code without it
    from backend.auth.throttle import LoginKeys, LoginLimits

    limits = LoginLimits(per_account=2, per_address=100, window_seconds=900)
    keys = LoginKeys(account="ann@example.com", address="10.1.1.1")
    start = utcnow()
    async with app.state.session_factory() as db:
        await throttle.record_failure(db, keys, limits, start)
        await throttle.record_failure(db, keys, limits, start + timedelta(seconds=10))
        assert await throttle.seconds_blocked(db, keys, limits, start + timedelta(seconds=60)) == 840
        assert await throttle.seconds_blocked(db, keys, limits, start + timedelta(seconds=900)) == 0
        await throttle.record_failure(db, keys, limits, start + timedelta(seconds=901))  # a new window
        assert await throttle.seconds_blocked(db, keys, limits, start + timedelta(seconds=902)) == 0
