"""Signing in and out, and who may reach Administration."""

from __future__ import annotations

import re
from collections.abc import Callable

from conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from playwright.sync_api import Page, expect

SignIn = Callable[[Page, str, str], None]


def test_unauthenticated_visitor_is_sent_to_sign_in_and_back(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/admin/actions")
    expect(page).to_have_url(re.compile(r"/sign-in\?next=%2Fadmin%2Factions$"))
    page.get_by_label("Email").fill(ADMIN_EMAIL)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base_url}/admin/actions")
    expect(page.get_by_role("heading", name="Actions")).to_be_visible()


def test_wrong_password_shows_an_error(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/sign-in")
    page.get_by_label("Email").fill(ADMIN_EMAIL)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("wrong email or password")
    expect(page).to_have_url(f"{base_url}/sign-in")


def test_sign_in_keeps_the_session_across_reloads_then_sign_out_ends_it(
    page: Page, base_url: str, sign_in: SignIn
) -> None:
    sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD)
    expect(page).to_have_url(f"{base_url}/journeys")
    header = page.get_by_role("banner")
    expect(header.get_by_role("link", name="Journeys")).to_be_visible()
    expect(header.get_by_role("link", name="Administration")).to_be_visible()
    expect(header).to_contain_text(ADMIN_EMAIL)
    # The Secure session cookie works on http://127.0.0.1 (a trustworthy origin for Chromium).
    page.reload()
    expect(page.get_by_role("heading", name="Journeys")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/sign-in"))
    page.goto(f"{base_url}/journeys")
    expect(page).to_have_url(re.compile(r"/sign-in"))


def test_marketer_cannot_reach_administration(
    page: Page, base_url: str, sign_in: SignIn, create_user: Callable[[str], tuple[str, str]]
) -> None:
    email, password = create_user("marketer")
    sign_in(page, email, password)
    header = page.get_by_role("banner")
    expect(header.get_by_role("link", name="Journeys")).to_be_visible()
    expect(header.get_by_role("link", name="Administration")).to_have_count(0)

    page.goto(f"{base_url}/admin/actions")
    expect(page.get_by_role("heading", name="Access denied")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("does not have access to Administration")
    expect(page.get_by_role("button", name="Create action")).to_have_count(0)


def test_technical_user_sees_administration_without_users(
    page: Page, base_url: str, sign_in: SignIn, create_user: Callable[[str], tuple[str, str]]
) -> None:
    email, password = create_user("technical")
    sign_in(page, email, password)
    page.get_by_role("banner").get_by_role("link", name="Administration").click()
    tabs = page.get_by_role("navigation", name="Administration")
    expect(tabs.get_by_role("link", name="Actions")).to_be_visible()
    expect(tabs.get_by_role("link", name="Event types")).to_be_visible()
    expect(tabs.get_by_role("link", name="API tokens")).to_be_visible()
    expect(tabs.get_by_role("link", name="Users")).to_have_count(0)
    page.goto(f"{base_url}/admin/users")
    expect(page.get_by_role("alert")).to_contain_text("Only administrators")
