"""The browser suite's fixtures: the real server on a free port with a temporary database, and a Chromium.

Generic on purpose (the canvas tests use them too): ``server`` (base URL), ``api`` (an admin httpx client),
``create_user(role)``, ``sign_in(page, email, password)``, ``create_action(...)``, ``create_event_type(...)``.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import BrowserType, Page, expect

from tests.live_server import live_server

ROOT = Path(__file__).resolve().parent.parent
ADMIN_EMAIL = "admin@example.com"
ADMIN_PASSWORD = "e2e-admin-password"
PASSWORD = "e2e-password-123"
SYSTEM_CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
_unique = itertools.count(1)

expect.set_options(timeout=10_000)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of `journeys serve` running the built app on a free port with a fresh SQLite database."""
    dist = ROOT / "frontend" / "dist"
    if not (dist / "index.html").is_file():
        pytest.fail("frontend/dist is missing: run `make frontend` before the e2e suite")
    workdir = tmp_path_factory.mktemp("server")
    # A private copy, so a rebuild of frontend/dist during the run cannot pull the app from under the browser.
    app_dir = shutil.copytree(dist, workdir / "dist", ignore=shutil.ignore_patterns("*.map"))
    env = {
        "JOURNEYS_DATABASE_URL": f"sqlite+aiosqlite:///{workdir / 'journeys.db'}",
        "JOURNEYS_ADMIN_EMAIL": ADMIN_EMAIL,
        "JOURNEYS_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "JOURNEYS_SECRET_KEY": "e2e-secret-key-0123456789abcdef",
        "JOURNEYS_ALLOWED_PRIVATE_HOSTS": "127.0.0.1,localhost",
        "JOURNEYS_COOKIE_SECURE": "true",
        "JOURNEYS_FRONTEND_DIR": str(app_dir),
    }
    with live_server(workdir, env) as base_url:
        yield base_url


@pytest.fixture(autouse=True)
def fail_on_csp_violations(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every browser test also proves the Content-Security-Policy blocks nothing the app needs."""
    if "page" not in request.fixturenames:
        yield
        return
    page: Page = request.getfixturevalue("page")
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    yield
    assert refused == [], refused


@pytest.fixture(scope="session")
def base_url(server: str) -> str:
    """Lets tests write `page.goto("/journeys")`."""
    return server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any], browser_type: BrowserType) -> dict[str, Any]:
    """Playwright's own Chromium when installed, else the system `chromium`."""
    if Path(browser_type.executable_path).exists():
        return browser_type_launch_args
    system = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(system).exists():
        pytest.fail("no Chromium: install Playwright's (`playwright install chromium`) or Debian's `chromium`")
    return {**browser_type_launch_args, "executable_path": system, "args": SYSTEM_CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """The size the product is designed for, downloads allowed (journey export), an English browser."""
    size = {"viewport": {"width": 1280, "height": 800}, "accept_downloads": True, "locale": "en-US"}
    return {**browser_context_args, **size}


@pytest.fixture(scope="session")
def api(server: str) -> Iterator[httpx.Client]:
    """An httpx client signed in as the first admin (session cookie) for seeding data through the API."""
    with httpx.Client(base_url=server, timeout=20) as client:
        response = client.post("/api/auth/login", json={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD})
        assert response.status_code == 200, response.text
        # The session cookie is Secure, which httpx keeps for https; send it by hand once to get a token.
        session = "; ".join(f"{name}={value}" for name, value in response.cookies.items())
        client.cookies.clear()
        token = client.post("/api/tokens", json={"name": "e2e seeding"}, headers={"Cookie": session})
        assert token.status_code == 201, token.text
        client.headers["Authorization"] = f"Bearer {token.json()['token']}"
        yield client


def unique(prefix: str) -> str:
    """A name no other test uses (the server's database is shared by the whole session)."""
    return f"{prefix} {next(_unique)}-{os.getpid()}"


@pytest.fixture
def create_user(api: httpx.Client) -> Callable[..., tuple[str, str]]:
    """Create a user with a role through the API; returns (email, password)."""

    def create(role: str) -> tuple[str, str]:
        email = f"{role}-{next(_unique)}-{os.getpid()}@example.com"
        response = api.post("/api/users", json={"email": email, "password": PASSWORD, "role": role})
        assert response.status_code == 201, response.text
        return email, PASSWORD

    return create


@pytest.fixture
def sign_in(base_url: str) -> Callable[[Page, str, str], None]:
    """Sign a browser page in through the sign-in form and wait for the app's header."""

    def sign(page: Page, email: str, password: str) -> None:
        page.goto(f"{base_url}/sign-in")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    return sign


@pytest.fixture
def create_action(api: httpx.Client) -> Callable[..., dict[str, Any]]:
    """Create a custom action through the API (a POST with one variable payload field unless overridden)."""

    def create(**overrides: Any) -> dict[str, Any]:
        body: dict[str, Any] = {
            "name": unique("Send SMS"),
            "description": "Sends a text message",
            "method": "POST",
            "url": "http://127.0.0.1:9/sms",
            "requestPayload": {
                "example": {"to": "+15550100", "text": "hello"},
                "fields": [
                    {"path": "to", "kind": "variable", "type": "string", "label": "Phone", "required": True},
                    {"path": "text", "kind": "constant", "value": "hello", "type": "string"},
                ],
            },
            "responsePayload": {"example": {"messageId": "m-1"}},
            **overrides,
        }
        response = api.post("/api/actions", json=body)
        assert response.status_code == 201, response.text
        return dict(response.json())

    return create


@pytest.fixture
def create_event_type(api: httpx.Client) -> Callable[..., dict[str, Any]]:
    """Create an event type through the API."""

    def create(**overrides: Any) -> dict[str, Any]:
        body: dict[str, Any] = {
            "name": unique("Order placed"),
            "description": "A customer placed an order",
            "example": {"orderId": "o-1", "total": 12.5, "customer": {"email": "a@example.com", "phone": "+1555"}},
            **overrides,
        }
        response = api.post("/api/event-types", json=body)
        assert response.status_code == 201, response.text
        return dict(response.json())

    return create
