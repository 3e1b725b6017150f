"""The single-page app: hashed assets cached for a year, every client route answered with ``index.html``.

These routes are public on purpose: the sign-in page itself must load without a session, and the app
shell holds no data (every API call is guarded).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from litestar import Response, Router, get
from litestar.datastructures import CacheControlHeader
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import File
from litestar.static_files import create_static_files_router

# Paths the API and its docs own: an unknown one there is a JSON 404, never the app shell.
API_PREFIXES = ("api", "schema")
ASSET_CACHE = CacheControlHeader(max_age=365 * 24 * 3600, public=True, immutable=True)
# The shell names the current hashed assets, so browsers must revalidate it after every deploy.
SHELL_HEADERS = {"Cache-Control": "no-cache"}

MISSING_BUILD_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Journey Builder: the app is not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>The browser app is not built yet</h1>
<p>The API is running, but <code>{directory}</code> has no <code>index.html</code>.</p>
<p>Run <code>make frontend</code> (or <code>make run</code>) and reload this page.
The API itself is available under <a href="/schema">/schema</a>.</p>
</body></html>
"""


def _shell(frontend_dir: Path | None) -> Response[Any]:
    """``index.html``, or a 503 page that says how to build it."""
    index = frontend_dir / "index.html" if frontend_dir else None
    if index is None or not index.is_file():
        page = MISSING_BUILD_PAGE.format(directory=frontend_dir or "frontend/dist")
        return Response(page, status_code=503, media_type="text/html", headers={"Retry-After": "30"})
    return File(index, content_disposition_type="inline", media_type="text/html", headers=SHELL_HEADERS)


def _root_file(frontend_dir: Path | None, path: str) -> Path | None:
    """A file at the top of the build (``favicon.svg``), never anything outside it."""
    if frontend_dir is None or "/" in path.strip("/"):
        return None
    candidate = (frontend_dir / path.strip("/")).resolve()
    root = frontend_dir.resolve()
    if candidate.parent != root or not candidate.is_file():
        return None
    return candidate


def create_spa_router(frontend_dir: Path | None) -> Router:
    """Routes for the built app in ``frontend_dir`` (which may not exist yet: then ``/`` answers 503)."""

    @get("/", operation_id="appShell", include_in_schema=False)
    async def app_root() -> Response[Any]:
        """The app's entry page."""
        return _shell(frontend_dir)

    @get("/{path:path}", operation_id="appRoute", include_in_schema=False)
    async def app_route(path: FromPath[str]) -> Response[Any]:
        """A client-side route (deep link) gets the shell; a top-level build file is sent as is."""
        first = path.strip("/").split("/", 1)[0]
        if first in API_PREFIXES:
            raise NotFoundException(f"no route {path}")
        if (file := _root_file(frontend_dir, path)) is not None:
            return File(file, content_disposition_type="inline")
        return _shell(frontend_dir)

    assets_dir = (frontend_dir or Path("frontend/dist")) / "assets"
    assets = create_static_files_router(
        path="/assets",
        directories=[assets_dir],
        cache_control=ASSET_CACHE,
        include_in_schema=False,
        name="assets",
    )
    return Router(path="/", route_handlers=[app_root, app_route, assets], include_in_schema=False)
