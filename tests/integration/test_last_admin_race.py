"""Two admins taking each other's admin rights at the same moment must leave one active admin standing."""

from __future__ import annotations

import asyncio

import pytest
from litestar import Litestar

from backend.auth.roles import Role
from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD, PASSWORD, Client, create_user, make_client, sign_in

ROUNDS = 6
# What the loser of a round may see: 409 from the last-admin rule, or, when the winner's change landed before
# the loser was even identified, 401 (deactivated: its session is gone) or 403 (demoted: no longer an admin).
LOSER_STATUSES = {401, 403, 409}


async def _active_admins(admin: Client) -> list[dict[str, object]]:
    users = (await admin.get("/api/users")).json()
    return [u for u in users if u["role"] == "admin" and u["active"]]


@pytest.mark.parametrize("change", [{"role": "marketer"}, {"active": False}], ids=["demote", "deactivate"])
async def test_two_admins_removing_each_other_leave_one_active_admin(
    app: Litestar, admin: Client, change: dict[str, object]
) -> None:
    first_id = (await admin.get("/api/auth/me")).json()["id"]
    other = await create_user(admin, Role.ADMIN, "other-admin@example.com")
    async with make_client(app) as second:
        for _ in range(ROUNDS):
            await sign_in(second, other["email"], PASSWORD)
            answers = await asyncio.gather(
                admin.patch(f"/api/users/{other['id']}", json=change),
                second.patch(f"/api/users/{first_id}", json=change),
            )
            statuses = sorted(a.status_code for a in answers)
            assert statuses[0] == 200, [a.text for a in answers]
            assert statuses[1] in LOSER_STATUSES, [a.text for a in answers]
            winner = admin if answers[0].status_code == 200 else second
            survivors = await _active_admins(winner)
            assert len(survivors) == 1
            # Put the loser back for the next round; whoever won signs in again where the winner was demoted.
            loser_id = other["id"] if winner is admin else first_id
            restore = await winner.patch(f"/api/users/{loser_id}", json={"role": "admin", "active": True})
            assert restore.status_code == 200, restore.text
            await sign_in(admin, ADMIN_EMAIL, ADMIN_PASSWORD)
