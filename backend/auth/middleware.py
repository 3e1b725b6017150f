"""Resolve the caller from a session cookie or a bearer token; guards decide what they may do."""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult

from backend.auth import service
from backend.auth.identity import Identity
from backend.auth.roles import Role


class CallerMiddleware(AbstractAuthenticationMiddleware):
    """Sets ``request.user`` to an Identity or None; it never rejects, the route's guard does."""

    async def authenticate_request(self, connection: ASGIConnection[Any, Any, Any, Any]) -> AuthenticationResult:
        header = connection.headers.get("authorization", "")
        cookie = connection.cookies.get(service.SESSION_COOKIE)
        identity: Identity | None = None
        if header[:7].lower() == "bearer " or cookie:
            async with connection.app.state.engine.connect() as db:
                if header[:7].lower() == "bearer ":
                    identity = await service.identify_token(db, header[7:].strip())
                elif cookie:
                    identity = await service.identify_session(db, cookie)
        return AuthenticationResult(user=identity, auth=None)


def requires(roles: frozenset[Role]) -> Any:
    """A guard: 401 without credentials, 403 when the caller's role is not in ``roles``."""

    def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        identity = connection.scope.get("user")
        if not isinstance(identity, Identity):
            raise NotAuthorizedException("sign in or send an API token")
        if identity.role not in roles:
            raise PermissionDeniedException(f"the {identity.role} role may not do this")

    return guard
