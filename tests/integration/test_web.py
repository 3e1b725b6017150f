"""The built browser app served at `/`: deep links, cached assets, API paths kept, a clear page when unbuilt."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import msgspec
import pytest
from asgi_lifespan import LifespanManager

from backend.app import create_app
from backend.config import Settings
from tests.conftest import Client, make_client

INDEX = "<!doctype html><html><body><div id='root'></div><script src='/assets/app-1a2b.js'></script></body></html>"


@pytest.fixture(name="dist")
def dist_fixture(tmp_path: Path) -> Path:
    """A minimal build output: index.html, one hashed asset and a top-level file."""
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(INDEX)
    (dist / "assets" / "app-1a2b.js").write_text("console.log('app');")
    (dist / "favicon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (tmp_path / "secret.txt").write_text("outside the build")
    return dist


async def _client(settings: Settings, frontend_dir: Path) -> AsyncIterator[Client]:
    app = create_app(msgspec.structs.replace(settings, frontend_dir=frontend_dir))
    async with LifespanManager(app), make_client(app) as client:  # type: ignore[arg-type]
        yield client


@pytest.fixture(name="web")
async def web_fixture(settings: Settings, dist: Path) -> AsyncIterator[Client]:
    """An anonymous client of an app whose frontend is built."""
    async for client in _client(settings, dist):
        yield client


@pytest.fixture(name="unbuilt")
async def unbuilt_fixture(settings: Settings, tmp_path: Path) -> AsyncIterator[Client]:
    """An anonymous client of an app whose frontend directory does not exist."""
    async for client in _client(settings, tmp_path / "missing-dist"):
        yield client


@pytest.mark.parametrize(
    "path", ["/", "/journeys", "/journeys/0b0c7d4e-1111-2222-3333-444455556666", "/admin/actions/new"]
)
async def test_client_routes_answer_the_app_shell(web: Client, path: str) -> None:
    response = await web.get(path)
    assert response.status_code == 200
    assert response.text == INDEX
    assert response.headers["content-type"].startswith("text/html")
    assert "no-cache" in response.headers["cache-control"]


async def test_hashed_assets_are_cached_for_a_year(web: Client) -> None:
    response = await web.get("/assets/app-1a2b.js")
    assert response.status_code == 200
    assert response.text == "console.log('app');"
    cache = response.headers["cache-control"]
    assert "max-age=31536000" in cache
    assert "immutable" in cache
    assert (await web.get("/assets/missing.js")).status_code == 404


async def test_top_level_build_files_are_served_but_nothing_outside(web: Client) -> None:
    assert (await web.get("/favicon.svg")).text.startswith("<svg")
    response = await web.get("/..%2Fsecret.txt")
    assert "outside the build" not in response.text


@pytest.mark.parametrize("path", ["/api/no-such-thing", "/api/journeys/not-a-uuid/x", "/api"])
async def test_unknown_api_paths_are_json_404s_not_the_shell(web: Client, path: str) -> None:
    response = await web.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["status"] == 404


async def test_schema_paths_stay_with_the_api_docs(web: Client) -> None:
    response = await web.get("/schema/nothing-here")
    assert response.status_code == 404
    assert INDEX not in response.text


async def test_api_keeps_working_beside_the_app(web: Client) -> None:
    assert (await web.get("/api/health")).status_code == 200
    assert (await web.get("/api/auth/me")).status_code == 401
    schema = (await web.get("/schema/openapi.json")).json()
    assert "/api/journeys" in schema["paths"]
    assert not any(not path.startswith("/api") for path in schema["paths"])


async def test_unbuilt_app_answers_503_saying_how_to_build(unbuilt: Client) -> None:
    for path in ("/", "/journeys/abc"):
        response = await unbuilt.get(path)
        assert response.status_code == 503
        assert response.headers["content-type"].startswith("text/html")
        assert "make frontend" in response.text
    assert (await unbuilt.get("/api/health")).status_code == 200
