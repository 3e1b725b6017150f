"""Every answer carries the hardening headers; the app shell's policy allows only what the built UI needs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import msgspec
import pytest
from asgi_lifespan import LifespanManager

from backend.app import create_app
from backend.config import Settings
from tests.conftest import Client, make_client


@pytest.fixture(name="web")
async def web_fixture(settings: Settings, tmp_path: Path) -> AsyncIterator[Client]:
    """An anonymous client of an app with a built UI."""
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><div id='root'></div><script src='/assets/a.js'></script>")
    (dist / "assets" / "a.js").write_text("1")
    app = create_app(msgspec.structs.replace(settings, frontend_dir=dist))
    async with LifespanManager(app), make_client(app) as client:  # type: ignore[arg-type]
        yield client


def _directives(policy: str) -> dict[str, str]:
    return {part.strip().split(" ", 1)[0]: part.strip() for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/"),
        ("GET", "/journeys/x"),
        ("GET", "/assets/a.js"),
        ("GET", "/api/health"),
        ("GET", "/api/auth/me"),  # 401
        ("GET", "/api/nothing-here"),  # 404
        ("POST", "/api/health"),  # 405
        ("GET", "/metrics"),
        ("GET", "/schema"),
        ("GET", "/schema/openapi.json"),
    ],
)
async def test_every_answer_carries_the_security_headers(web: Client, method: str, path: str) -> None:
    response = await web.request(method, path)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert response.headers["x-frame-options"] == "DENY"
    policy = _directives(response.headers["content-security-policy"])
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"
    assert policy["object-src"] == "object-src 'none'"


async def test_app_shell_policy_allows_only_own_scripts(web: Client) -> None:
    policy = _directives((await web.get("/")).headers["content-security-policy"])
    assert policy["script-src"] == "script-src 'self'"
    assert policy["default-src"] == "default-src 'self'"
    # React Flow positions nodes with inline style attributes.
    assert policy["style-src"] == "style-src 'self' 'unsafe-inline'"


async def test_api_docs_get_a_policy_that_lets_them_load(web: Client) -> None:
    response = await web.get("/schema")
    policy = _directives(response.headers["content-security-policy"])
    assert "https://cdn.jsdelivr.net" in policy["script-src"]
