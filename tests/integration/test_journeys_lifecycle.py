"""Journey versions over time: publish, new version, close, stop; duplicate, export and import."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Litestar
from sqlmodel import delete

from backend.db.tables import CustomActionRow
from backend.runtime.ingestion.entry import LiveVersions
from tests.conftest import Client
from tests.integration.test_journeys import create, seed, valid_definition, version_actions


async def test_publishing_an_invalid_draft_is_422_with_the_problems(marketer: Client) -> None:
    journey = await create(marketer, definition={"nodes": [{"id": "x", "type": "end", "position": {"x": 0, "y": 0}}]})
    response = await marketer.post(f"/api/journeys/{journey['id']}/publish")
    assert response.status_code == 422
    body = response.json()
    assert {"message": "the journey needs exactly one entry event node"} in body["extra"]["problems"]
    problem = {"field": "definition", "message": "the journey needs exactly one entry event node"}
    assert {**problem, "code": "invalid", "params": {}} in body["errors"]
    assert (await marketer.get(f"/api/journeys/{journey['id']}")).json()["status"] == "draft"


async def test_publish_new_version_close_and_stop(app: Litestar, marketer: Client) -> None:
    ids = await seed(app)
    journey = await create(marketer, definition=valid_definition(ids))
    url = f"/api/journeys/{journey['id']}"
    live = await marketer.post(f"{url}/publish")
    assert live.status_code == 200
    assert (live.json()["status"], live.json()["liveVersion"]) == ("live", 1)
    assert live.json()["journeyVersion"]["publishedAt"] is not None
    assert (await marketer.post(f"{url}/publish")).status_code == 409
    assert (await marketer.put(url, json={"definition": {"nodes": [], "edges": []}})).status_code == 409
    assert (await marketer.put(url, json={"settings": {"reentrance": True}})).status_code == 409

    draft = await marketer.post(f"{url}/versions")
    assert draft.status_code == 201
    assert (draft.json()["version"], draft.json()["status"], draft.json()["liveVersion"]) == (2, "draft", 1)
    assert draft.json()["journeyVersion"]["definition"] == live.json()["journeyVersion"]["definition"]
    assert (await marketer.post(f"{url}/versions")).status_code == 409
    assert (await marketer.put(url, json={"settings": {"reentrance": True}})).status_code == 200
    assert (await marketer.get(f"{url}?version=1")).json()["journeyVersion"]["settings"]["reentrance"] is False

    second = (await marketer.post(f"{url}/publish")).json()
    assert (second["status"], second["version"], second["liveVersion"]) == ("live", 2, 2)
    statuses = [(v["version"], v["status"]) for v in (await marketer.get(f"{url}/versions")).json()]
    assert statuses == [(1, "closed"), (2, "live")]

    closed = await marketer.post(f"{url}/close")
    assert (closed.json()["status"], closed.json()["liveVersion"]) == ("closed", None)
    assert (await marketer.post(f"{url}/close")).status_code == 409
    stopped = await marketer.post(f"{url}/stop")
    assert stopped.json()["status"] == "stopped"
    statuses = [(v["version"], v["status"]) for v in (await marketer.get(f"{url}/versions")).json()]
    assert statuses == [(1, "stopped"), (2, "stopped")]
    assert (await marketer.post(f"{url}/stop")).status_code == 409
    assert (await marketer.put(url, json={"name": "Renamed after stop"})).status_code == 200
    listed = (await marketer.get("/api/journeys")).json()[0]
    assert (listed["name"], listed["status"], listed["version"]) == ("Renamed after stop", "stopped", 2)


async def test_stop_works_on_a_live_version_and_close_needs_one(app: Litestar, technical: Client) -> None:
    ids = await seed(app)
    journey = await create(technical, definition=valid_definition(ids))
    url = f"/api/journeys/{journey['id']}"
    assert (await technical.post(f"{url}/close")).status_code == 409
    assert (await technical.post(f"{url}/stop")).status_code == 409
    await technical.post(f"{url}/publish")
    assert (await technical.post(f"{url}/stop")).json()["status"] == "stopped"


async def test_version_actions_follow_every_version(app: Litestar, marketer: Client) -> None:
    ids = await seed(app)
    journey = await create(marketer, definition=valid_definition(ids))
    url = f"/api/journeys/{journey['id']}"
    await marketer.post(f"{url}/publish")
    v2 = (await marketer.post(f"{url}/versions")).json()["journeyVersion"]["id"]
    expected = {(journey["journeyVersion"]["id"], ids.action_id), (v2, ids.action_id)}
    assert await version_actions(app) == expected
    await marketer.put(url, json={"definition": {"nodes": [], "edges": []}})
    assert await version_actions(app) == {(journey["journeyVersion"]["id"], ids.action_id)}


async def test_live_versions_by_event_type_lists_only_live_entries(app: Litestar, marketer: Client) -> None:
    ids = await seed(app)
    journey = await create(marketer, definition=valid_definition(ids), settings={"reentrance": True})
    await create(marketer, definition=valid_definition(ids))  # a draft never lets profiles in
    await marketer.post(f"/api/journeys/{journey['id']}/publish")
    async with app.state.engine.connect() as connection:
        live = await connection.run_sync(LiveVersions().by_event_type)
    found = live.get(uuid.UUID(ids.event_type_id), [])
    other = live.get(uuid.uuid4(), [])
    assert [(str(v.journey_id), v.version, v.settings.reentrance) for v in found] == [(journey["id"], 1, True)]
    assert found[0].definition.nodes[1].id == "a"
    assert other == []


async def test_duplicate_copies_the_latest_definition_as_a_new_draft(app: Litestar, marketer: Client) -> None:
    ids = await seed(app)
    journey = await create(marketer, definition=valid_definition(ids))
    await marketer.post(f"/api/journeys/{journey['id']}/publish")
    copy = await marketer.post(f"/api/journeys/{journey['id']}/duplicate")
    assert copy.status_code == 201
    body = copy.json()
    assert (body["name"], body["status"], body["version"]) == ("Copy of Welcome", "draft", 1)
    assert body["id"] != journey["id"]
    assert body["journeyVersion"]["definition"] == journey["journeyVersion"]["definition"]
    assert (body["journeyVersion"]["id"], ids.action_id) in await version_actions(app)


async def test_export_carries_references_by_id_and_name(app: Litestar, marketer: Client) -> None:
    ids = await seed(app)
    journey = await create(marketer, description="d", definition=valid_definition(ids))
    document = (await marketer.get(f"/api/journeys/{journey['id']}/export")).json()
    assert (document["format"], document["formatVersion"], document["name"]) == ("journey-builder", 1, "Welcome")
    assert document["references"] == {
        "actions": [{"id": ids.action_id, "name": "Send mail"}],
        "eventTypes": [{"id": ids.event_type_id, "name": "Order placed"}],
    }
    imported = await marketer.post("/api/journeys/import", json=document)
    assert imported.status_code == 201
    assert imported.json()["journeyVersion"]["definition"] == journey["journeyVersion"]["definition"]
    assert (await marketer.get(f"/api/journeys/{journey['id']}/export?version=3")).status_code == 404


async def test_import_relinks_missing_references_by_name(app: Litestar, marketer: Client) -> None:
    ids = await seed(app)
    journey = await create(marketer, definition=valid_definition(ids))
    document: dict[str, Any] = (await marketer.get(f"/api/journeys/{journey['id']}/export")).json()
    async with app.state.session_factory() as db:
        await db.exec(delete(CustomActionRow))
        replacement = CustomActionRow(name="SEND MAIL", name_key="send mail", method="POST", url="http://127.0.0.1:9/")
        db.add(replacement)
        await db.commit()
    imported = (await marketer.post("/api/journeys/import", json=document)).json()
    action_node = imported["journeyVersion"]["definition"]["nodes"][1]
    assert action_node["actionId"] == str(replacement.id)
    assert imported["journeyVersion"]["definition"]["nodes"][0]["eventTypeId"] == ids.event_type_id
    assert (imported["journeyVersion"]["id"], str(replacement.id)) in await version_actions(app)


async def test_import_rejects_invalid_documents_naming_fields(marketer: Client) -> None:
    good = {"format": "journey-builder", "formatVersion": 1, "name": "In", "definition": {"nodes": [], "edges": []}}
    cases = [
        ({**good, "formatVersion": 2}, "formatVersion"),
        ({**good, "format": "n8n"}, "format"),
        ({k: v for k, v in good.items() if k != "definition"}, "definition"),
        ({**good, "definition": {"edges": [{"id": "e", "source": "a"}]}}, "definition.edges[0].target"),
        ({**good, "references": {"actions": [{"id": "nope", "name": "x"}]}}, "references.actions[0].id"),
    ]
    for body, field in cases:
        response = await marketer.post("/api/journeys/import", json=body)
        assert response.status_code == 400, body
        assert response.json()["errors"][0]["field"] == field, response.json()
    assert (await marketer.get("/api/journeys")).json() == []
    assert (await marketer.post("/api/journeys/import", json=good)).status_code == 201
