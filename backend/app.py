"""The Litestar application factory: state, dependencies, auth, errors, OpenAPI, lifespan."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar
from litestar.datastructures import State
from litestar.di import Provide
from litestar.middleware.base import DefineMiddleware
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import ScalarRenderPlugin

from backend.actions.auth import Authenticator
from backend.auth.cross_site import CrossSiteGuard
from backend.auth.middleware import CallerLookup, CallerMiddleware
from backend.auth.openapi import access_error_codes
from backend.config import Settings, load_settings
from backend.db.dependencies import provide_db
from backend.db.engine import create_engine, create_session_factory
from backend.errors import EXCEPTION_HANDLERS
from backend.input_limits import MAX_BODY_BYTES
from backend.outbound.sender import create_sender
from backend.request_checks import check_request
from backend.routes import ROUTE_HANDLERS
from backend.runtime.clock import Clock, SystemClock
from backend.runtime.web.plugin import RuntimePlugin
from backend.users.service import ensure_first_admin
from backend.web.openapi import ErrorResponsesPlugin
from backend.web.request import BodyRequest
from backend.web.security_headers import add_security_headers
from backend.web.spa import create_spa_router

logger = logging.getLogger("journeys")


def create_app(settings: Settings | None = None, clock: Clock | None = None) -> Litestar:
    """Build the app for ``settings`` (read from the environment when omitted) on ``clock`` (the real one)."""
    settings = settings or load_settings()
    engine = create_engine(settings.database_url, settings.sqlite_busy_seconds)
    state = State({"settings": settings, "engine": engine, "session_factory": create_session_factory(engine)})
    sender = create_sender(settings.allowed_private_hosts)  # the API process's one sender (test calls)
    action_auth = Authenticator(sender.send)

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        try:
            async with app.state.session_factory() as db:
                try:
                    generated = await ensure_first_admin(db, settings.admin_email, settings.admin_password)
                except ValueError as exc:  # a weak JOURNEYS_ADMIN_PASSWORD: one plain line above the traceback
                    logger.error("cannot start: %s", exc)
                    raise
            if generated:
                # Printed once, on the console only: the operator's way in on a fresh install.
                print(f"Created admin {settings.admin_email} with password: {generated}", flush=True)
            try:
                yield
            finally:
                await sender.aclose()
        finally:
            await engine.dispose()

    async def provide_settings() -> Settings:
        return settings

    async def provide_action_auth() -> Authenticator:
        return action_auth

    return Litestar(
        route_handlers=[*ROUTE_HANDLERS, create_spa_router(settings.frontend_dir)],
        state=state,
        # Named unlike any body field: Litestar reports a body field that fails validation under a dependency's
        # name as a server fault (500) instead of a 400 (guarded by tests/unit/test_openapi_errors.py).
        dependencies={
            "db": Provide(provide_db),
            "app_settings": Provide(provide_settings, use_cache=True),
            "action_auth": Provide(provide_action_auth, use_cache=True),
        },
        request_class=BodyRequest,
        plugins=[ErrorResponsesPlugin(access_error_codes), RuntimePlugin(settings, engine, clock or SystemClock())],
        middleware=[
            CrossSiteGuard(settings.allowed_origins),
            DefineMiddleware(
                CallerMiddleware,
                lookup=CallerLookup(engine),
                exclude=["^/schema", "^/assets", "^/api/health", "^/metrics"],
            ),
        ],
        exception_handlers=EXCEPTION_HANDLERS,
        before_request=check_request,
        before_send=[add_security_headers],
        lifespan=[lifespan],
        openapi_config=OpenAPIConfig(
            title="Journey Builder API",
            version="0.1.0",
            path="/schema",
            render_plugins=[ScalarRenderPlugin()],
        ),
        request_max_body_size=MAX_BODY_BYTES,
    )
