"""Every route handler the API serves; one line per capability."""

from __future__ import annotations

from typing import Any

from backend.auth.controller import AuthController, TokenController
from backend.health.controller import health
from backend.users.controller import UserController

ROUTE_HANDLERS: list[Any] = [
    health,
    AuthController,
    TokenController,
    UserController,
]
