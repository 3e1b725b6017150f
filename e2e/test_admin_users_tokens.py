"""Admins manage accounts; technical users and admins manage API tokens shown once."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import httpx
from conftest import ADMIN_EMAIL, ADMIN_PASSWORD, unique
from playwright.sync_api import Page, expect

SignIn = Callable[[Page, str, str], None]


def test_admin_adds_a_user_changes_the_role_and_deactivates(
    page: Page, base_url: str, api: httpx.Client, sign_in: SignIn
) -> None:
    sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD)
    page.goto(f"{base_url}/admin/users")
    email = f"new-{uuid.uuid4().hex[:10]}@example.com"
    form = page.get_by_role("form", name="Add user")
    form.get_by_label("Email").fill(email)
    form.get_by_label("Password").fill("short")
    form.get_by_role("button", name="Add user").click()
    expect(form.locator(".field").filter(has_text="Password")).to_contain_text("8")

    form.get_by_label("Password").fill("long-enough-password")
    form.get_by_label("Role").select_option("technical")
    form.get_by_role("button", name="Add user").click()
    row = page.get_by_role("row").filter(has_text=email)
    expect(row.get_by_label(f"Role of {email}")).to_have_value("technical")

    row.get_by_label(f"Role of {email}").select_option("marketer")
    expect(row.get_by_label(f"Role of {email}")).to_have_value("marketer")
    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Deactivate").click()
    expect(row).to_contain_text("deactivated")
    user = next(u for u in api.get("/api/users").json() if u["email"] == email)
    assert (user["role"], user["active"]) == ("marketer", False)


def test_technical_user_creates_a_token_seen_once_then_revokes_it(
    page: Page, base_url: str, server: str, sign_in: SignIn, create_user: Callable[[str], tuple[str, str]]
) -> None:
    sign_in(page, *create_user("technical"))
    page.goto(f"{base_url}/admin/tokens")
    name = unique("CRM sync")
    page.get_by_label("Token name").fill(name)
    page.get_by_role("button", name="Create token").click()
    token = page.get_by_label("New token").inner_text()
    headers = {"Authorization": f"Bearer {token}"}
    assert httpx.get(f"{server}/api/auth/me", headers=headers).status_code == 200

    page.reload()
    expect(page.get_by_label("New token")).to_have_count(0)
    row = page.get_by_role("row").filter(has_text=name)
    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Revoke").click()
    expect(row).to_contain_text("revoked")
    assert httpx.get(f"{server}/api/auth/me", headers=headers).status_code == 401
