"""A technical user configures a custom action in Administration, tests it and sees server validation."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from conftest import unique
from playwright.sync_api import Locator, Page, expect

from tests.fake_third_party import FakeThirdParty

SignIn = Callable[[Page, str, str], None]


@pytest.fixture(name="third_party")
def third_party_fixture() -> Iterator[FakeThirdParty]:
    """A REST API on 127.0.0.1 that records what the action sends."""
    with FakeThirdParty() as fake:
        fake.route("POST", "/v1/messages", status=201, json={"messageId": "m-42", "queued": True})
        yield fake


@pytest.fixture(name="technical_page")
def technical_page_fixture(page: Page, sign_in: SignIn, create_user: Callable[[str], tuple[str, str]]) -> Page:
    """A page signed in as a new technical user."""
    sign_in(page, *create_user("technical"))
    return page


def field_of(page: Page, label: str) -> Locator:
    """The labelled form field's container, where its server error appears."""
    return page.locator(".field").filter(has=page.get_by_label(label, exact=True))


def fill_action_form(page: Page, name: str, url: str) -> None:
    """Fill every main field of a new action."""
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Description", exact=True).fill("Sends a text message to a customer")
    page.get_by_label("Method", exact=True).select_option("POST")
    page.get_by_label("URL", exact=True).fill(url)

    page.get_by_role("button", name="Add header").click()
    page.get_by_label("Header 1 name").fill("X-Source")
    page.get_by_label("Header 1 value").fill("journeys")
    page.get_by_role("button", name="Add header").click()
    page.get_by_label("Header 2 name").fill("X-Tenant")
    page.get_by_label("Header 2 kind").select_option("variable")
    page.get_by_label("Header 2 label").fill("Tenant")
    page.get_by_role("button", name="Add header").click()
    page.get_by_label("Header 3 name").fill("X-Api-Key")
    page.get_by_label("Header 3 secret").check()
    page.get_by_label("Header 3 value").fill("hdr-key-e2e")
    page.get_by_role("button", name="Add query parameter").click()
    page.get_by_label("Query parameter 1 name").fill("channel")
    page.get_by_label("Query parameter 1 value").fill("sms")

    page.get_by_label("Authentication", exact=True).select_option("bearer")
    page.get_by_label("Token", exact=True).fill("sk-test-123")

    page.get_by_label("Request example (JSON)").fill('{"to": "+15550100", "text": "Hello", "meta": {"campaign": "c1"}}')
    page.get_by_label("Field to filled with").select_option("variable")
    page.get_by_label("Field to label").fill("Phone number")
    page.get_by_label("Field text filled with").select_option("constant")
    page.get_by_label("Field text value").fill("Your order shipped")
    page.get_by_label("Response example (JSON)").fill('{"messageId": "m-1", "queued": true}')

    page.get_by_label("Timeout (ms)").fill("5000")
    page.get_by_label("Max retries").fill("2")
    page.get_by_label("Capping: max calls").fill("1000")
    page.get_by_label("Capping: period (seconds)").fill("60")
    page.get_by_label("Throttling: max calls per second").fill("50")


def test_technical_user_creates_tests_and_lists_an_action(
    technical_page: Page, base_url: str, third_party: FakeThirdParty
) -> None:
    page = technical_page
    name = unique("Send SMS")
    page.goto(f"{base_url}/admin/actions")
    page.get_by_role("button", name="Create action").click()
    expect(page.get_by_role("heading", name="New action")).to_be_visible()
    fill_action_form(page, name, f"{third_party.url}/v1/messages")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("status")).to_contain_text(f"Saved {name}")
    expect(page).to_have_url(re.compile(r"/admin/actions/[0-9a-f-]{36}$"))
    # The secret is write-only: after saving it shows as set, never its value.
    expect(page.get_by_role("button", name="Replace token")).to_be_visible()
    expect(page.get_by_text("sk-test-123")).to_have_count(0)
    # So is a secret header: masked, empty, saying a value is stored.
    secret_header = page.get_by_label("Header 3 value")
    expect(secret_header).to_have_attribute("type", "password")
    expect(secret_header).to_have_value("")
    expect(secret_header).to_have_attribute("placeholder", "Value stored; type to replace")

    page.get_by_label("Sample header X-Tenant").fill("acme")
    page.get_by_label("Sample field to").fill("+15550199")
    page.get_by_role("button", name="Send test request").click()
    result = page.get_by_role("region", name="Test result")
    expect(result.get_by_test_id("test-status")).to_have_text("201")
    expect(result).to_contain_text("m-42")

    sent = third_party.requests_to("/v1/messages")[-1]
    assert sent.headers["authorization"] == "Bearer sk-test-123"
    assert sent.headers["x-source"] == "journeys"
    assert sent.headers["x-tenant"] == "acme"
    assert sent.headers["x-api-key"] == "hdr-key-e2e"
    assert "hdr-key-e2e" not in page.content()
    assert sent.query == {"channel": ["sms"]}
    assert sent.json == {"to": "+15550199", "text": "Your order shipped", "meta": {"campaign": "c1"}}

    page.get_by_role("navigation", name="Administration").get_by_role("link", name="Actions").click()
    row = page.get_by_role("row").filter(has_text=name)
    expect(row).to_contain_text("POST")
    expect(row).to_contain_text(re.sub(r"^https?://", "", third_party.url))


def test_editing_an_action_shows_server_errors_next_to_their_fields(
    technical_page: Page, base_url: str, create_action: Callable[..., dict[str, object]]
) -> None:
    page = technical_page
    action = create_action(headers=[{"name": "X-Source", "kind": "constant", "value": "journeys"}])
    page.goto(f"{base_url}/admin/actions/{action['id']}")
    expect(page.get_by_label("Name", exact=True)).to_have_value(str(action["name"]))
    expect(page.get_by_label("Header 1 name")).to_have_value("X-Source")
    expect(page.get_by_label("Field to filled with")).to_have_value("variable")

    page.get_by_label("URL", exact=True).fill("ftp://example.com/files")
    page.get_by_label("Header 1 name").fill("Bad Header")
    page.get_by_role("button", name="Save").click()

    expect(field_of(page, "URL").locator(".field-error")).to_contain_text("http")
    expect(page.get_by_label("URL", exact=True)).to_have_attribute("aria-invalid", "true")
    header_cell = page.get_by_role("cell").filter(has=page.get_by_label("Header 1 name"))
    expect(header_cell).to_contain_text("not a valid header name")
    expect(page.get_by_role("alert").first).to_be_visible()

    page.get_by_label("URL", exact=True).fill("https://api.example.com/v2/sms")
    page.get_by_label("Header 1 name").fill("X-Origin")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Saved")
    page.reload()
    expect(page.get_by_label("URL", exact=True)).to_have_value("https://api.example.com/v2/sms")
    expect(page.get_by_label("Header 1 name")).to_have_value("X-Origin")


def test_deleting_an_action_asks_first(
    technical_page: Page, base_url: str, create_action: Callable[..., dict[str, object]]
) -> None:
    page = technical_page
    action = create_action()
    page.goto(f"{base_url}/admin/actions/{action['id']}")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete").click()
    expect(page).to_have_url(f"{base_url}/admin/actions")
    expect(page.get_by_role("row").filter(has_text=str(action["name"]))).to_have_count(0)


def test_deleting_an_action_a_live_journey_uses_names_the_journey(
    technical_page: Page,
    base_url: str,
    api: httpx.Client,
    create_action: Callable[..., dict[str, Any]],
    create_event_type: Callable[..., dict[str, Any]],
) -> None:
    page = technical_page
    action = create_action()
    event_type = create_event_type()
    definition = {
        "nodes": [
            {"type": "event", "id": "start", "position": {"x": 0, "y": 0}, "eventTypeId": event_type["id"]},
            {
                "type": "action",
                "id": "sms",
                "position": {"x": 0, "y": 150},
                "actionId": action["id"],
                "mappings": {"payload": {"to": {"source": "field", "field": "event.customer.phone"}}},
            },
            {"type": "end", "id": "done", "position": {"x": 0, "y": 300}},
        ],
        "edges": [
            {"id": "e1", "source": "start", "target": "sms", "sourceHandle": "next"},
            {"id": "e2", "source": "sms", "target": "done", "sourceHandle": "success"},
        ],
    }
    journey = api.post("/api/journeys", json={"name": unique("Shipping notice"), "definition": definition}).json()
    published = api.post(f"/api/journeys/{journey['id']}/publish")
    assert published.status_code == 200, published.text

    page.goto(f"{base_url}/admin/actions")
    row = page.get_by_role("row").filter(has_text=str(action["name"]))
    expect(row.get_by_role("link", name=journey["name"])).to_be_visible()
    row.get_by_role("link", name=str(action["name"])).click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete").click()
    expect(page.get_by_role("alert")).to_contain_text(journey["name"])
    expect(page).to_have_url(f"{base_url}/admin/actions/{action['id']}")
