"""Journeys against actions and event types made through their own APIs: validation reads them, `usedIn` follows."""

from __future__ import annotations

from typing import Any

from tests.conftest import Client


async def make_references(technical: Client) -> tuple[str, str]:
    """An event type and an action (required header and payload variable, optional query variable)."""
    event = await technical.post(
        "/api/event-types",
        json={
            "name": "Signed up",
            "example": {"user": {"email": "a@b.c", "tags": ["x"]}},
            "fields": [{"path": "user.email", "required": True}],
        },
    )
    assert event.status_code == 201, event.text
    action = await technical.post(
        "/api/actions",
        json={
            "name": "CRM upsert",
            "method": "POST",
            "url": "http://127.0.0.1:9/crm",
            "headers": [{"name": "X-Tenant", "kind": "variable", "type": "string", "required": True}],
            "queryParameters": [{"name": "dryRun", "kind": "variable", "type": "boolean", "required": False}],
            "requestPayload": {
                "example": {"email": "a@b.c", "source": "web"},
                "fields": [
                    {"path": "email", "kind": "variable", "type": "string", "required": True},
                    {"path": "source", "kind": "constant", "value": "web", "type": "string"},
                ],
            },
            "responsePayload": {"example": {"contact": {"id": 7}}},
        },
    )
    assert action.status_code == 201, action.text
    return str(event.json()["id"]), str(action.json()["id"])


def definition(event_type_id: str, action_id: str, mappings: dict[str, Any]) -> dict[str, Any]:
    """event -> CRM upsert -> wait -> CRM upsert again -> end."""
    position = {"x": 0, "y": 0}
    return {
        "nodes": [
            {"id": "in", "type": "event", "position": position, "eventTypeId": event_type_id},
            {"id": "crm", "type": "action", "position": position, "actionId": action_id, "mappings": mappings},
            {"id": "pause", "type": "wait", "position": position, "durationSeconds": 60},
            {"id": "again", "type": "action", "position": position, "actionId": action_id, "mappings": mappings},
            {"id": "out", "type": "end", "position": position},
        ],
        "edges": [
            {"id": "1", "source": "in", "target": "crm"},
            {"id": "2", "source": "crm", "target": "pause", "sourceHandle": "success"},
            {"id": "3", "source": "pause", "target": "again"},
            {"id": "4", "source": "again", "target": "out", "sourceHandle": "success"},
        ],
    }


async def test_validation_reads_actions_and_event_types_from_their_apis(technical: Client, marketer: Client) -> None:
    event_type_id, action_id = await make_references(technical)
    partial = {"payload": {"email": {"source": "field", "field": "event.user.email"}}}
    journey = (
        await marketer.post(
            "/api/journeys", json={"name": "CRM", "definition": definition(event_type_id, action_id, partial)}
        )
    ).json()
    url = f"/api/journeys/{journey['id']}"
    problems = (await marketer.post(f"{url}/validate")).json()["problems"]
    assert {(p["nodeId"], p["message"]) for p in problems} == {
        (node, "required variable 'X-Tenant' (headers) is not mapped") for node in ("crm", "again")
    }
    full = {
        "headers": {"X-Tenant": {"source": "template", "template": "t-{{ steps.crm.response.contact.id }}"}},
        "queryParameters": {"dryRun": {"source": "constant", "value": False}},
        "payload": {"email": {"source": "template", "template": '{{ event.user.tags.0 | default: "none" }}'}},
    }
    fixed = definition(event_type_id, action_id, full)
    fixed["nodes"][1]["mappings"] = {**full, "headers": {"X-Tenant": {"source": "constant", "value": "acme"}}}
    assert (await marketer.put(url, json={"definition": fixed})).status_code == 200
    assert (await marketer.post(f"{url}/validate")).json() == {"valid": True, "problems": []}
    assert (await marketer.post(f"{url}/publish")).json()["status"] == "live"


async def test_actions_list_the_journeys_that_use_them(technical: Client, marketer: Client) -> None:
    event_type_id, action_id = await make_references(technical)
    mappings = {
        "headers": {"X-Tenant": {"source": "constant", "value": "acme"}},
        "payload": {"email": {"source": "field", "field": "event.user.email"}},
    }
    body = {"name": "Uses CRM", "definition": definition(event_type_id, action_id, mappings)}
    journey = (await marketer.post("/api/journeys", json=body)).json()
    used_in = (await technical.get(f"/api/actions/{action_id}")).json()["usedIn"]
    assert [(j["id"], j["name"]) for j in used_in] == [(journey["id"], "Uses CRM")]
    await marketer.put(f"/api/journeys/{journey['id']}", json={"definition": {"nodes": [], "edges": []}})
    assert (await technical.get(f"/api/actions/{action_id}")).json()["usedIn"] == []


async def test_the_field_picker_gets_the_context_fields_validate_accepts(marketer: Client) -> None:
    answer = await marketer.get("/api/journeys/context-fields")
    assert answer.status_code == 200
    assert answer.json() == [
        {"path": "profile.id", "type": "string"},
        {"path": "journey.id", "type": "string"},
        {"path": "journey.versionId", "type": "string"},
        {"path": "journey.version", "type": "integer"},
        {"path": "journey.name", "type": "string"},
        {"path": "journey.instanceId", "type": "string"},
    ]
