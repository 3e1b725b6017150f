"""`GET /api/health` (liveness: the database answers) and `GET /api/health/ready` (it takes writes); no auth."""

from __future__ import annotations

import msgspec
from litestar import Response, get
from litestar.datastructures import State
from litestar.openapi.datastructures import ResponseSpec
from sqlalchemy import text

from backend.health.probe import write_problem


class Health(msgspec.Struct):
    """Liveness or readiness answer."""

    status: str
    database: str


@get(
    "/api/health",
    operation_id="health",
    tags=["health"],
    exclude_from_auth=True,
    responses={503: ResponseSpec(Health, description="The database does not answer", generate_examples=False)},
)
async def health(state: State) -> Response[Health]:
    """Probe the database with a trivial query."""
    try:
        async with state.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as exc:  # any driver error means "not ready"
        return Response(Health("unavailable", type(exc).__name__), status_code=503)
    return Response(Health("ok", "reachable"))


@get(
    "/api/health/ready",
    operation_id="ready",
    tags=["health"],
    exclude_from_auth=True,
    responses={503: ResponseSpec(Health, description="The database cannot take a write", generate_examples=False)},
)
async def ready(state: State) -> Response[Health]:
    """503 while the database cannot take a write (SQLite locked by another process, PostgreSQL read-only)."""
    problem = await write_problem(state.engine)
    if problem is not None:
        return Response(Health("unavailable", problem), status_code=503, headers={"Retry-After": "5"})
    return Response(Health("ok", "writable"))
