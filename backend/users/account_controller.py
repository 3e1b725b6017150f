"""A person's own account over HTTP: browser sign-in and `/api/auth/me` (`/api/auth`), their API tokens
(`/api/tokens`). Here, not in `backend/auth`, because it answers with user shapes: auth owns the mechanisms
(sessions, tokens, guards, passwords), users the accounts."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, Request, Response, delete, get, patch, post
from litestar.datastructures import Cookie
from litestar.di import NamedDependency
from litestar.exceptions import NotAuthorizedException
from litestar.params import FromPath, JSONBody
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.auth import service
from backend.auth.identity import Identity
from backend.auth.middleware import requires
from backend.auth.roles import CONFIGURERS, EVERYONE
from backend.auth.throttle import LoginKeys, LoginLimits
from backend.config import Settings
from backend.db.tables import User
from backend.errors import NotFoundError
from backend.users import service as users
from backend.users.convert import token_created, token_out, user_out
from backend.users.schemas import LoginRequest, MeUpdate, TokenCreate, TokenCreated, TokenOut, UserOut
from backend.web.openapi import error_responses


class AuthController(Controller):
    """Session sign-in for the browser; the cookie is HttpOnly and SameSite=Lax."""

    path = "/api/auth"
    tags = ["auth"]

    @post("/login", operation_id="login", status_code=200, responses=error_responses(401, 429))
    async def login(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[LoginRequest],
        db: NamedDependency[AsyncSession],
        app_settings: NamedDependency[Settings],
    ) -> Response[UserOut]:
        """Open a session; 401 for a wrong email/password or a deactivated user, 429 after too many failures."""
        keys = LoginKeys(account=data.email.strip().lower(), address=request.client.host if request.client else "")
        limits = LoginLimits(
            app_settings.login_max_failures, app_settings.login_address_max_failures, app_settings.login_window_seconds
        )
        result = await service.sign_in(db, data.password, keys, limits, app_settings.session_hours)
        if result is None:
            raise NotAuthorizedException("wrong email or password")
        token, user = result
        cookie = Cookie(
            key=service.SESSION_COOKIE,
            value=token,
            httponly=True,
            secure=app_settings.cookie_secure,
            samesite="lax",
            path="/",
            max_age=app_settings.session_hours * 3600,
        )
        return Response(user_out(user), cookies=[cookie])

    # The cookie is expired on the decorator so the answer stays a bodiless 204 in the OpenAPI document.
    @post(
        "/logout",
        operation_id="logout",
        status_code=204,
        response_cookies=[Cookie(key=service.SESSION_COOKIE, value="", path="/", max_age=0)],
    )
    async def logout(self, request: Request[Any, Any, Any], db: NamedDependency[AsyncSession]) -> None:
        """End the current session (no-op without one) and expire the browser's cookie."""
        if cookie := request.cookies.get(service.SESSION_COOKIE):
            await service.sign_out(db, cookie)

    @get("/me", operation_id="me", guards=[requires(EVERYONE)], responses=error_responses(404))
    async def me(self, request: Request[Identity, Any, Any], db: NamedDependency[AsyncSession]) -> UserOut:
        """The signed-in user."""
        user = await db.get(User, request.user.user_id)
        if user is None:
            raise NotFoundError("user not found")
        return user_out(user)

    @patch("/me", operation_id="updateMe", guards=[requires(EVERYONE)], responses=error_responses(404))
    async def update_me(
        self, request: Request[Identity, Any, Any], data: JSONBody[MeUpdate], db: NamedDependency[AsyncSession]
    ) -> UserOut:
        """Change the signed-in user's own settings: the UI's language (`en` or `de`)."""
        return user_out(await users.set_locale(db, request.user.user_id, data.locale))


class TokenController(Controller):
    """API tokens for machine clients, created by admins and technical users."""

    path = "/api/tokens"
    tags = ["tokens"]
    guards = [requires(CONFIGURERS)]

    @get(operation_id="listTokens")
    async def list_tokens(
        self, request: Request[Identity, Any, Any], db: NamedDependency[AsyncSession]
    ) -> list[TokenOut]:
        """Tokens the caller may manage."""
        return [token_out(row) for row in await service.list_tokens(db, request.user)]

    @post(operation_id="createToken")
    async def create_token(
        self,
        request: Request[Identity, Any, Any],
        data: JSONBody[TokenCreate],
        db: NamedDependency[AsyncSession],
    ) -> TokenCreated:
        """A new token for the caller; the answer is the only place its value appears."""
        row, token = await service.create_token(db, request.user, data.name)
        return token_created(row, token)

    @delete("/{token_id:uuid}", operation_id="revokeToken")
    async def revoke_token(
        self,
        request: Request[Identity, Any, Any],
        db: NamedDependency[AsyncSession],
        token_id: FromPath[uuid.UUID],
    ) -> None:
        """Revoke a token; it stops working at once."""
        await service.revoke_token(db, request.user, token_id)
