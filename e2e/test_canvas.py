"""The journey canvas in a real browser: palette, drag-and-drop, connecting, mapping, saving, validation, publishing."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx
from conftest import unique
from playwright.sync_api import Locator, Page, expect

SignIn = Callable[[Page, str, str], None]
Factory = Callable[..., dict[str, Any]]
CreateUser = Callable[[str], tuple[str, str]]


def create_journey(api: httpx.Client, definition: dict[str, Any] | None = None) -> dict[str, Any]:
    """A draft journey seeded through the API."""
    body: dict[str, Any] = {"name": unique("Welcome")}
    if definition is not None:
        body["definition"] = definition
    response = api.post("/api/journeys", json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def open_as_marketer(
    page: Page, base_url: str, sign_in: SignIn, create_user: CreateUser, journey: dict[str, Any]
) -> None:
    """Sign in as a new marketer and open the journey's canvas."""
    sign_in(page, *create_user("marketer"))
    page.goto(f"{base_url}/journeys/{journey['id']}")


def node(page: Page, kind: str, name: str) -> Locator:
    """A canvas node by its accessible name ("Action: Send SMS")."""
    return page.get_by_role("group", name=f"{kind}: {name}", exact=True)


def offset(a: Locator, b: Locator) -> tuple[int, int]:
    """Where `a` sits relative to `b` on screen, rounded (zoom is 1 by default)."""
    box_a, box_b = a.bounding_box(), b.bounding_box()
    assert box_a is not None
    assert box_b is not None
    return round(box_a["x"] - box_b["x"]), round(box_a["y"] - box_b["y"])


def chain(event_type: dict[str, Any], action: dict[str, Any], mapped: bool) -> dict[str, Any]:
    """Event → action → End, with the action's "to" variable mapped or not."""
    payload = {"to": {"source": "field", "field": "event.customer.phone"}} if mapped else {}
    return {
        "nodes": [
            {"type": "event", "id": "entry", "position": {"x": 0, "y": 0}, "eventTypeId": event_type["id"]},
            {
                "type": "action",
                "id": "sms",
                "position": {"x": 320, "y": 0},
                "actionId": action["id"],
                "mappings": {"payload": payload},
            },
            {"type": "end", "id": "done", "position": {"x": 640, "y": 0}, "name": "Done"},
        ],
        "edges": [
            {"id": "e1", "source": "entry", "target": "sms", "sourceHandle": "next"},
            {"id": "e2", "source": "sms", "target": "done", "sourceHandle": "success"},
        ],
    }


def test_action_created_in_administration_appears_in_the_palette(
    page: Page, base_url: str, api: httpx.Client, sign_in: SignIn, create_user: CreateUser
) -> None:
    sign_in(page, *create_user("technical"))
    page.goto(f"{base_url}/admin/actions")
    page.get_by_role("link", name="Create action").or_(page.get_by_role("button", name="Create action")).click()
    name = unique("Create CRM contact")
    form = page.get_by_role("form", name="Action")
    form.get_by_label("Name", exact=True).fill(name)
    form.get_by_label("Method").select_option("POST")
    form.get_by_label("URL").fill("https://crm.example.com/contacts")
    form.get_by_label("Description").fill("Creates the contact in the CRM")
    form.get_by_role("button", name="Save").click()
    # Once saved, the editor moves to the stored action's address.
    expect(page).to_have_url(re.compile(r"/admin/actions/[0-9a-f-]{36}$"))

    journey = create_journey(api)
    page.goto(f"{base_url}/journeys/{journey['id']}")
    palette = page.get_by_role("complementary", name="Palette")
    item = palette.get_by_role("region", name="Action").get_by_role("button", name=name)
    expect(item).to_be_visible()
    expect(item).to_have_attribute("title", "Creates the contact in the CRM")
    palette.get_by_label("Search").fill("no such step")
    expect(item).to_be_hidden()
    palette.get_by_label("Search").fill(name[:10])
    expect(item).to_be_visible()
    expect(palette.get_by_role("button", name="Condition", exact=True)).to_be_hidden()


def test_marketer_builds_connects_maps_saves_and_finds_it_after_reload(
    page: Page,
    base_url: str,
    api: httpx.Client,
    sign_in: SignIn,
    create_user: CreateUser,
    create_action: Factory,
    create_event_type: Factory,
) -> None:
    event_type, action = create_event_type(), create_action()
    journey = create_journey(api)
    open_as_marketer(page, base_url, sign_in, create_user, journey)
    palette = page.get_by_role("complementary", name="Palette")
    pane = page.locator(".react-flow__pane")
    palette.get_by_role("button", name=event_type["name"]).drag_to(pane, target_position={"x": 160, "y": 90})
    palette.get_by_role("button", name=action["name"]).drag_to(pane, target_position={"x": 420, "y": 250})
    palette.get_by_role("button", name="End", exact=True).drag_to(pane, target_position={"x": 160, "y": 420})
    expect(page.get_by_role("status")).to_have_text("Unsaved changes")

    event_node, action_node = node(page, "Event", event_type["name"]), node(page, "Action", action["name"])
    end_node = node(page, "End", "End")
    page.get_by_label(f"Output next of {event_type['name']}").drag_to(action_node)
    page.get_by_label(f"Output success of {action['name']}").drag_to(end_node)
    expect(page.locator(".react-flow__edge")).to_have_count(2)

    action_node.click()
    inspector = page.get_by_role("complementary", name="Inspector")
    inspector.get_by_label("Source of Phone").select_option("field")
    inspector.get_by_label("Field for Phone").select_option("event.customer.phone")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text("All changes saved")

    page.reload()
    for located in (event_node, action_node, end_node):
        expect(located).to_be_visible()
    expect(page.locator(".react-flow__edge")).to_have_count(2)
    action_node.click()
    expect(inspector.get_by_label("Field for Phone")).to_have_value("event.customer.phone")

    stored = api.get(f"/api/journeys/{journey['id']}").json()["journeyVersion"]["definition"]
    kinds = {n["type"]: n for n in stored["nodes"]}
    assert set(kinds) == {"event", "action", "end"}
    assert kinds["event"]["eventTypeId"] == event_type["id"]
    assert kinds["action"]["mappings"]["payload"] == {"to": {"source": "field", "field": "event.customer.phone"}}
    handles = {(e["source"], e["sourceHandle"], e["target"]) for e in stored["edges"]}
    assert handles == {
        (kinds["event"]["id"], "next", kinds["action"]["id"]),
        (kinds["action"]["id"], "success", kinds["end"]["id"]),
    }


def test_validation_problems_are_badged_on_the_right_nodes(
    page: Page,
    base_url: str,
    api: httpx.Client,
    sign_in: SignIn,
    create_user: CreateUser,
    create_action: Factory,
    create_event_type: Factory,
) -> None:
    event_type, action = create_event_type(), create_action()
    definition = chain(event_type, action, mapped=False)
    definition["nodes"].append({"type": "wait", "id": "orphan", "position": {"x": 320, "y": 200}, "name": "Orphan"})
    definition["edges"].append({"id": "e3", "source": "orphan", "target": "done", "sourceHandle": "next"})
    journey = create_journey(api, definition)
    open_as_marketer(page, base_url, sign_in, create_user, journey)

    page.get_by_role("button", name="Validate").click()
    problems = page.get_by_role("region", name="Problems")
    expect(problems).to_contain_text("required variable 'to'")
    badge = node(page, "Action", action["name"]).get_by_role("img", name=re.compile("problem"))
    expect(badge).to_have_accessible_name(re.compile(r"required variable"))
    orphan_badge = node(page, "Wait", "Orphan").get_by_role("img", name=re.compile("problem"))
    expect(orphan_badge).to_have_accessible_name(re.compile("reached"))
    expect(node(page, "End", "Done").get_by_role("img")).to_have_count(0)
    expect(node(page, "Event", event_type["name"]).get_by_role("img")).to_have_count(0)

    # Clicking a problem selects its node in the inspector.
    problems.get_by_role("button", name="Orphan").click()
    inspector = page.get_by_role("complementary", name="Inspector")
    expect(inspector.get_by_label("Name", exact=True)).to_have_value("Orphan")

    # Fixing a problem clears its badge by itself (the journey is checked again after the change).
    node(page, "Action", action["name"]).click()
    inspector.get_by_label("Source of Phone").select_option("field")
    inspector.get_by_label("Field for Phone").select_option("event.customer.phone")
    expect(badge).to_have_count(0)
    expect(problems).not_to_contain_text("required variable 'to'")
    expect(orphan_badge).to_have_accessible_name(re.compile("reached"))


def test_publish_makes_the_canvas_read_only_and_a_new_version_is_editable(
    page: Page,
    base_url: str,
    api: httpx.Client,
    sign_in: SignIn,
    create_user: CreateUser,
    create_action: Factory,
    create_event_type: Factory,
) -> None:
    event_type, action = create_event_type(), create_action()
    journey = create_journey(api, chain(event_type, action, mapped=True))
    open_as_marketer(page, base_url, sign_in, create_user, journey)

    page.get_by_role("button", name="Publish").click()
    toolbar = page.get_by_role("region", name="Journey toolbar")
    expect(toolbar.get_by_text("Live", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Publish")).to_have_count(0)
    expect(page.get_by_role("button", name="Save")).to_have_count(0)
    palette = page.get_by_role("complementary", name="Palette")
    expect(palette.get_by_role("button", name="End", exact=True)).to_be_disabled()

    end_node, action_node = node(page, "End", "Done"), node(page, "Action", action["name"])
    before = offset(end_node, action_node)
    box = end_node.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + 40, box["y"] + 10)
    page.mouse.down()
    page.mouse.move(box["x"] + 140, box["y"] + 160, steps=8)
    page.mouse.up()
    # Dragging pans the view at most; the node keeps its place relative to the others.
    assert offset(end_node, action_node) == before
    end_node.click()
    inspector = page.get_by_role("complementary", name="Inspector")
    expect(inspector.get_by_label("Name", exact=True)).to_be_disabled()
    expect(inspector.get_by_role("button", name="Delete")).to_be_disabled()
    page.keyboard.press("Delete")
    expect(end_node).to_be_visible()

    page.get_by_role("button", name="Create new version").click()
    expect(toolbar.get_by_text("Draft", exact=True)).to_be_visible()
    expect(toolbar.get_by_label("Version")).to_have_value("2")
    expect(palette.get_by_role("button", name="End", exact=True)).to_be_enabled()


def test_dropping_onto_a_connection_inserts_the_step_and_undo_takes_it_out(
    page: Page,
    base_url: str,
    api: httpx.Client,
    sign_in: SignIn,
    create_user: CreateUser,
    create_action: Factory,
    create_event_type: Factory,
) -> None:
    event_type, action = create_event_type(), create_action()
    journey = create_journey(api, chain(event_type, action, mapped=True))
    open_as_marketer(page, base_url, sign_in, create_user, journey)
    expect(page.locator(".react-flow__edge")).to_have_count(2)
    edges_before = 2
    box = page.locator(".react-flow__edge-path").first.bounding_box()
    assert box is not None
    pane = page.locator(".react-flow__pane")
    pane_box = pane.bounding_box()
    assert pane_box is not None
    target = {"x": box["x"] + box["width"] / 2 - pane_box["x"], "y": box["y"] + box["height"] / 2 - pane_box["y"]}
    page.get_by_role("complementary", name="Palette").get_by_role("button", name="Wait", exact=True).drag_to(
        pane, target_position=target
    )
    expect(node(page, "Wait", "Wait")).to_be_visible()
    expect(page.locator(".react-flow__edge")).to_have_count(edges_before + 1)

    page.locator(".react-flow__pane").click(position={"x": 5, "y": 5})
    page.keyboard.press("Control+z")
    expect(node(page, "Wait", "Wait")).to_have_count(0)
    expect(page.locator(".react-flow__edge")).to_have_count(edges_before)
    page.keyboard.press("Control+Shift+z")
    expect(node(page, "Wait", "Wait")).to_be_visible()
    expect(page.locator(".react-flow__edge")).to_have_count(edges_before + 1)

    # Without a mouse: Enter on a palette item adds it at the next free spot.
    page.get_by_role("complementary", name="Palette").get_by_role("button", name="End", exact=True).press("Enter")
    expect(node(page, "End", "End")).to_be_visible()
    expect(page.get_by_role("region", name="Journey toolbar").get_by_role("status")).to_have_text("Unsaved changes")


def test_journey_settings_set_re_entry_and_are_saved_with_the_journey(
    page: Page, base_url: str, api: httpx.Client, sign_in: SignIn, create_user: CreateUser
) -> None:
    journey = create_journey(api)
    open_as_marketer(page, base_url, sign_in, create_user, journey)
    settings = page.get_by_role("group", name="Journey settings")
    settings.get_by_label("Profiles may enter again after they leave").check()
    settings.get_by_label("Wait before entering again").fill("2")
    settings.get_by_label("Wait unit").select_option("hours")
    expect(page.get_by_role("status")).to_have_text("Unsaved changes")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text("All changes saved")

    page.reload()
    expect(settings.get_by_label("Profiles may enter again after they leave")).to_be_checked()
    expect(settings.get_by_label("Wait before entering again")).to_have_value("2")
    expect(settings.get_by_label("Wait unit")).to_have_value("hours")
    stored = api.get(f"/api/journeys/{journey['id']}").json()["journeyVersion"]["settings"]
    assert stored == {"reentrance": True, "reentranceWaitSeconds": 7200}


def test_saving_over_a_draft_someone_else_saved_meanwhile_is_refused(
    page: Page, base_url: str, api: httpx.Client, sign_in: SignIn, create_user: CreateUser
) -> None:
    journey = create_journey(api)
    open_as_marketer(page, base_url, sign_in, create_user, journey)
    expect(page.get_by_role("group", name="Journey settings")).to_be_visible()
    # Another editor saves the same draft after this page opened it.
    other = {"definition": {"nodes": [], "edges": []}, "baseUpdatedAt": journey["journeyVersion"]["updatedAt"]}
    assert api.put(f"/api/journeys/{journey['id']}", json=other).status_code == 200

    page.get_by_label("Profiles may enter again after they leave").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("saved by someone else")
    expect(page.get_by_role("status")).to_have_text("Unsaved changes")
    stored = api.get(f"/api/journeys/{journey['id']}").json()["journeyVersion"]["settings"]
    assert stored["reentrance"] is False
