"""`/api/actions`: technical users configure custom actions; everyone may read them (without secrets)."""

from __future__ import annotations

import asyncio
import uuid

from litestar import Controller, delete, get, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.actions import service
from backend.actions.auth import Authenticator
from backend.actions.importers.curl import import_curl
from backend.actions.importers.schemas import ActionDraft, CurlImportInput
from backend.actions.schemas import ActionInput, ActionOut, TestRequest, TestResult
from backend.actions.testcall import run_test_call
from backend.auth.middleware import requires
from backend.auth.roles import CONFIGURERS, EVERYONE
from backend.config import Settings
from backend.web.openapi import error_responses


class ActionController(Controller):
    """CRUD of custom actions and their test call."""

    path = "/api/actions"
    tags = ["actions"]

    @get(operation_id="listActions", guards=[requires(EVERYONE)])
    async def list_actions(self, db: NamedDependency[AsyncSession]) -> list[ActionOut]:
        """Every action, secrets null."""
        return await service.list_actions(db)

    @post(operation_id="createAction", responses=error_responses(409), guards=[requires(CONFIGURERS)])
    async def create_action(
        self, data: JSONBody[ActionInput], db: NamedDependency[AsyncSession], app_settings: NamedDependency[Settings]
    ) -> ActionOut:
        """A new action (201)."""
        return await service.create_action(db, data, app_settings.secret_key)

    @post(
        "/import/curl",
        operation_id="importActionFromCurl",
        status_code=200,
        guards=[requires(CONFIGURERS)],
    )
    async def import_from_curl(self, data: JSONBody[CurlImportInput]) -> ActionDraft:
        """A draft action from a cURL command (parsed, never run; nothing saved) and the warnings to read first."""
        # Splitting a 64 KB command with shlex takes a few hundred ms of CPU: off the event loop.
        draft = await asyncio.to_thread(import_curl, data.command)
        return ActionDraft(action=draft.action, warnings=draft.warnings)

    @get("/{action_id:uuid}", operation_id="getAction", guards=[requires(EVERYONE)])
    async def get_action(self, db: NamedDependency[AsyncSession], action_id: FromPath[uuid.UUID]) -> ActionOut:
        """One action, secrets null."""
        return await service.get_action(db, action_id)

    @put(
        "/{action_id:uuid}", operation_id="updateAction", responses=error_responses(409), guards=[requires(CONFIGURERS)]
    )
    async def update_action(
        self,
        data: JSONBody[ActionInput],
        db: NamedDependency[AsyncSession],
        app_settings: NamedDependency[Settings],
        action_id: FromPath[uuid.UUID],
    ) -> ActionOut:
        """Replace the configuration; a null secret keeps the stored one."""
        return await service.update_action(db, action_id, data, app_settings.secret_key)

    @delete(
        "/{action_id:uuid}", operation_id="deleteAction", responses=error_responses(409), guards=[requires(CONFIGURERS)]
    )
    async def delete_action(self, db: NamedDependency[AsyncSession], action_id: FromPath[uuid.UUID]) -> None:
        """Delete (204); 409 naming the journeys when a published journey uses it."""
        await service.delete_action(db, action_id)

    @post("/{action_id:uuid}/test", operation_id="testAction", status_code=200, guards=[requires(CONFIGURERS)])
    async def test_action(
        self,
        data: JSONBody[TestRequest],
        db: NamedDependency[AsyncSession],
        app_settings: NamedDependency[Settings],
        action_auth: NamedDependency[Authenticator],
        action_id: FromPath[uuid.UUID],
    ) -> TestResult:
        """Send one real request with the sample values; 200 with the answer or the kind of failure."""
        action = await service.load_action(db, action_id, app_settings.secret_key)
        await db.close()  # no connection is held while waiting on the third party
        return await run_test_call(action_auth, action_id, action, data)
