"""Every route and every role: 401 without credentials, 403 for the wrong role, through for the right one.

HELPERS ADDING ROUTES: add one row per (method, path) to ``EXPECTED`` below. The test fails for any route
of the app that has no row (and for rows whose route no longer exists), so no endpoint ships unguarded.
"""

from __future__ import annotations

import asyncio
import re
import uuid

import httpx
from litestar import Litestar
from litestar.routes import HTTPRoute

from tests.conftest import Client

PUBLIC = "public"  # no credentials needed; anonymous callers get neither 401 nor 403
ADMIN, TECHNICAL, MARKETER = "admin", "technical", "marketer"
EVERYONE = frozenset({ADMIN, TECHNICAL, MARKETER})
CONFIGURERS = frozenset({ADMIN, TECHNICAL})
ADMINS = frozenset({ADMIN})

EXPECTED: dict[tuple[str, str], str | frozenset[str]] = {
    ("GET", "/api/health"): PUBLIC,
    ("GET", "/api/health/ready"): PUBLIC,
    ("POST", "/api/auth/login"): PUBLIC,
    ("POST", "/api/auth/logout"): PUBLIC,
    ("GET", "/api/auth/me"): EVERYONE,
    ("PATCH", "/api/auth/me"): EVERYONE,
    ("GET", "/api/tokens"): CONFIGURERS,
    ("POST", "/api/tokens"): CONFIGURERS,
    ("DELETE", "/api/tokens/{token_id:uuid}"): CONFIGURERS,
    ("GET", "/api/users"): ADMINS,
    ("POST", "/api/users"): ADMINS,
    ("GET", "/api/users/{user_id:uuid}"): ADMINS,
    ("PATCH", "/api/users/{user_id:uuid}"): ADMINS,
    ("GET", "/api/actions"): EVERYONE,
    ("POST", "/api/actions"): CONFIGURERS,
    ("GET", "/api/actions/{action_id:uuid}"): EVERYONE,
    ("PUT", "/api/actions/{action_id:uuid}"): CONFIGURERS,
    ("DELETE", "/api/actions/{action_id:uuid}"): CONFIGURERS,
    ("POST", "/api/actions/{action_id:uuid}/duplicate"): CONFIGURERS,
    ("POST", "/api/actions/{action_id:uuid}/test"): CONFIGURERS,
    ("POST", "/api/actions/import/curl"): CONFIGURERS,
    ("GET", "/api/event-types"): EVERYONE,
    ("POST", "/api/event-types"): CONFIGURERS,
    ("GET", "/api/event-types/{event_type_id:uuid}"): EVERYONE,
    ("PUT", "/api/event-types/{event_type_id:uuid}"): CONFIGURERS,
    ("DELETE", "/api/event-types/{event_type_id:uuid}"): CONFIGURERS,
    ("GET", "/api/journeys"): EVERYONE,
    ("POST", "/api/journeys"): EVERYONE,
    ("POST", "/api/journeys/import"): EVERYONE,
    ("GET", "/api/journeys/context-fields"): EVERYONE,
    ("GET", "/api/journeys/{journey_id:uuid}"): EVERYONE,
    ("PUT", "/api/journeys/{journey_id:uuid}"): EVERYONE,
    ("DELETE", "/api/journeys/{journey_id:uuid}"): EVERYONE,
    ("GET", "/api/journeys/{journey_id:uuid}/versions"): EVERYONE,
    ("POST", "/api/journeys/{journey_id:uuid}/versions"): EVERYONE,
    ("POST", "/api/journeys/{journey_id:uuid}/validate"): EVERYONE,
    ("POST", "/api/journeys/{journey_id:uuid}/publish"): EVERYONE,
    ("POST", "/api/journeys/{journey_id:uuid}/close"): EVERYONE,
    ("POST", "/api/journeys/{journey_id:uuid}/stop"): EVERYONE,
    ("POST", "/api/journeys/{journey_id:uuid}/duplicate"): EVERYONE,
    ("GET", "/api/journeys/{journey_id:uuid}/export"): EVERYONE,
    ("GET", "/api/journeys/{journey_id:uuid}/stats"): EVERYONE,
    ("POST", "/api/events"): EVERYONE,
    ("POST", "/api/events/batch"): EVERYONE,
    ("GET", "/api/profiles/{profile_id:str}"): EVERYONE,
    ("PUT", "/api/profiles/{profile_id:str}"): EVERYONE,
    ("GET", "/api/instances"): EVERYONE,
    ("GET", "/api/instances/{instance_id:uuid}"): EVERYONE,
    ("GET", "/metrics"): PUBLIC,
    ("GET", "/"): PUBLIC,
    ("GET", "/{path:path}"): PUBLIC,
    ("GET", "/assets/{file_path:path}"): PUBLIC,
}

_PARAM = re.compile(r"\{(\w+):(\w+)\}")
# Framework-made methods (CORS pre-flight, HEAD twin of a static GET) carry no handler of ours.
_SKIPPED_METHODS = {"OPTIONS", "HEAD"}
# A route that streams (e.g. server-sent events) is past its guard when it has not answered by then.
_PATIENCE_S = 5.0


def app_routes(app: Litestar) -> set[tuple[str, str]]:
    """Every (method, path) the app serves, except the OpenAPI pages."""
    return {
        (method, route.path)
        for route in app.routes
        if isinstance(route, HTTPRoute) and not route.path.startswith("/schema")
        for method in route.methods
        if method not in _SKIPPED_METHODS
    }


def concrete(path: str) -> str:
    """The path with placeholder values (random ids that exist nowhere)."""

    def value(match: re.Match[str]) -> str:
        kind = match.group(2)
        return str(uuid.uuid4()) if kind == "uuid" else "1" if kind == "int" else f"p-{uuid.uuid4().hex[:8]}"

    return _PARAM.sub(value, path)


async def status_of(client: Client, method: str, path: str) -> int | None:
    """The status of one call, or None when it streams past our patience (so it got through its guard)."""
    body = {"json": {}} if method in {"POST", "PUT", "PATCH"} else {}
    try:
        response = await asyncio.wait_for(client.request(method, concrete(path), **body), _PATIENCE_S)
    except TimeoutError:
        return None
    return response.status_code


def test_every_route_has_a_row_in_the_table(app: Litestar) -> None:
    served = app_routes(app)
    assert not served - set(EXPECTED), f"routes without a row in EXPECTED: {sorted(served - set(EXPECTED))}"
    assert not set(EXPECTED) - served, f"rows for routes that no longer exist: {sorted(set(EXPECTED) - served)}"


async def test_each_role_gets_exactly_what_the_table_allows(
    app: Litestar, client: Client, admin: Client, technical: Client, marketer: Client
) -> None:
    callers = {ADMIN: admin, TECHNICAL: technical, MARKETER: marketer}
    problems: list[str] = []
    # Logging out would end the callers' sessions, so those routes go last.
    for method, path in sorted(app_routes(app), key=lambda r: ("logout" in r[1], r)):
        allowed = EXPECTED[(method, path)]
        status = await status_of(client, method, path)
        if allowed == PUBLIC and status in {401, 403}:
            problems.append(f"anonymous {method} {path}: {status}, expected public")
        if allowed != PUBLIC and status != 401:
            problems.append(f"anonymous {method} {path}: {status}, expected 401")
        for role, caller in callers.items():
            status = await status_of(caller, method, path)
            through = status not in {401, 403}
            expected_through = allowed == PUBLIC or role in allowed
            if through != expected_through:
                problems.append(f"{role} {method} {path}: {status}, expected {'through' if expected_through else 403}")
            elif not expected_through and status != 403:
                problems.append(f"{role} {method} {path}: {status}, expected 403")
    assert not problems, "\n".join(problems)


async def test_a_bearer_token_gets_its_owners_role(app: Litestar, technical: Client) -> None:
    token = (await technical.post("/api/tokens", json={"name": "ci"})).json()["token"]
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),  # type: ignore[arg-type]
        base_url="http://testserver",
        headers={"Authorization": f"Bearer {token}"},
    ) as machine:
        assert (await machine.post("/api/event-types", json={"name": "e", "example": {}})).status_code == 201
        assert (await machine.get("/api/users")).status_code == 403
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),  # type: ignore[arg-type]
        base_url="http://testserver",
        headers={"Authorization": "Bearer not-a-token"},
    ) as stranger:
        assert (await stranger.get("/api/actions")).status_code == 401
