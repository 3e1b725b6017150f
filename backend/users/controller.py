"""`/api/users`: account management for admins."""

from __future__ import annotations

import uuid

from litestar import Controller, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.auth.middleware import requires
from backend.auth.roles import ADMINS
from backend.db.tables import User
from backend.errors import NotFoundError
from backend.users import service
from backend.users.convert import user_out
from backend.users.schemas import UserCreate, UserOut, UserUpdate
from backend.web.openapi import error_responses


class UserController(Controller):
    """List, create, change role, deactivate."""

    path = "/api/users"
    tags = ["users"]
    guards = [requires(ADMINS)]

    @get(operation_id="listUsers")
    async def list_users(self, db: NamedDependency[AsyncSession]) -> list[UserOut]:
        """Every account."""
        return [user_out(u) for u in await service.list_users(db)]

    @post(operation_id="createUser", responses=error_responses(409, 429))
    async def create_user(self, data: JSONBody[UserCreate], db: NamedDependency[AsyncSession]) -> UserOut:
        """A new account with a role."""
        return user_out(await service.create_user(db, data))

    @get("/{user_id:uuid}", operation_id="getUser")
    async def get_user(self, db: NamedDependency[AsyncSession], user_id: FromPath[uuid.UUID]) -> UserOut:
        """One account."""
        user = await db.get(User, user_id)
        if user is None:
            raise NotFoundError(f"no user {user_id}")
        return user_out(user)

    @patch("/{user_id:uuid}", operation_id="updateUser", responses=error_responses(409, 429))
    async def update_user(
        self, data: JSONBody[UserUpdate], db: NamedDependency[AsyncSession], user_id: FromPath[uuid.UUID]
    ) -> UserOut:
        """Change role, (de)activate or reset the password; deactivation ends all access at once."""
        return user_out(await service.update_user(db, user_id, data))
