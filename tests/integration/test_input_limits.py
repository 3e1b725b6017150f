"""Input limits on every JSON body: nesting depth, NUL characters and sizes, each refused with a plain 4xx."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from sqlalchemy import text

from tests.conftest import Client
from tests.integration.runtime_support import ORDER_EXAMPLE, make_event_type, node, publish, send

JSON = {"content-type": "application/json"}
_STORE_SQLITE = "UPDATE journey_instances SET context = :context"
_STORE_POSTGRES = "UPDATE journey_instances SET context = CAST(:context AS JSON)"


def nested(levels: int) -> str:
    """JSON text of objects ``levels`` deep (``{"a": {"a": … 1}}``)."""
    return '{"a":' * levels + "1" + "}" * levels


async def send_raw(client: Client, method: str, url: str, text: str) -> Any:
    return await client.request(method, url, content=text.encode(), headers=JSON)


def event_text(data: str) -> str:
    return '{"type": "order placed", "profileId": "p-1", "data": {"x": ' + data + "}}"


def assert_refused(response: Any, status: int, field_start: str, words: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["status"] == status
    assert body["errors"][0]["field"].startswith(field_start), body
    assert words in body["errors"][0]["message"], body
    assert words in body["detail"]


async def test_event_nested_deeper_than_32_levels_is_refused_naming_the_limit(admin: Client) -> None:
    await make_event_type(admin)
    # The body is level 1, ``data`` level 2, ``x`` level 3: 30 more objects make 32 levels, 31 make 33.
    assert (await send_raw(admin, "POST", "/api/events", event_text(nested(30)))).status_code == 202
    too_deep = await send_raw(admin, "POST", "/api/events", event_text(nested(31)))
    assert_refused(too_deep, 400, "data.x.a.a", "nested deeper than 32 levels")
    for levels in (970, 980, 5000):  # past the decoder's own stack: still a 400, never a 500
        response = await send_raw(admin, "POST", "/api/events", event_text(nested(levels)))
        assert_refused(response, 400, "", "nested deeper than 32 levels")


async def test_batch_profile_journey_and_action_refuse_deep_json(admin: Client) -> None:
    await make_event_type(admin)
    good = '{"type": "order placed", "profileId": "p-1", "data": {}}'
    batch = '{"events": [' + good + ", " + event_text(nested(40))[:-1] + "}]}"
    assert_refused(await send_raw(admin, "POST", "/api/events/batch", batch), 400, "events.1.data.x", "32 levels")
    profile = '{"attributes": {"deep": ' + nested(40) + "}}"
    assert_refused(await send_raw(admin, "PUT", "/api/profiles/p-1", profile), 400, "attributes.deep", "32 levels")
    rule = '{"field": "event.x", "operator": "equals", "value": ' + nested(40) + "}"
    branch = '{"id": "b", "when": {"rules": [' + rule + "]}}"
    condition = '{"id": "c", "type": "condition", "position": {"x": 0, "y": 0}, "branches": [' + branch + "]}"
    journey = '{"name": "deep", "definition": {"nodes": [' + condition + '], "edges": []}}'
    assert_refused(await send_raw(admin, "POST", "/api/journeys", journey), 400, "definition.nodes.0", "32 levels")
    action = (
        '{"name": "deep", "method": "POST", "url": "http://127.0.0.1:9/x",'
        ' "responsePayload": {"example": ' + nested(40) + "}}"
    )
    assert_refused(await send_raw(admin, "POST", "/api/actions", action), 400, "responsePayload.example", "32 levels")


async def test_nul_in_any_text_is_refused_naming_the_field(admin: Client, client: Client) -> None:
    await make_event_type(admin)
    cases = [
        ({"profileId": "p\u00001"}, "profileId"),
        ({"id": "e\u0000"}, "id"),
        ({"type": "order\u0000placed"}, "type"),
        ({"data": {**ORDER_EXAMPLE, "note": "a\u0000b"}}, "data.note"),
        ({"data": {**ORDER_EXAMPLE, "k\u0000ey": 1}}, "data.k\\u0000ey"),
        ({"profile": {"tier": ["gold", "\u0000"]}}, "profile.tier.1"),
    ]
    for fields, field in cases:
        response = await send(admin, **fields)
        assert_refused(response, 400, field, "NUL")
        assert response.json()["errors"][0]["field"] == field
    profile = await admin.put("/api/profiles/p-1", json={"attributes": {"city": "Os\u0000lo"}})
    assert_refused(profile, 400, "attributes.city", "NUL")
    assert_refused(await admin.put("/api/profiles/p%001", json={"attributes": {}}), 400, "profileId", "NUL")
    assert_refused(await admin.get("/api/profiles/p%001"), 400, "profileId", "NUL")
    assert_refused(await admin.get("/api/instances", params={"profileId": "p\u0000"}), 400, "profileId", "NUL")
    login = await client.post("/api/auth/login", json={"email": "admin\u0000@example.com", "password": "x"})
    assert_refused(login, 400, "email", "NUL")
    named = await admin.post("/api/event-types", json={"name": "bad\u0000name", "example": {}})
    assert_refused(named, 400, "name", "NUL")
    assert (await admin.get("/api/profiles/p-1")).status_code == 404  # nothing of the refused events was stored


async def test_each_event_of_a_batch_is_limited_like_a_single_event(admin: Client) -> None:
    await make_event_type(admin)
    small = {"type": "order placed", "profileId": "a", "data": ORDER_EXAMPLE}
    big = {"type": "order placed", "profileId": "b", "data": {**ORDER_EXAMPLE, "note": "x" * 5 * 1024 * 1024}}
    response = await admin.post("/api/events/batch", json={"events": [small, big]})
    assert_refused(response, 413, "events.1", "the limit is 65,536 bytes")
    assert "5,24" in response.json()["detail"]
    assert (await admin.get("/api/profiles/a")).status_code == 404  # the batch was refused as a whole
    single = await send(admin, data={**ORDER_EXAMPLE, "note": "x" * 70_000})
    assert_refused(single, 413, "body", "the limit is 65,536 bytes")
    many = [{**small, "profileId": f"p-{i}", "data": {**ORDER_EXAMPLE, "note": "x" * 30_000}} for i in range(4)]
    assert (await admin.post("/api/events/batch", json={"events": many})).status_code == 202


async def test_profile_attributes_are_limited_to_64_kb(admin: Client) -> None:
    assert (await admin.put("/api/profiles/p-1", json={"attributes": {"a": "x" * 40_000}})).status_code == 200
    merged = await admin.put("/api/profiles/p-1", json={"attributes": {"b": "x" * 40_000}})
    assert_refused(merged, 413, "attributes", "the limit is 65,536 bytes")
    huge = await admin.put("/api/profiles/p-2", json={"attributes": {"a": "x" * 9 * 1024 * 1024}})
    assert_refused(huge, 413, "body", "bytes")
    stored = (await admin.get("/api/profiles/p-1")).json()["attributes"]
    assert set(stored) == {"a"}  # the refused merge changed nothing
    assert (await admin.get("/api/profiles/p-2")).status_code == 404


async def test_journey_is_limited_to_2000_nodes_and_2_mb(admin: Client) -> None:
    ends = [node(f"n{i}", "end") for i in range(2_001)]
    response = await admin.post("/api/journeys", json={"name": "big", "definition": {"nodes": ends, "edges": []}})
    assert_refused(response, 400, "definition.nodes", "has 2,001 nodes; the limit is 2,000")
    created = await admin.post("/api/journeys", json={"name": "ok", "definition": {"nodes": ends[:2000], "edges": []}})
    assert created.status_code == 201, created.text
    journey_id = created.json()["id"]
    update = await admin.put(f"/api/journeys/{journey_id}", json={"definition": {"nodes": ends, "edges": []}})
    assert_refused(update, 400, "definition.nodes", "the limit is 2,000")
    mappings = {"payload": {"text": {"source": "constant", "value": "x" * 2_200_000}}}
    padded = {"name": "big", "definition": {"nodes": [node("a", "action", mappings=mappings)]}}
    assert_refused(await admin.post("/api/journeys", json=padded), 413, "body", "the limit is 2,097,152 bytes")


async def test_action_examples_are_limited_to_256_kb(admin: Client) -> None:
    body = {
        "name": "big",
        "method": "POST",
        "url": "http://127.0.0.1:9/x",
        "requestPayload": {"example": {"text": "x" * 200_000}},
        "responsePayload": {"example": {"text": "y" * 70_000}},
    }
    response = await admin.post("/api/actions", json=body)
    assert_refused(response, 413, "requestPayload.example", "the limit is 262,144 bytes")
    body["responsePayload"] = {"example": {"text": "y"}}
    assert (await admin.post("/api/actions", json=body)).status_code == 201


async def test_json_stored_deep_before_the_limit_reads_back_without_500(app: Litestar, admin: Client) -> None:
    event_type = await make_event_type(admin)
    definition = {"nodes": [node("start", "event", eventTypeId=event_type["id"]), node("done", "end")], "edges": []}
    definition["edges"] = [{"id": "e", "source": "start", "target": "done", "sourceHandle": "next"}]
    await publish(admin, definition)
    instance_id = (await send(admin)).json()["instances"][0]
    deep = '{"event": ' + nested(3000) + ', "steps": {}}'  # as an older release could store it
    postgres = app.state.engine.dialect.name == "postgresql"
    update = _STORE_POSTGRES if postgres else _STORE_SQLITE
    async with app.state.engine.begin() as connection:
        await connection.execute(text(update), {"context": deep})
    listed = await admin.get("/api/instances")
    assert listed.status_code == 200, listed.text
    assert [found["id"] for found in listed.json()] == [instance_id]
    one = await admin.get(f"/api/instances/{instance_id}")
    assert one.status_code == 200, one.text
    assert "nested deeper" in one.text
