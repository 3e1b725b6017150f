"""The README walkthrough's integer/decimal mismatch is caught before publishing, and a locked action says why."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from conftest import unique
from playwright.sync_api import Page, expect

SignIn = Callable[[Page, str, str], None]
Factory = Callable[..., dict[str, Any]]
CreateUser = Callable[[str], tuple[str, str]]
MISMATCH = (
    "Amount expects an integer, but event.cart.total is a decimal: map a whole-number field, "
    "or ask a technical user to make Amount a decimal"
)


def reminder_action(create_action: Factory, amount_type: str) -> dict[str, Any]:
    """The walkthrough's send_reminder: ``to`` and ``amount`` variables, ``template`` a constant."""
    return create_action(
        name=unique("send_reminder"),
        requestPayload={
            "example": {"to": "a@b.c", "template": "cart", "amount": 1.0},
            "fields": [
                {"path": "to", "kind": "variable", "type": "string", "required": True},
                {"path": "template", "kind": "constant", "value": "cart", "type": "string"},
                {"path": "amount", "kind": "variable", "type": amount_type, "label": "Amount", "required": True},
            ],
        },
    )


def walkthrough_journey(api: httpx.Client, event_type: dict[str, Any], action: dict[str, Any]) -> dict[str, Any]:
    """cart_abandoned → send_reminder (to ← event.email, amount ← event.cart.total) → End, as a draft."""
    mappings = {
        "payload": {
            "to": {"source": "field", "field": "event.email"},
            "amount": {"source": "field", "field": "event.cart.total"},
        }
    }
    definition = {
        "nodes": [
            {"type": "event", "id": "entry", "position": {"x": 0, "y": 0}, "eventTypeId": event_type["id"]},
            {
                "type": "action",
                "id": "remind",
                "position": {"x": 320, "y": 0},
                "actionId": action["id"],
                "mappings": mappings,
            },
            {"type": "end", "id": "done", "position": {"x": 640, "y": 0}, "name": "Done"},
        ],
        "edges": [
            {"id": "e1", "source": "entry", "target": "remind", "sourceHandle": "next"},
            {"id": "e2", "source": "remind", "target": "done", "sourceHandle": "success"},
        ],
    }
    response = api.post("/api/journeys", json={"name": unique("Cart reminder"), "definition": definition})
    assert response.status_code == 201, response.text
    return dict(response.json())


def published_walkthrough(
    api: httpx.Client, create_event_type: Factory, create_action: Factory
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The walkthrough with a decimal *Amount*, published: its action is in use (its contract locked)."""
    event_type = create_event_type(
        name=unique("cart_abandoned"),
        example={"email": "ann@example.com", "cart": {"total": 42.5}},
        fields=[{"path": "email", "required": True}],
    )
    action = reminder_action(create_action, "decimal")
    journey = walkthrough_journey(api, event_type, action)
    assert api.post(f"/api/journeys/{journey['id']}/publish").status_code == 200
    return event_type, action, journey


def test_a_pasted_one_point_zero_is_a_decimal(
    page: Page, base_url: str, sign_in: SignIn, create_user: CreateUser
) -> None:
    sign_in(page, *create_user("technical"))
    page.goto(f"{base_url}/admin/actions/new")
    page.get_by_label("Request example (JSON)").fill('{"to": "a@b.c", "template": "cart", "amount": 1.0}')
    page.get_by_label("Field amount filled with").select_option("variable")
    expect(page.get_by_label("Field amount type")).to_have_value("decimal")
    expect(page.get_by_label("Field amount type")).to_be_enabled()  # the technical user can still change it


def test_the_integer_decimal_mismatch_is_flagged_before_publish(
    page: Page,
    base_url: str,
    api: httpx.Client,
    sign_in: SignIn,
    create_user: CreateUser,
    create_action: Factory,
    create_event_type: Factory,
) -> None:
    event_type = create_event_type(
        name=unique("cart_abandoned"),
        example={"email": "ann@example.com", "cart": {"total": 42.5}},
        fields=[{"path": "email", "required": True}, {"path": "cart.total", "required": True}],
    )
    action = reminder_action(create_action, "integer")
    journey = walkthrough_journey(api, event_type, action)
    sign_in(page, *create_user("marketer"))
    page.goto(f"{base_url}/journeys/{journey['id']}")

    # The inspector shows it on the mapping row…
    page.get_by_role("group", name=f"Action: {action['name']}", exact=True).click()
    inspector = page.get_by_role("complementary", name="Inspector")
    expect(inspector.get_by_role("group", name="Amount").get_by_role("alert")).to_have_text(f"Problem: {MISMATCH}")
    # …Validate lists it…
    page.get_by_role("button", name="Validate").click()
    problems = page.get_by_role("region", name="Problems")
    expect(problems).to_contain_text(MISMATCH)
    expect(problems).to_contain_text(action["name"])
    expect(problems.get_by_role("heading")).to_have_text("1 problem")
    # …and Publish refuses it.
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("the journey has problems; fix them before publishing")).to_be_visible()
    assert api.get(f"/api/journeys/{journey['id']}").json()["status"] == "draft"

    # Mapping a whole-number field instead fixes it; a warning alone does not block publishing.
    inspector.get_by_label("Field for Amount").select_option("journey.version")
    expect(inspector.get_by_role("group", name="Amount").get_by_role("alert")).to_have_count(0)
    expect(problems.get_by_role("heading")).to_have_text("No problems: ready to publish")


def test_a_locked_action_shows_why_and_offers_a_duplicate(
    page: Page,
    base_url: str,
    api: httpx.Client,
    sign_in: SignIn,
    create_user: CreateUser,
    create_action: Factory,
    create_event_type: Factory,
) -> None:
    _, action, journey = published_walkthrough(api, create_event_type, create_action)
    sign_in(page, *create_user("technical"))
    page.goto(f"{base_url}/admin/actions/{action['id']}")
    locked = page.get_by_role("region", name="Contract in use")
    expect(locked).to_contain_text(f"In use by {journey['name']} (live)")
    expect(page.get_by_label("Method")).to_be_disabled()
    expect(page.get_by_label("Field amount type")).to_be_disabled()
    expect(page.get_by_label("URL")).to_be_enabled()
    locked.get_by_role("button", name="Duplicate action").click()
    expect(page.get_by_role("status")).to_contain_text(f"Duplicated as {action['name']} (copy)")
    expect(page.get_by_role("region", name="Contract in use")).to_have_count(0)
    expect(page.get_by_label("Method")).to_be_enabled()
