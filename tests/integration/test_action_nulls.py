"""Nulls at the wire: what a real server on 127.0.0.1 receives for optional fields without a value."""

from __future__ import annotations

from backend.runtime.execution.worker import Worker
from tests.conftest import Client
from tests.fake_third_party import FakeThirdParty
from tests.integration.runtime_support import action_journey, instance, make_action, make_event_type, publish, send

PAYLOAD = {
    "example": {"orderId": "x", "note": "n", "profile": {"age": 1}, "tags": ["a", "b"]},
    "fields": [
        {"path": "orderId", "kind": "variable"},
        {"path": "note", "kind": "variable", "required": False},
        {"path": "profile.age", "kind": "variable", "type": "integer", "required": False, "allowNull": True},
        {"path": "tags.0", "kind": "variable", "required": False, "allowNull": True},
    ],
}


async def test_optional_fields_are_left_out_or_null_in_a_journey_call(
    admin: Client, api: FakeThirdParty, worker: Worker
) -> None:
    api.route("POST", "/hook", json={"id": "r-1"})
    event_type = await make_event_type(admin)
    action = await make_action(admin, api.url + "/hook", requestPayload=PAYLOAD)
    assert action["requestPayload"]["fields"][2]["allowNull"] is True
    mapping = {"payload": {"orderId": {"source": "field", "field": "event.order.id"}}}  # the rest: no value
    await publish(admin, action_journey(event_type["id"], action["id"], mapping=mapping))
    response = await send(admin, "ann")
    assert response.status_code == 202, response.text
    await worker.run_until_idle()
    found = await instance(admin, response.json()["instances"][0])
    [sent] = api.requests_to("/hook")
    assert sent.json == {"orderId": "o-1", "profile": {"age": None}, "tags": ["b"]}, found


async def test_the_test_call_sends_the_same(technical: Client, api: FakeThirdParty) -> None:
    action = await make_action(technical, api.url + "/hook", requestPayload=PAYLOAD)
    result = await technical.post(f"/api/actions/{action['id']}/test", json={"payload": {"orderId": "o-2"}})
    assert result.status_code == 200, result.text
    [sent] = api.requests_to("/hook")
    assert sent.json == {"orderId": "o-2", "profile": {"age": None}, "tags": ["b"]}
