"""The per-request database session handed to controllers."""

from __future__ import annotations

from collections.abc import AsyncGenerator

from litestar.datastructures import State
from sqlmodel.ext.asyncio.session import AsyncSession


async def provide_db(state: State) -> AsyncGenerator[AsyncSession, None]:
    """One session per request, closed (and rolled back if uncommitted) when the response is sent."""
    async with state.session_factory() as session:
        yield session
