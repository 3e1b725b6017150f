"""The journey API: create, read, save, delete, validate, roles and bad input."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec
from litestar import Litestar
from sqlmodel import select

from backend.db.journey_tables import JourneyVersionActionRow
from backend.db.tables import CustomActionRow, EventTypeRow
from tests.conftest import Client

MISSING = "00000000-0000-0000-0000-000000000000"


class Seeded(msgspec.Struct):
    """Ids of the event type and action every journey test refers to."""

    event_type_id: str
    action_id: str


async def seed(app: Litestar, action_name: str = "Send mail") -> Seeded:
    """An event type and a custom action with two required variables, stored as the action API stores them."""
    event = EventTypeRow(
        name="Order placed",
        name_key="order placed",
        example={"email": "a@example.com", "order": {"total": 10}},
        fields=[{"path": "email", "type": "string", "required": True}, {"path": "order", "type": "object"}],
    )
    action = CustomActionRow(
        name=action_name,
        name_key=action_name.lower(),
        method="POST",
        url="http://127.0.0.1:9/mail",
        headers=[
            {"name": "X-Id", "kind": "variable", "value": None, "type": "string", "label": None, "required": True}
        ],
        request_payload={"example": {"to": "x"}, "fields": [{"path": "to", "kind": "variable", "required": True}]},
        response_payload={"example": {"id": "m-1"}},
    )
    async with app.state.session_factory() as db:
        db.add(event)
        db.add(action)
        await db.commit()
    return Seeded(str(event.id), str(action.id))


def valid_definition(ids: Seeded) -> dict[str, Any]:
    """event -> send mail -> end, every variable mapped."""
    position = {"x": 0, "y": 0}
    mappings = {
        "headers": {"X-Id": {"source": "field", "field": "journey.id"}},
        "payload": {"to": {"source": "template", "template": "{{ event.email }}"}},
    }
    return {
        "nodes": [
            {"id": "e", "type": "event", "position": position, "eventTypeId": ids.event_type_id},
            {"id": "a", "type": "action", "position": position, "actionId": ids.action_id, "mappings": mappings},
            {"id": "end", "type": "end", "position": position},
        ],
        "edges": [
            {"id": "e1", "source": "e", "target": "a", "sourceHandle": "next"},
            {"id": "e2", "source": "a", "target": "end", "sourceHandle": "success"},
        ],
    }


async def create(client: Client, **body: Any) -> dict[str, Any]:
    """Create a journey through the API and return its JSON."""
    response = await client.post("/api/journeys", json={"name": "Welcome", **body})
    assert response.status_code == 201, response.text
    return dict(response.json())


async def version_actions(app: Litestar) -> set[tuple[str, str]]:
    """Every (version id, action id) pair of ``journey_version_actions``."""
    async with app.state.session_factory() as db:
        rows = (await db.exec(select(JourneyVersionActionRow))).all()
    return {(str(r.version_id), str(r.action_id)) for r in rows}


async def test_create_answers_the_journey_with_draft_version_1(app: Litestar, marketer: Client) -> None:
    ids = await seed(app)
    journey = await create(marketer, description="Say hi", definition=valid_definition(ids))
    assert journey["status"] == "draft"
    assert journey["version"] == 1
    assert journey["liveVersion"] is None
    current = journey["journeyVersion"]
    assert current["version"] == 1
    assert current["status"] == "draft"
    assert current["definition"]["nodes"][1]["actionId"] == ids.action_id
    assert current["settings"] == {"reentrance": False, "reentranceWaitSeconds": 0}
    listed = (await marketer.get("/api/journeys")).json()
    assert [(j["name"], j["status"], j["version"]) for j in listed] == [("Welcome", "draft", 1)]
    assert await version_actions(app) == {(current["id"], ids.action_id)}


async def test_every_role_reads_and_edits_journeys(admin: Client, technical: Client, marketer: Client) -> None:
    journey = await create(admin)
    for client in (admin, technical, marketer):
        assert (await client.get(f"/api/journeys/{journey['id']}")).status_code == 200
        response = await client.put(f"/api/journeys/{journey['id']}", json={"description": "edited"})
        assert response.status_code == 200, response.text
        assert (await client.post("/api/journeys", json={"name": "Mine"})).status_code == 201


async def test_anonymous_callers_get_401(client: Client) -> None:
    assert (await client.get("/api/journeys")).status_code == 401
    assert (await client.post("/api/journeys", json={"name": "x"})).status_code == 401


async def test_create_rejects_bad_input_naming_the_field(marketer: Client) -> None:
    cases = [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": "x", "color": "red"}, "color"),
        (
            {"name": "x", "definition": {"nodes": [{"id": "n", "type": "teleport", "position": {"x": 0, "y": 0}}]}},
            "definition.nodes[0]",
        ),
        (
            {"name": "x", "definition": {"nodes": [{"id": "bad id!", "type": "end", "position": {"x": 0, "y": 0}}]}},
            "definition.nodes[0].id",
        ),
        ({"name": "x", "settings": {"reentranceWaitSeconds": -1}}, "settings.reentranceWaitSeconds"),
        # "settings" is also a dependency's name in the framework: its errors were taken for a server fault.
        ({"name": "x", "settings": {"foo": 1}}, "settings.foo"),
        ({"name": "x", "settings": "often"}, "settings"),
    ]
    for body, field in cases:
        response = await marketer.post("/api/journeys", json=body)
        assert response.status_code == 400, body
        assert any(e["field"].startswith(field) for e in response.json()["errors"]), response.json()
    assert (await marketer.get("/api/journeys")).json() == []


async def test_put_saves_definition_settings_and_name_into_the_draft(app: Litestar, marketer: Client) -> None:
    ids = await seed(app)
    journey = await create(marketer)
    body = {
        "name": "Renamed",
        "definition": valid_definition(ids),
        "settings": {"reentrance": True, "reentranceWaitSeconds": 60},
    }
    saved = (await marketer.put(f"/api/journeys/{journey['id']}", json=body)).json()
    assert saved["name"] == "Renamed"
    assert (
        saved["journeyVersion"]["definition"]
        == (await marketer.get(f"/api/journeys/{journey['id']}")).json()["journeyVersion"]["definition"]
    )
    assert saved["journeyVersion"]["settings"]["reentrance"] is True
    assert await version_actions(app) == {(journey["journeyVersion"]["id"], ids.action_id)}
    emptied = await marketer.put(f"/api/journeys/{journey['id']}", json={"definition": {"nodes": [], "edges": []}})
    assert emptied.json()["journeyVersion"]["definition"]["nodes"] == []
    assert await version_actions(app) == set()


async def test_a_save_based_on_an_older_draft_is_refused_and_changes_nothing(app: Litestar, marketer: Client) -> None:
    ids = await seed(app)
    journey = await create(marketer)
    url = f"/api/journeys/{journey['id']}"
    opened = journey["journeyVersion"]["updatedAt"]  # two editors open the same draft
    first = await marketer.put(url, json={"definition": valid_definition(ids), "baseUpdatedAt": opened})
    assert first.status_code == 200, first.text
    second = await marketer.put(url, json={"definition": {"nodes": [], "edges": []}, "baseUpdatedAt": opened})
    assert second.status_code == 409
    assert second.json()["errors"] == [
        {"field": "baseUpdatedAt", "message": "the draft changed since this time", "code": "invalid", "params": {}}
    ]
    stored = (await marketer.get(url)).json()["journeyVersion"]
    assert stored["definition"] == first.json()["journeyVersion"]["definition"]
    # Starting from what the first editor saved works, and a rename alone never conflicts.
    again = {"settings": {"reentrance": True, "reentranceWaitSeconds": 0}, "baseUpdatedAt": stored["updatedAt"]}
    assert (await marketer.put(url, json=again)).status_code == 200
    assert (await marketer.put(url, json={"name": "Renamed", "baseUpdatedAt": opened})).status_code == 200
    # A time without a zone is ambiguous: refused at the door, naming the field.
    naive = await marketer.put(url, json={"settings": again["settings"], "baseUpdatedAt": "2026-11-27T00:00:00"})
    assert naive.status_code == 400
    assert [e["field"] for e in naive.json()["errors"]] == ["baseUpdatedAt"]


async def test_put_with_a_bad_definition_is_400_and_changes_nothing(marketer: Client) -> None:
    journey = await create(marketer)
    body = {"name": "Changed", "definition": {"nodes": [{"id": "w", "type": "wait", "position": {"x": 0}}]}}
    response = await marketer.put(f"/api/journeys/{journey['id']}", json=body)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"].startswith("definition.nodes[0].position")
    assert (await marketer.get(f"/api/journeys/{journey['id']}")).json()["name"] == "Welcome"


async def test_unknown_journeys_and_versions_are_404(marketer: Client) -> None:
    base = f"/api/journeys/{MISSING}"
    assert (await marketer.get(base)).status_code == 404
    assert (await marketer.put(base, json={"name": "x"})).status_code == 404
    assert (await marketer.delete(base)).status_code == 404
    for action in ("versions", "validate", "publish", "close", "stop", "duplicate"):
        assert (await marketer.post(f"{base}/{action}")).status_code == 404, action
    assert (await marketer.get(f"{base}/versions")).status_code == 404
    assert (await marketer.get(f"{base}/export")).status_code == 404
    journey = await create(marketer)
    assert (await marketer.get(f"/api/journeys/{journey['id']}?version=2")).status_code == 404


async def test_validate_checks_the_latest_version_or_the_given_definition(app: Litestar, marketer: Client) -> None:
    ids = await seed(app)
    journey = await create(marketer)
    url = f"/api/journeys/{journey['id']}/validate"
    stored = await marketer.post(url)
    assert stored.status_code == 200
    assert stored.json() == {
        "valid": False,
        "problems": [{"message": "the journey needs exactly one entry event node"}],
    }
    given = await marketer.post(url, json={"definition": valid_definition(ids)})
    assert given.json() == {"valid": True, "problems": []}
    broken = valid_definition(ids)
    del broken["nodes"][1]["mappings"]["payload"]["to"]
    problems = (await marketer.post(url, json={"definition": broken})).json()["problems"]
    assert problems == [{"nodeId": "a", "message": "required variable 'to' (payload) is not mapped"}]
    bad = await marketer.post(url, json={"definition": {"nodes": "x"}})
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "definition.nodes"


async def test_validate_reports_references_that_do_not_exist(marketer: Client) -> None:
    ids = Seeded(str(uuid.uuid4()), str(uuid.uuid4()))
    journey = await create(marketer, definition=valid_definition(ids))
    result = (await marketer.post(f"/api/journeys/{journey['id']}/validate")).json()
    messages = {(p.get("nodeId"), p["message"].split(" ")[0]) for p in result["problems"]}
    assert messages == {("e", "event"), ("a", "action")}


async def test_delete_removes_a_draft_only_journey(app: Litestar, marketer: Client) -> None:
    ids = await seed(app)
    journey = await create(marketer, definition=valid_definition(ids))
    assert (await marketer.delete(f"/api/journeys/{journey['id']}")).status_code == 204
    assert (await marketer.get(f"/api/journeys/{journey['id']}")).status_code == 404
    assert await version_actions(app) == set()


async def test_delete_of_a_published_journey_is_409(app: Litestar, marketer: Client) -> None:
    ids = await seed(app)
    journey = await create(marketer, definition=valid_definition(ids))
    assert (await marketer.post(f"/api/journeys/{journey['id']}/publish")).status_code == 200
    assert (await marketer.post(f"/api/journeys/{journey['id']}/versions")).status_code == 201
    assert (await marketer.delete(f"/api/journeys/{journey['id']}")).status_code == 409
    assert (await marketer.get(f"/api/journeys/{journey['id']}")).status_code == 200
