"""A technical user defines an event type from an example and sees its derived fields."""

from __future__ import annotations

import re
from collections.abc import Callable

from conftest import unique
from playwright.sync_api import Page, expect

SignIn = Callable[[Page, str, str], None]


def test_technical_user_creates_and_edits_an_event_type(
    page: Page, base_url: str, sign_in: SignIn, create_user: Callable[[str], tuple[str, str]]
) -> None:
    sign_in(page, *create_user("technical"))
    name = unique("Order placed")
    page.goto(f"{base_url}/admin/event-types")
    page.get_by_role("button", name="Create event type").click()
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Description", exact=True).fill("A customer completed checkout")
    page.get_by_label("Example (JSON)").fill('{"orderId": "o-1", "total": 12.0, "items": [{"sku": "A-1"}]}')
    fields = page.get_by_role("table", name="Event fields")
    expect(fields).to_contain_text("items.0.sku")
    expect(page.get_by_label("Field total type")).to_have_value("decimal")  # 12.0 is written as a decimal
    expect(page.get_by_label("Field items.0.sku type")).to_have_value("string")
    page.get_by_label("Field orderId required").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text(f"Saved {name}")
    expect(page).to_have_url(re.compile(r"/admin/event-types/[0-9a-f-]{36}$"))
    page.reload()
    expect(page.get_by_label("Field total type")).to_have_value("decimal")  # kept, though the example now shows 12
    expect(page.get_by_label("Field orderId required")).to_be_checked()

    page.get_by_label("Example (JSON)").fill('{"orderId": ')
    expect(page.locator(".field").filter(has_text="Example (JSON)")).to_contain_text("not valid JSON")
    page.get_by_label("Example (JSON)").fill('{"orderId": "o-1", "currency": "EUR"}')
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Saved")

    page.get_by_role("link", name="All event types").click()
    row = page.get_by_role("row").filter(has_text=name)
    expect(row).to_contain_text("A customer completed checkout")
    expect(row.get_by_role("cell").nth(1)).to_have_text("2")


def test_duplicate_event_type_name_is_reported_on_the_name(
    page: Page,
    base_url: str,
    sign_in: SignIn,
    create_user: Callable[[str], tuple[str, str]],
    create_event_type: Callable[..., dict[str, object]],
) -> None:
    existing = create_event_type()
    sign_in(page, *create_user("technical"))
    page.goto(f"{base_url}/admin/event-types/new")
    page.get_by_label("Name", exact=True).fill(str(existing["name"]))
    page.get_by_label("Example (JSON)").fill('{"a": 1}')
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page).to_have_url(f"{base_url}/admin/event-types/new")
