"""A technical user imports an action from a cURL command, saves and tests it, maps it on the canvas, and the live
journey calls the fake third party with the request the command describes."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from conftest import unique
from playwright.sync_api import Page, expect

from tests.fake_third_party import FakeThirdParty, RecordedRequest

SignIn = Callable[[Page, str, str], None]
TOKEN = "sk-e2e-curl-77"
COMMAND = """curl -k '{url}/v1/messages?channel=sms' \\
  -H 'Authorization: Bearer {token}' \\
  -H 'X-Tenant: acme' \\
  -H 'Content-Type: application/json' \\
  --data-raw '{{"to": "+15550100", "text": "Your order shipped", "meta": {{"campaign": "c1"}}}}'"""


@pytest.fixture(name="third_party")
def third_party_fixture() -> Iterator[FakeThirdParty]:
    """The REST API the pasted command targets, on 127.0.0.1."""
    with FakeThirdParty() as fake:
        fake.route("POST", "/v1/messages", status=201, json={"messageId": "m-7"})
        yield fake


def wait_for_requests(third_party: FakeThirdParty, path: str, count: int) -> list[RecordedRequest]:
    """The requests to ``path`` once there are ``count`` of them (the worker calls in the background)."""
    deadline = time.monotonic() + 15
    while len(third_party.requests_to(path)) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    requests = third_party.requests_to(path)
    assert len(requests) >= count, f"{len(requests)} requests to {path}"
    return requests


def journey_calling(action: dict[str, Any], event_type: dict[str, Any]) -> dict[str, Any]:
    """Event → the imported action (its ``to`` not mapped yet: that is done on the canvas) → End."""
    return {
        "nodes": [
            {"type": "event", "id": "entry", "position": {"x": 0, "y": 0}, "eventTypeId": event_type["id"]},
            {
                "type": "action",
                "id": "sms",
                "position": {"x": 320, "y": 0},
                "actionId": action["id"],
                "mappings": {"payload": {}},
            },
            {"type": "end", "id": "done", "position": {"x": 640, "y": 0}, "name": "Done"},
        ],
        "edges": [
            {"id": "e1", "source": "entry", "target": "sms", "sourceHandle": "next"},
            {"id": "e2", "source": "sms", "target": "done", "sourceHandle": "success"},
        ],
    }


def test_an_imported_curl_command_becomes_an_action_a_journey_calls(
    page: Page,
    base_url: str,
    api: httpx.Client,
    sign_in: SignIn,
    create_user: Callable[[str], tuple[str, str]],
    create_event_type: Callable[..., dict[str, Any]],
    third_party: FakeThirdParty,
) -> None:
    sign_in(page, *create_user("technical"))
    page.goto(f"{base_url}/admin/actions")
    page.get_by_role("button", name="Import from cURL").click()
    dialog = page.get_by_role("dialog", name="Import from cURL")
    dialog.get_by_label("cURL command").fill("wget https://example.com")
    dialog.get_by_role("button", name="Import").click()
    expect(dialog.get_by_role("alert")).to_contain_text("is not a cURL command")

    dialog.get_by_label("cURL command").fill(COMMAND.format(url=third_party.url, token=TOKEN))
    expect(dialog.get_by_role("alert")).to_have_count(0)
    dialog.get_by_role("button", name="Import").click()

    expect(page.get_by_role("heading", name="New action")).to_be_visible()
    warnings = page.get_by_role("region", name="Imported from cURL")
    expect(warnings).to_contain_text("--insecure is ignored")
    expect(page.get_by_label("Method", exact=True)).to_have_value("POST")
    expect(page.get_by_label("URL", exact=True)).to_have_value(f"{third_party.url}/v1/messages")
    expect(page.get_by_label("Header 1 name")).to_have_value("X-Tenant")
    expect(page.get_by_label("Query parameter 1 name")).to_have_value("channel")
    expect(page.get_by_label("Authentication", exact=True)).to_have_value("bearer")
    token = page.get_by_label("Token", exact=True)
    expect(token).to_have_attribute("type", "password")
    expect(token).to_have_value(TOKEN)
    assert TOKEN not in page.evaluate("JSON.stringify(window.history.state)")

    name = unique("Imported SMS")
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Field to filled with").select_option("variable")
    page.get_by_label("Field to label").fill("Phone")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text(f"Saved {name}")
    expect(page).to_have_url(re.compile(r"/admin/actions/[0-9a-f-]{36}$"))
    expect(page.get_by_role("region", name="Imported from cURL")).to_have_count(0)
    expect(page.get_by_role("button", name="Replace token")).to_be_visible()

    page.get_by_label("Sample field to").fill("+15550199")
    page.get_by_role("button", name="Send test request").click()
    expect(page.get_by_role("region", name="Test result").get_by_test_id("test-status")).to_have_text("201")
    tested = wait_for_requests(third_party, "/v1/messages", 1)[-1]
    assert (tested.method, tested.query) == ("POST", {"channel": ["sms"]})
    assert tested.headers["authorization"] == f"Bearer {TOKEN}"
    assert tested.headers["x-tenant"] == "acme"
    assert tested.json == {"to": "+15550199", "text": "Your order shipped", "meta": {"campaign": "c1"}}

    action = {"id": page.url.rsplit("/", 1)[1]}
    event_type = create_event_type()
    journey = api.post(
        "/api/journeys", json={"name": unique("Shipping"), "definition": journey_calling(action, event_type)}
    )
    assert journey.status_code == 201, journey.text
    page.goto(f"{base_url}/journeys/{journey.json()['id']}")
    page.get_by_role("group", name=f"Action: {name}", exact=True).click()
    inspector = page.get_by_role("complementary", name="Inspector")
    inspector.get_by_label("Source of Phone").select_option("field")
    inspector.get_by_label("Field for Phone").select_option("event.customer.phone")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text("All changes saved")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("region", name="Journey toolbar").get_by_text("Live", exact=True)).to_be_visible()

    event = {
        "type": event_type["name"],
        "profileId": unique("ann").replace(" ", "-"),
        "id": unique("evt").replace(" ", "-"),
        "data": {"orderId": "o-1", "total": 12.5, "customer": {"email": "ann@example.com", "phone": "+15550123"}},
    }
    accepted = api.post("/api/events", json=event)
    assert accepted.status_code == 202, accepted.text

    called = wait_for_requests(third_party, "/v1/messages", 2)[-1]
    assert (called.method, called.query) == ("POST", {"channel": ["sms"]})
    assert called.headers["authorization"] == f"Bearer {TOKEN}"
    assert called.headers["x-tenant"] == "acme"
    assert called.headers["content-type"] == "application/json"
    assert called.json == {"to": "+15550123", "text": "Your order shipped", "meta": {"campaign": "c1"}}
