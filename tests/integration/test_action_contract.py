"""Actions in use stay stable: the contract a running journey relies on is read-only, the rest stays editable."""

from __future__ import annotations

import copy
from typing import Any

from tests.conftest import Client
from tests.integration.runtime_support import action_journey, make_action, make_event_type, publish, send

URL = "http://127.0.0.1:9/notify"


async def setup(admin: Client) -> tuple[dict[str, Any], str]:
    """An action used by a published journey; returns the action's input as stored and the journey id."""
    event_type = await make_event_type(admin)
    action = await make_action(admin, URL)
    journey_id = await publish(admin, action_journey(event_type["id"], action["id"]))
    return action, journey_id


def as_input(action: dict[str, Any]) -> dict[str, Any]:
    """The body of a PUT that changes nothing."""
    body = copy.deepcopy(action)
    for answered in ("id", "usedIn", "lockedBy", "createdAt", "updatedAt"):
        body.pop(answered)
    return body


async def put(admin: Client, action: dict[str, Any], body: dict[str, Any]) -> Any:
    return await admin.put(f"/api/actions/{action['id']}", json=body)


async def test_a_live_journey_locks_the_contract_and_the_409_names_it(admin: Client) -> None:
    action, journey_id = await setup(admin)
    shown = (await admin.get(f"/api/actions/{action['id']}")).json()
    assert shown["lockedBy"] == [{"id": journey_id, "name": "journey", "status": "live"}]
    unchanged = as_input(shown)

    method = await put(admin, action, {**unchanged, "method": "PUT"})
    assert method.status_code == 409
    assert "journey (live)" in method.json()["detail"]
    assert method.json()["errors"] == [
        {
            "field": "method",
            "message": "is POST in the journeys' contract, not PUT",
            "code": "contractMethod",
            "params": {"was": "POST", "now": "PUT"},
        }
    ]
    assert method.json()["extra"]["journeys"] == [{"id": journey_id, "name": "journey", "status": "live"}]

    changes: list[tuple[Any, str]] = []
    retyped = copy.deepcopy(unchanged)
    retyped["requestPayload"]["fields"][0]["type"] = "integer"
    changes.append((retyped, "requestPayload.fields[0].type"))
    unrequired = copy.deepcopy(unchanged)
    unrequired["requestPayload"]["fields"][0]["required"] = False
    changes.append((unrequired, "requestPayload.fields[0].required"))
    removed = copy.deepcopy(unchanged)
    removed["requestPayload"]["fields"] = removed["requestPayload"]["fields"][:1]
    changes.append((removed, "requestPayload.fields"))
    new_required = {**unchanged, "headers": [{"name": "X-Tenant", "kind": "variable", "type": "string"}]}
    changes.append((new_required, "headers[0].required"))
    for body, field in changes:
        answer = await put(admin, action, body)
        assert answer.status_code == 409, (field, answer.text)
        assert [e["field"] for e in answer.json()["errors"]] == [field]
    codes = [(e["code"], e["params"]) for e in (await put(admin, action, retyped)).json()["errors"]]
    assert codes == [("contractChanged", {"key": "orderId", "was": "string", "now": "integer"})]
    codes = [(e["code"], e["params"]) for e in (await put(admin, action, unrequired)).json()["errors"]]
    assert codes == [("contractChanged", {"key": "orderId", "was": "true", "now": "false"})]
    codes = [(e["code"], e["params"]) for e in (await put(admin, action, new_required)).json()["errors"]]
    assert codes == [("contractNewRequired", {"key": "x-tenant"})]
    assert (await admin.get(f"/api/actions/{action['id']}")).json() == shown  # nothing was written


async def test_optional_variables_constant_values_and_delivery_stay_editable(admin: Client) -> None:
    action, _ = await setup(admin)
    body = as_input((await admin.get(f"/api/actions/{action['id']}")).json())
    body["requestPayload"]["fields"][1]["value"] = "refund"
    body |= {
        "name": "notify v2",
        "description": "now with a tenant",
        "url": "http://127.0.0.1:9/notify/v2",
        "timeoutMs": 5000,
        "maxRetries": 2,
        "capping": {"maxCalls": 10, "periodSeconds": 60},
        "headers": [{"name": "x-tenant", "kind": "variable", "type": "string", "required": False}],
        "queryParameters": [{"name": "v", "kind": "constant", "value": "2"}],  # nothing for journeys to map
    }
    answer = await put(admin, action, body)
    assert answer.status_code == 200, answer.text
    assert answer.json()["name"] == "notify v2"
    # The header, now in the contract, may be renamed only in case (header names are case-insensitive).
    body["headers"][0]["name"] = "X-Tenant"
    assert (await put(admin, action, body)).status_code == 200


async def test_drafts_and_stopped_journeys_do_not_lock_a_closed_one_with_running_instances_does(admin: Client) -> None:
    action, journey_id = await setup(admin)
    assert (await send(admin)).status_code == 202  # one instance, running (no worker here)
    assert (await admin.post(f"/api/journeys/{journey_id}/close")).status_code == 200
    shown = (await admin.get(f"/api/actions/{action['id']}")).json()
    assert [j["status"] for j in shown["lockedBy"]] == ["closed"]
    assert (await put(admin, action, {**as_input(shown), "method": "PUT"})).status_code == 409
    assert (await admin.post(f"/api/journeys/{journey_id}/versions")).status_code == 201  # a draft uses it too
    assert (await admin.post(f"/api/journeys/{journey_id}/stop")).status_code == 200
    shown = (await admin.get(f"/api/actions/{action['id']}")).json()
    assert shown["lockedBy"] == []
    assert (await put(admin, action, {**as_input(shown), "method": "PUT"})).status_code == 200


async def test_duplicate_gives_a_free_copy_with_the_same_configuration(admin: Client, marketer: Client) -> None:
    action, _ = await setup(admin)
    copied = await admin.post(f"/api/actions/{action['id']}/duplicate")
    assert copied.status_code == 201, copied.text
    copy_json = copied.json()
    assert (copy_json["name"], copy_json["usedIn"], copy_json["lockedBy"]) == ("notify (copy)", [], [])
    assert as_input(copy_json) | {"name": "notify"} == as_input(action)
    assert (await put(admin, copy_json, {**as_input(copy_json), "method": "PUT"})).status_code == 200
    again = await admin.post(f"/api/actions/{action['id']}/duplicate")
    assert again.json()["name"] == "notify (copy 2)"
    assert (await marketer.post(f"/api/actions/{action['id']}/duplicate")).status_code == 403


async def test_publishing_validates_against_the_action_as_it_is_now(admin: Client) -> None:
    event_type = await make_event_type(admin)
    action = await make_action(admin, URL)
    definition = action_journey(event_type["id"], action["id"])
    created = (await admin.post("/api/journeys", json={"name": "draft", "definition": definition})).json()
    body = as_input(action)
    body["requestPayload"]["fields"][0] |= {"type": "integer", "label": "Order number"}
    assert (await put(admin, action, body)).status_code == 200  # no journey runs it yet
    refused = await admin.post(f"/api/journeys/{created['id']}/publish")
    assert refused.status_code == 422
    assert [p["message"] for p in refused.json()["extra"]["problems"]] == [
        "Order number expects an integer, but event.order.id is a text: map a whole-number field, "
        "or ask a technical user to make Order number a text"
    ]
