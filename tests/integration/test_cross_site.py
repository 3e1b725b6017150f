"""Cookie-authenticated changes must come from the app's own pages: JSON bodies, same or allowed origin."""

from __future__ import annotations

from collections.abc import AsyncIterator

import msgspec
import pytest
from asgi_lifespan import LifespanManager
from litestar import Litestar

from backend.app import create_app
from backend.config import Settings, load_settings
from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD, Client, make_client, sign_in

EVIL = "http://evil.example"
PARTNER = "https://admin.partner.example"
TOKEN = {"name": "ci"}


@pytest.fixture(name="app")
async def app_fixture(settings: Settings) -> AsyncIterator[Litestar]:
    """The app with one extra origin allowed (as JOURNEYS_ALLOWED_ORIGINS would)."""
    app = create_app(msgspec.structs.replace(settings, allowed_origins=frozenset({PARTNER})))
    async with LifespanManager(app):  # type: ignore[arg-type]
        yield app


def _refused(status: int, body: dict[str, object]) -> bool:
    return status == 403 and body["status"] == 403 and "cross-site" in str(body["detail"])


async def test_cookie_request_with_a_json_body_under_another_content_type_is_refused(admin: Client) -> None:
    for content_type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]:
        response = await admin.post("/api/tokens", content=b'{"name": "ci"}', headers={"content-type": content_type})
        assert _refused(response.status_code, response.json()), (content_type, response.text)
    assert (await admin.get("/api/tokens")).json() == []


async def test_cookie_request_from_a_foreign_origin_is_refused(admin: Client) -> None:
    for headers in [{"origin": EVIL}, {"origin": "null"}, {"referer": f"{EVIL}/page"}]:
        response = await admin.post("/api/tokens", json=TOKEN, headers=headers)
        assert _refused(response.status_code, response.json()), (headers, response.text)
    me = (await admin.get("/api/auth/me")).json()
    response = await admin.delete(f"/api/tokens/{me['id']}", headers={"origin": EVIL})  # no body, still refused
    assert response.status_code == 403
    assert (await admin.post("/api/auth/logout", headers={"origin": EVIL})).status_code == 403
    assert (await admin.get("/api/tokens")).json() == []


async def test_cookie_request_from_own_or_allowed_origin_or_without_one_passes(admin: Client) -> None:
    for headers in [{"origin": "http://testserver"}, {"origin": PARTNER}, {"referer": "http://testserver/admin"}, {}]:
        response = await admin.post("/api/tokens", json=TOKEN, headers=headers)
        assert response.status_code == 201, (headers, response.text)
    response = await admin.post(
        "/api/tokens", content=b'{"name": "x"}', headers={"content-type": "application/json; charset=utf-8"}
    )
    assert response.status_code == 201
    assert (await admin.post("/api/auth/logout")).status_code == 204  # a body-less request needs no content type


async def test_login_from_a_foreign_origin_is_refused(client: Client) -> None:
    body = {"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}
    response = await client.post("/api/auth/login", json=body, headers={"origin": EVIL})
    assert response.status_code == 403
    assert "set-cookie" not in response.headers
    form = await client.post(
        "/api/auth/login", content=msgspec.json.encode(body), headers={"content-type": "text/plain"}
    )
    assert form.status_code == 403


async def test_bearer_requests_are_unchanged(app: Litestar, admin: Client) -> None:
    token = (await admin.post("/api/tokens", json=TOKEN)).json()["token"]
    async with make_client(app) as machine:
        headers = {"authorization": f"Bearer {token}", "origin": EVIL, "content-type": "text/plain"}
        response = await machine.post("/api/tokens", content=b'{"name": "m"}', headers=headers)
        assert response.status_code == 201, response.text


async def test_signed_in_client_keeps_working_with_own_origin(app: Litestar) -> None:
    async with make_client(app) as browser:
        browser.headers["origin"] = "http://testserver"
        await sign_in(browser, ADMIN_EMAIL, ADMIN_PASSWORD)
        assert (await browser.post("/api/tokens", json=TOKEN)).status_code == 201


def test_allowed_origins_are_read_from_the_environment() -> None:
    env = {"JOURNEYS_ALLOWED_ORIGINS": " https://A.example.com/ ,http://b.example:8080", "JOURNEYS_SECRET_KEY": "k"}
    assert load_settings(env).allowed_origins == frozenset({"https://a.example.com", "http://b.example:8080"})
