"""Resolve the caller from a session cookie or a bearer token; guards decide what they may do."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult
from litestar.types import ASGIApp
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from backend.auth import service
from backend.auth.identity import Identity
from backend.auth.roles import Role
from backend.db.group_commit import GroupCommit
from backend.db.sqlite.sync_work import SyncTransactions

Credential = tuple[str, str]  # ("token" | "session", the secret as sent)


class CallerLookup:
    """Resolves the credentials of concurrent requests in one query each for tokens and sessions.

    Nothing is cached: every request is checked against the database after it arrived, so a deactivated
    user or a revoked token stops working at once; requests that arrive together merely share the query.
    """

    def __init__(self, engine: AsyncEngine) -> None:
        self._transactions = SyncTransactions(engine)
        self._batches: GroupCommit[Credential, Identity | None] = GroupCommit(self._resolve, max_batch=500)

    async def identify(self, credential: Credential) -> Identity | None:
        """The caller behind one credential, or None."""
        return await self._batches.submit(credential)

    async def _resolve(self, credentials: Sequence[Credential]) -> list[Identity | None]:
        return await self._transactions.read(_identify_all, credentials)


def _identify_all(db: Connection, credentials: Sequence[Credential]) -> list[Identity | None]:
    tokens = {secret for via, secret in credentials if via == "token"}
    sessions = {secret for via, secret in credentials if via == "session"}
    found: dict[Credential, Identity] = {}
    if tokens:
        found.update((("token", t), i) for t, i in service.identify_tokens(db, tokens).items())
    if sessions:
        found.update((("session", t), i) for t, i in service.identify_sessions(db, sessions).items())
    return [found.get(credential) for credential in credentials]


class CallerMiddleware(AbstractAuthenticationMiddleware):
    """Sets ``request.user`` to an Identity or None; it never rejects, the route's guard does."""

    def __init__(self, app: ASGIApp, lookup: CallerLookup, **options: Any) -> None:
        super().__init__(app, **options)
        self._lookup = lookup  # made once by the app factory: concurrent requests share its queries

    async def authenticate_request(self, connection: ASGIConnection[Any, Any, Any, Any]) -> AuthenticationResult:
        header = connection.headers.get("authorization", "")
        credential: Credential | None = None
        if header[:7].lower() == "bearer ":
            credential = ("token", header[7:].strip())
        elif cookie := connection.cookies.get(service.SESSION_COOKIE):
            credential = ("session", cookie)
        identity = await self._lookup.identify(credential) if credential else None
        return AuthenticationResult(user=identity, auth=None)


class RoleGuard:
    """A guard: 401 without credentials, 403 when the caller's role is not in ``roles`` (read by the OpenAPI docs)."""

    def __init__(self, roles: frozenset[Role]) -> None:
        self.roles = roles

    # async on purpose: Litestar runs a sync guard in a worker thread, a thread hop on every request.
    async def __call__(self, connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        """Let the request through, or raise 401/403."""
        identity = connection.scope.get("user")
        if not isinstance(identity, Identity):
            raise NotAuthorizedException("sign in or send an API token")
        if identity.role not in self.roles:
            raise PermissionDeniedException(f"the {identity.role} role may not do this")


def requires(roles: frozenset[Role]) -> RoleGuard:
    """The guard of a route that ``roles`` may use."""
    return RoleGuard(roles)
