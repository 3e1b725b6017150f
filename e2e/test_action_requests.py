"""Path parameters, form bodies, nulls and redirects in the action editor, and path parameters mapped on the canvas."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx
from conftest import unique
from playwright.sync_api import Page, expect

from tests.fake_third_party import FakeThirdParty

SignIn = Callable[[Page, str, str], None]
CreateUser = Callable[[str], tuple[str, str]]


def test_path_parameters_follow_the_url_and_a_form_body_is_sent(
    page: Page, base_url: str, sign_in: SignIn, create_user: CreateUser
) -> None:
    sign_in(page, *create_user("technical"))
    name = unique("Send form")
    page.goto(f"{base_url}/admin/actions/new")
    with FakeThirdParty() as fake:
        page.get_by_label("Name", exact=True).fill(name)
        page.get_by_label("URL", exact=True).fill(fake.url + "/v1/users/{userId}/boxes/{box}")
        expect(page.get_by_label("Path parameter 1 name")).to_have_value("userId")
        expect(page.get_by_label("Path parameter 1 name")).not_to_be_editable()
        expect(page.get_by_label("Path parameter 2 name")).to_have_value("box")
        page.get_by_label("Path parameter 1 label").fill("User")
        page.get_by_label("Path parameter 2 kind").select_option("constant")
        page.get_by_label("Path parameter 2 value").fill("in box")
        expect(page.get_by_role("button", name="Remove path parameter 1")).to_have_count(0)
        page.get_by_label("Body encoding").select_option("form")
        page.get_by_label("Request example (JSON)").fill('{"to": "+15550100", "text": "Hello"}')
        page.get_by_label("Field to filled with").select_option("variable")
        page.get_by_label("Field text filled with").select_option("variable")
        page.get_by_label("Field text required").uncheck()
        page.get_by_label("Field text allows null").check()
        page.get_by_label("Follow redirects").uncheck()
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_role("status")).to_contain_text(f"Saved {name}")
        expect(page).to_have_url(re.compile(r"/admin/actions/[0-9a-f-]{36}$"))

        fake.route("POST", "/v1/users/a%2F..%2Fb/boxes/in%20box", status=302, headers={"Location": "/elsewhere"})
        page.get_by_label("Sample path parameter userId").fill("a/../b")
        page.get_by_label("Sample field to").fill("+15550199")
        page.get_by_label("Sample field text").fill("")
        page.get_by_role("button", name="Send test request").click()
        expect(page.get_by_role("region", name="Test result").get_by_test_id("test-status")).to_have_text("302")
        [sent] = fake.requests
        assert sent.target == "/v1/users/a%2F..%2Fb/boxes/in%20box"
        assert sent.headers["content-type"] == "application/x-www-form-urlencoded"
        assert sent.form == {"to": "+15550199"}  # text has no value: a form leaves it out even when it allows null

        page.reload()
        expect(page.get_by_label("Path parameter 2 value")).to_have_value("in box")
        expect(page.get_by_label("Body encoding")).to_have_value("form")
        expect(page.get_by_label("Follow redirects")).not_to_be_checked()
        expect(page.get_by_label("Field text allows null")).to_be_checked()


def test_a_marketer_maps_a_path_parameter_on_the_canvas(
    page: Page,
    base_url: str,
    api: httpx.Client,
    sign_in: SignIn,
    create_user: CreateUser,
    create_action: Callable[..., dict[str, Any]],
    create_event_type: Callable[..., dict[str, Any]],
) -> None:
    event_type = create_event_type()
    path = [{"name": "userId", "kind": "variable", "label": "User id"}]
    action = create_action(url="http://127.0.0.1:9/users/{userId}/sms", pathParameters=path)
    definition = {
        "nodes": [
            {"type": "event", "id": "entry", "position": {"x": 0, "y": 0}, "eventTypeId": event_type["id"]},
            {"type": "action", "id": "sms", "position": {"x": 320, "y": 0}, "actionId": action["id"]},
        ],
        "edges": [{"id": "e1", "source": "entry", "target": "sms", "sourceHandle": "next"}],
    }
    journey = api.post("/api/journeys", json={"name": unique("Path"), "definition": definition}).json()
    sign_in(page, *create_user("marketer"))
    page.goto(f"{base_url}/journeys/{journey['id']}")
    page.get_by_role("group", name=f"Action: {action['name']}", exact=True).click()
    inspector = page.get_by_role("complementary", name="Inspector")
    expect(inspector.get_by_role("region", name="Path parameters")).to_be_visible()
    inspector.get_by_label("Source of User id").select_option("constant")
    inspector.get_by_label("Value of User id").fill("u-42")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text("All changes saved")
    stored = api.get(f"/api/journeys/{journey['id']}").json()["journeyVersion"]["definition"]
    sms = next(n for n in stored["nodes"] if n["id"] == "sms")
    assert sms["mappings"]["pathParameters"] == {"userId": {"source": "constant", "value": "u-42"}}
