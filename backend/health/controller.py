"""`GET /api/health`: 200 when the database answers, 503 otherwise (no auth, for load balancers)."""

from __future__ import annotations

import msgspec
from litestar import Response, get
from litestar.datastructures import State
from litestar.openapi.datastructures import ResponseSpec
from sqlalchemy import text


class Health(msgspec.Struct):
    """Readiness answer."""

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
