"""Ingestion: validation against the event type, idempotent ids, batches, size limit, profiles, entry rules."""

from __future__ import annotations

from litestar import Litestar

from backend.config import Settings
from backend.runtime.clock import ManualClock
from tests.conftest import Client
from tests.integration.runtime_support import (
    ORDER_EXAMPLE,
    edge,
    instance,
    make_event_type,
    make_worker,
    node,
    publish,
    send,
)

REQUIRED = {"code": "required", "params": {}}


def _end_journey(event_type_id: str, **event_fields: object) -> dict[str, object]:
    return {
        "nodes": [node("start", "event", eventTypeId=event_type_id, **event_fields), node("done", "end")],
        "edges": [edge("start", "done")],
    }


async def test_event_starts_an_instance_and_answers_202(admin: Client) -> None:
    event_type = await make_event_type(admin)
    journey_id = await publish(admin, _end_journey(event_type["id"]))
    response = await send(admin)
    assert response.status_code == 202, response.text
    body = response.json()
    assert len(body["instances"]) == 1
    assert body["duplicate"] is False
    found = await instance(admin, body["instances"][0])
    assert (found["journeyId"], found["profileId"], found["status"]) == (journey_id, "p-1", "running")
    assert [s["nodeId"] for s in found["steps"]] == ["start"]


async def test_type_by_id_and_unknown_type(admin: Client) -> None:
    event_type = await make_event_type(admin)
    assert (await send(admin, type=event_type["id"])).status_code == 202
    unknown = await send(admin, type="nope")
    assert unknown.status_code == 400
    assert unknown.json()["errors"][0]["field"] == "type"


async def test_event_type_edits_and_deletions_apply_to_the_next_event(admin: Client) -> None:
    event_type = await make_event_type(admin)
    assert (await send(admin)).status_code == 202  # the type is now known to ingestion
    renamed = {"name": "order made", "example": {"order": {"id": "o-1", "total": "ten"}}}
    assert (await admin.put(f"/api/event-types/{event_type['id']}", json=renamed)).status_code == 200
    assert (await send(admin)).json()["errors"][0]["field"] == "type"  # the old name is gone
    wrong_now = await send(admin, type="order made")  # total is a number in the data, a string in the new example
    assert wrong_now.status_code == 400
    assert {e["field"] for e in wrong_now.json()["errors"]} == {"data.order.total"}
    assert (await admin.delete(f"/api/event-types/{event_type['id']}")).status_code == 204
    assert (await send(admin, type=event_type["id"])).status_code == 400


async def test_data_of_the_wrong_type_names_the_field(admin: Client) -> None:
    await make_event_type(admin)
    data = {"order": {"id": "o-1", "total": "ten", "items": [{"sku": 5}]}}
    response = await send(admin, data=data)
    assert response.status_code == 400
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"data.order.total", "data.order.items.0.sku"}
    missing_field = await admin.post("/api/events", json={"type": "order placed", "data": {}})
    assert missing_field.status_code == 400
    assert "profileId" in missing_field.text


async def test_an_event_without_a_required_field_is_refused_naming_it(admin: Client) -> None:
    required = [{"path": "email", "required": True}, {"path": "order.items.0.sku", "required": True}]
    body = {"name": "order placed", "example": ORDER_EXAMPLE, "fields": required}
    assert (await admin.post("/api/event-types", json=body)).status_code == 201
    assert (await send(admin)).status_code == 202
    no_email = await send(admin, data={"order": {"id": "o-2", "total": 3, "items": [{"sku": "a"}, {}]}})
    assert no_email.status_code == 400
    assert no_email.json()["errors"] == [
        {"field": "data.order.items.1.sku", "message": "is required by the event type and missing", **REQUIRED},
        {"field": "data.email", "message": "is required by the event type and missing", **REQUIRED},
    ]
    null_email = await send(admin, data={**ORDER_EXAMPLE, "email": None})
    assert [e["field"] for e in null_email.json()["errors"]] == ["data.email"]
    # order.id and order.total are optional; a required field inside a list is required in each item there is
    optional_missing = await send(admin, data={"email": "b@example.com", "order": {"items": []}})
    assert optional_missing.status_code == 202, optional_missing.text


async def test_body_over_64_kb_is_413(admin: Client) -> None:
    await make_event_type(admin)
    response = await send(admin, data={**ORDER_EXAMPLE, "note": "x" * 70_000})
    assert response.status_code == 413


async def test_repeated_event_id_is_a_duplicate_not_processed_again(admin: Client) -> None:
    event_type = await make_event_type(admin)
    await publish(admin, _end_journey(event_type["id"]), {"reentrance": True})
    first = (await send(admin, id="evt-1")).json()
    again = await send(admin, id="evt-1")
    assert again.status_code == 202
    assert again.json() == {"eventId": first["eventId"], "instances": first["instances"], "duplicate": True}
    listed = (await admin.get("/api/instances", params={"profileId": "p-1"})).json()
    assert len(listed) == 1


async def test_batch_answers_per_event(admin: Client) -> None:
    await make_event_type(admin)
    events = [
        {"type": "order placed", "profileId": "a", "data": ORDER_EXAMPLE, "id": "b-1"},
        {"type": "order placed", "profileId": "b", "data": {"order": {"total": "x"}}},
        {"type": "order placed", "profileId": "c", "data": ORDER_EXAMPLE, "id": "b-1"},
    ]
    response = await admin.post("/api/events/batch", json={"events": events})
    assert response.status_code == 202, response.text
    body = response.json()
    assert (body["accepted"], body["rejected"]) == (2, 1)
    assert [r["status"] for r in body["results"]] == [202, 400, 202]
    assert body["results"][2]["duplicate"] is True
    assert body["results"][1]["errors"][0]["field"] == "data.order.total"
    too_many = await admin.post("/api/events/batch", json={"events": [events[0]] * 1001})
    assert too_many.status_code == 400


async def test_profile_attributes_are_merged(admin: Client, marketer: Client) -> None:
    await make_event_type(admin)
    assert (await send(admin, profile={"tier": "gold", "city": "Oslo"})).status_code == 202
    assert (await send(admin, profile={"tier": "silver"})).status_code == 202
    profile = (await marketer.get("/api/profiles/p-1")).json()
    assert profile["attributes"] == {"tier": "silver", "city": "Oslo"}
    put = await admin.put("/api/profiles/p-1", json={"attributes": {"age": 40}})
    assert put.json()["attributes"] == {"tier": "silver", "city": "Oslo", "age": 40}
    assert (await admin.get("/api/profiles/unknown")).status_code == 404


async def test_events_need_a_caller(client: Client) -> None:
    assert (await client.post("/api/events", json={"type": "x", "profileId": "p", "data": {}})).status_code == 401


async def test_entry_filter_and_reentry_rules(
    app: Litestar, clock: ManualClock, settings: Settings, admin: Client
) -> None:
    event_type = await make_event_type(admin)
    big = {"match": "all", "rules": [{"field": "event.order.total", "operator": "greaterThan", "value": 100}]}
    await publish(admin, _end_journey(event_type["id"], filter=big))
    small = await send(admin)
    assert small.json()["instances"] == []
    large = {"order": {"id": "o-2", "total": 500.0}}
    first = (await send(admin, data=large)).json()["instances"]
    assert len(first) == 1
    assert (await send(admin, data=large)).json()["instances"] == []  # already inside
    worker = make_worker(app, settings, clock)
    try:
        await worker.run_until_idle()
    finally:
        await worker.close()
    assert (await instance(admin, first[0]))["status"] == "completed"
    assert (await send(admin, data=large)).json()["instances"] == []  # re-entrance is off


async def test_reentrance_waits_between_exits(
    app: Litestar, clock: ManualClock, settings: Settings, admin: Client
) -> None:
    event_type = await make_event_type(admin)
    await publish(admin, _end_journey(event_type["id"]), {"reentrance": True, "reentranceWaitSeconds": 600})
    worker = make_worker(app, settings, clock)
    try:
        assert len((await send(admin)).json()["instances"]) == 1
        await worker.run_until_idle()
        assert (await send(admin)).json()["instances"] == []
        clock.advance(601)
        assert len((await send(admin)).json()["instances"]) == 1
    finally:
        await worker.close()


async def test_entry_filters_read_journey_name_and_profile_id(admin: Client) -> None:
    event_type = await make_event_type(admin)
    rules = [
        {"field": "journey.name", "operator": "equals", "value": "journey"},
        {"field": "profile.id", "operator": "equals", "value": "p-1"},
    ]
    await publish(admin, _end_journey(event_type["id"], filter={"match": "all", "rules": rules}))
    assert len((await send(admin)).json()["instances"]) == 1
    assert (await send(admin, profile_id="p-2")).json()["instances"] == []
