"""Weak passwords are refused wherever a password is set: the API, the command line and the first admin."""

from __future__ import annotations

import asyncio

import msgspec
import pytest
from asgi_lifespan import LifespanManager

from backend.app import create_app
from backend.auth.roles import Role
from backend.cli import main
from backend.config import Settings
from tests.conftest import Client, create_user

WEAK = "12345678"


async def test_weak_password_is_refused_on_user_creation_with_the_estimators_feedback(admin: Client) -> None:
    response = await admin.post("/api/users", json={"email": "weak@example.com", "password": WEAK, "role": "marketer"})
    assert response.status_code == 400
    [problem] = response.json()["errors"]
    assert problem["field"] == "password"
    assert "too weak" in problem["message"]
    assert "common password" in problem["message"]  # zxcvbn's own feedback, in plain words
    assert WEAK not in response.text
    assert len((await admin.get("/api/users")).json()) == 1


async def test_weak_password_is_refused_on_password_change(admin: Client) -> None:
    user = await create_user(admin, Role.MARKETER)
    response = await admin.patch(f"/api/users/{user['id']}", json={"password": "marketer@example.com"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "password"


async def test_weak_password_is_refused_by_the_command_line(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JOURNEYS_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("JOURNEYS_SECRET_KEY", settings.secret_key)
    argv = ["users", "create", "--email", "cli@example.com", "--password", WEAK, "--role", "technical"]
    assert await asyncio.to_thread(main, argv) == 2  # the command runs its own event loop
    assert "too weak" in capsys.readouterr().err


async def test_weak_configured_admin_password_stops_the_first_start(settings: Settings) -> None:
    app = create_app(msgspec.structs.replace(settings, admin_password=WEAK))
    with pytest.raises(BaseExceptionGroup) as failure:
        async with LifespanManager(app):  # type: ignore[arg-type]
            pass
    assert failure.group_contains(ValueError, match="JOURNEYS_ADMIN_PASSWORD is too weak")
    assert WEAK not in str(failure.value.exceptions)


async def test_generated_first_admin_password_passes_the_policy(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    app = create_app(msgspec.structs.replace(settings, admin_password=None))
    async with LifespanManager(app):  # type: ignore[arg-type]
        printed = capsys.readouterr().out
    assert "Created admin" in printed
    from backend.auth.password_policy import password_problem

    assert password_problem(printed.rsplit(": ", 1)[1].strip()) is None
