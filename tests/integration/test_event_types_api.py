"""`/api/event-types` through HTTP: CRUD, derived fields, validation, conflicts and usage by journeys."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Litestar

from backend.db.journey_tables import JourneyRow, JourneyVersionRow
from tests.conftest import Client

EXAMPLE = {"orderId": "o-1", "total": 9.5, "items": [{"sku": "a", "qty": 2}], "vip": True}


async def create(client: Client, name: str = "Order placed", example: Any = EXAMPLE) -> dict[str, Any]:
    response = await client.post("/api/event-types", json={"name": name, "description": "d", "example": example})
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_create_derives_fields_and_everyone_can_read(technical: Client, marketer: Client) -> None:
    created = await create(technical)
    assert created["fields"] == [
        {"path": "orderId", "type": "string", "required": False},
        {"path": "total", "type": "decimal", "required": False},
        {"path": "items", "type": "array", "required": False},
        {"path": "items.0", "type": "object", "required": False},
        {"path": "items.0.sku", "type": "string", "required": False},
        {"path": "items.0.qty", "type": "integer", "required": False},
        {"path": "vip", "type": "boolean", "required": False},
    ]
    assert created["example"] == EXAMPLE
    assert (await marketer.get("/api/event-types")).json() == [created]
    assert (await marketer.get(f"/api/event-types/{created['id']}")).json() == created


async def test_bad_input_is_400_naming_the_field(technical: Client) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"name": "x", "example": [1, 2]}, "example"),
        ({"name": "x", "example": "text"}, "example"),
        ({"name": "x"}, "example"),
        ({"name": "", "example": {}}, "name"),
        ({"name": "  ", "example": {}}, "name"),
        ({"name": "x", "example": {}, "fields": [{"path": "nope"}]}, "fields[0].path"),
        ({"name": "x", "example": {"a": 1}, "fields": [{"path": "a", "type": "money"}]}, "fields[0].type"),
        ({"name": 3, "example": {}}, "name"),
    ]
    for body, field in cases:
        response = await technical.post("/api/event-types", json=body)
        assert response.status_code == 400, (body, response.text)
        assert response.json()["errors"][0]["field"] == field, body
    assert (await technical.get("/api/event-types")).json() == []


async def test_the_technical_user_sets_field_types_and_required_flags(technical: Client) -> None:
    body = {
        "name": "Cart",
        "example": {"amount": 1, "note": "n"},
        "fields": [{"path": "amount", "type": "decimal", "required": True}, {"path": "note"}],
    }
    created = await technical.post("/api/event-types", json=body)
    assert created.status_code == 201, created.text
    assert created.json()["fields"] == [
        {"path": "amount", "type": "decimal", "required": True},
        {"path": "note", "type": "string", "required": False},
    ]
    twice = {**body, "fields": [{"path": "note"}, {"path": "note", "required": True}]}
    answer = await technical.put(f"/api/event-types/{created.json()['id']}", json=twice)
    assert answer.status_code == 400
    assert answer.json()["errors"] == [
        {
            "field": "fields[1].path",
            "message": "'note' is listed twice",
            "code": "listedTwice",
            "params": {"path": "note"},
        }
    ]
    unknown = {**body, "fields": [{"path": "total"}]}
    answer = await technical.put(f"/api/event-types/{created.json()['id']}", json=unknown)
    assert answer.status_code == 400
    assert answer.json()["errors"] == [
        {
            "field": "fields[0].path",
            "message": "'total' is not a path of the example",
            "code": "notExamplePath",
            "params": {"path": "total"},
        }
    ]


async def test_names_are_unique_case_insensitively(technical: Client) -> None:
    first = await create(technical)
    other = await create(technical, "Cart abandoned")
    assert (await technical.post("/api/event-types", json={"name": "ORDER PLACED", "example": {}})).status_code == 409
    clash = await technical.put(f"/api/event-types/{other['id']}", json={"name": "order placed", "example": {}})
    assert clash.status_code == 409
    renamed = await technical.put(f"/api/event-types/{first['id']}", json={"name": "Order Placed", "example": {"a": 1}})
    assert renamed.status_code == 200
    assert renamed.json()["fields"] == [{"path": "a", "type": "integer", "required": False}]
    assert renamed.json()["createdAt"] == first["createdAt"]


async def test_unknown_ids_are_404_and_marketers_cannot_change(technical: Client, marketer: Client) -> None:
    missing = uuid.uuid4()
    assert (await technical.get(f"/api/event-types/{missing}")).status_code == 404
    assert (await technical.put(f"/api/event-types/{missing}", json={"name": "x", "example": {}})).status_code == 404
    assert (await technical.delete(f"/api/event-types/{missing}")).status_code == 404
    created = await create(technical)
    assert (await marketer.post("/api/event-types", json={"name": "y", "example": {}})).status_code == 403
    assert (
        await marketer.put(f"/api/event-types/{created['id']}", json={"name": "y", "example": {}})
    ).status_code == 403
    assert (await marketer.delete(f"/api/event-types/{created['id']}")).status_code == 403


def definition(event_type_id: str) -> dict[str, Any]:
    node = {"id": "start", "type": "event", "position": {"x": 0, "y": 0}, "eventTypeId": event_type_id}
    return {"nodes": [node, {"id": "end", "type": "end", "position": {"x": 0, "y": 100}}], "edges": []}


async def seed_version(app: Litestar, name: str, status: str, event_type_id: str) -> None:
    async with app.state.session_factory() as db:
        journey = JourneyRow(name=name)
        db.add(journey)
        await db.flush()
        db.add(JourneyVersionRow(journey_id=journey.id, version=1, status=status, definition=definition(event_type_id)))
        await db.commit()


async def test_delete_is_refused_while_a_published_journey_starts_with_it(app: Litestar, technical: Client) -> None:
    used = await create(technical)
    drafted = await create(technical, "Signed up")
    await seed_version(app, "Loyalty", "live", used["id"])
    await seed_version(app, "Old loyalty", "closed", used["id"])
    await seed_version(app, "Welcome", "draft", drafted["id"])
    refused = await technical.delete(f"/api/event-types/{used['id']}")
    assert refused.status_code == 409
    assert "Loyalty (live)" in refused.json()["detail"]
    assert "Old loyalty (closed)" in refused.json()["detail"]
    assert (await technical.get(f"/api/event-types/{used['id']}")).status_code == 200
    assert (await technical.delete(f"/api/event-types/{drafted['id']}")).status_code == 204
    assert (await technical.get(f"/api/event-types/{drafted['id']}")).status_code == 404
