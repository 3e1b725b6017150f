"""Path parameters at the wire: the request line a real server on 127.0.0.1 receives, from test calls and journeys."""

from __future__ import annotations

from typing import Any

import pytest

from backend.runtime.execution.worker import Worker
from tests.conftest import Client
from tests.fake_third_party import FakeThirdParty
from tests.integration.runtime_support import (
    ORDER_EXAMPLE,
    action_journey,
    instance,
    make_action,
    make_event_type,
    publish,
    send,
)

PATH_PARAMETERS = [
    {"name": "userId", "kind": "variable", "label": "User"},
    {"name": "box", "kind": "constant", "value": "in box"},
]


async def _action(client: Client, api: FakeThirdParty, **overrides: Any) -> dict[str, Any]:
    url = api.url + "/v1/users/{userId}/boxes/{box}/messages?source=jb"
    return await make_action(client, url, pathParameters=PATH_PARAMETERS, **overrides)


@pytest.mark.parametrize(
    ("value", "target"),
    [
        ("u-1", "/v1/users/u-1/boxes/in%20box/messages?source=jb"),
        ("../../admin", "/v1/users/..%2F..%2Fadmin/boxes/in%20box/messages?source=jb"),
        ("..", "/v1/users/%2E%2E/boxes/in%20box/messages?source=jb"),
        (".", "/v1/users/%2E/boxes/in%20box/messages?source=jb"),
        ("a?b=1#c", "/v1/users/a%3Fb%3D1%23c/boxes/in%20box/messages?source=jb"),
        ("%2F%2e", "/v1/users/%252F%252e/boxes/in%20box/messages?source=jb"),
    ],
)
async def test_the_test_call_sends_each_value_as_one_encoded_segment(
    technical: Client, api: FakeThirdParty, value: str, target: str
) -> None:
    action = await _action(technical, api)
    assert action["pathParameters"][0] == {
        **PATH_PARAMETERS[0],
        "type": "string",
        "required": True,
        "secret": False,
        "value": None,
    }
    sample = {"payload": {"orderId": "o-1"}, "pathParameters": {"userId": value}}
    response = await technical.post(f"/api/actions/{action['id']}/test", json=sample)
    assert response.status_code == 200, response.text
    [seen] = api.requests
    assert seen.target == target


async def test_a_missing_path_sample_is_400_naming_it(technical: Client, api: FakeThirdParty) -> None:
    action = await _action(technical, api)
    response = await technical.post(f"/api/actions/{action['id']}/test", json={"payload": {"orderId": "o-1"}})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "pathParameters.userId"
    assert api.requests == []


async def test_placeholders_and_parameters_must_agree_and_nothing_is_saved(
    technical: Client, api: FakeThirdParty
) -> None:
    url = api.url + "/v1/users/{userId}/boxes/{box}"
    response = await technical.post(
        "/api/actions", json={"name": "x", "method": "GET", "url": url, "pathParameters": PATH_PARAMETERS[:1]}
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "field": "pathParameters",
            "message": "the URL's placeholder {box} has no path parameter",
            "code": "invalid",
            "params": {},
        }
    ]
    assert (await technical.get("/api/actions")).json() == []


async def test_a_journey_maps_path_parameters_and_the_call_reaches_the_encoded_path(
    admin: Client, api: FakeThirdParty, worker: Worker
) -> None:
    api.route("POST", "/v1/users/ann%2F..%2F..%2Fx%40example.com/boxes/in%20box/messages", json={"id": "r-1"})
    event_type = await make_event_type(admin)
    action = await _action(admin, api)
    mapping = {
        "payload": {"orderId": {"source": "field", "field": "event.order.id"}},
        "pathParameters": {"userId": {"source": "field", "field": "event.email"}},
    }
    await publish(admin, action_journey(event_type["id"], action["id"], mapping=mapping))
    response = await send(admin, "ann", data={**ORDER_EXAMPLE, "email": "ann/../../x@example.com"})
    assert response.status_code == 202, response.text
    await worker.run_until_idle()
    found = await instance(admin, response.json()["instances"][0])
    assert found["status"] == "completed", found
    [seen] = api.requests
    assert seen.target == "/v1/users/ann%2F..%2F..%2Fx%40example.com/boxes/in%20box/messages?source=jb"


async def test_an_unmapped_path_parameter_is_a_validation_problem(admin: Client, api: FakeThirdParty) -> None:
    event_type = await make_event_type(admin)
    action = await _action(admin, api)
    definition = action_journey(event_type["id"], action["id"])
    created = await admin.post("/api/journeys", json={"name": "j", "definition": definition})
    assert created.status_code == 201, created.text
    published = await admin.post(f"/api/journeys/{created.json()['id']}/publish")
    assert published.status_code == 422
    assert "required variable 'userId' (pathParameters) is not mapped" in published.text
