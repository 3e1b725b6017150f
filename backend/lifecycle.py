"""Background services started with the app (the embedded worker, housekeeping); empty until they exist."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar


@asynccontextmanager
async def run_background_services(app: Litestar) -> AsyncIterator[None]:
    """Start what runs beside the API and stop it on shutdown."""
    yield
