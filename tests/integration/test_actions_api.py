"""`/api/actions` through HTTP: create, read, replace, delete, validation, usage and secrets."""

from __future__ import annotations

import logging
import uuid
from typing import Any

import pytest
from litestar import Litestar
from sqlmodel import select

from backend.db.journey_tables import JourneyRow, JourneyVersionActionRow, JourneyVersionRow
from backend.db.tables import CustomActionRow
from tests.conftest import Client

SECRETS = {
    "basic": ("password", "basic-pass-9f2"),
    "apiKey": ("value", "api-key-value-77c"),
    "bearer": ("token", "bearer-token-3ad"),
    "oauth2ClientCredentials": ("clientSecret", "client-secret-e41"),
}
AUTHS: dict[str, dict[str, Any]] = {
    "basic": {"type": "basic", "username": "svc", "password": "basic-pass-9f2"},
    "apiKey": {"type": "apiKey", "name": "X-Api-Key", "value": "api-key-value-77c", "location": "header"},
    "bearer": {"type": "bearer", "token": "bearer-token-3ad"},
    "oauth2ClientCredentials": {
        "type": "oauth2ClientCredentials",
        "tokenUrl": "https://idp.example.com/token",
        "clientId": "jb",
        "clientSecret": "client-secret-e41",
        "scope": "sms",
    },
}


def action_body(name: str = "Send SMS", **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": name,
        "description": "Sends a text",
        "method": "POST",
        "url": "https://sms.example.com/v1/messages",
        "headers": [{"name": "X-Tenant", "kind": "constant", "value": "acme"}],
        "queryParameters": [{"name": "dryRun", "kind": "variable", "type": "boolean", "required": False}],
        "authentication": {"type": "none"},
        "requestPayload": {
            "example": {"to": "+100", "text": "hi"},
            "fields": [
                {"path": "to", "kind": "variable", "label": "Phone"},
                {"path": "text", "kind": "constant", "value": "Hi"},
            ],
        },
        "responsePayload": {"example": {"id": "m-1"}},
        "timeoutMs": 5000,
        "maxRetries": 1,
    }
    body.update(overrides)
    return body


async def create(client: Client, **overrides: Any) -> dict[str, Any]:
    response = await client.post("/api/actions", json=action_body(**overrides))
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_create_answers_201_with_defaults_and_the_action_can_be_read(technical: Client, marketer: Client) -> None:
    created = await create(technical)
    assert created["name"] == "Send SMS"
    assert created["capping"] == {"maxCalls": 300000, "periodSeconds": 60}
    assert created["throttling"] is None
    assert created["usedIn"] == []
    assert created["createdAt"]
    assert created["updatedAt"]
    listed = (await marketer.get("/api/actions")).json()
    assert [a["id"] for a in listed] == [created["id"]]
    got = await marketer.get(f"/api/actions/{created['id']}")
    assert got.status_code == 200
    assert got.json() == created


async def test_names_are_unique_case_insensitively(technical: Client) -> None:
    first = await create(technical)
    await create(technical, name="Other")
    again = await technical.post("/api/actions", json=action_body(name="  send sms "))
    assert again.status_code == 409
    renamed = await technical.put(f"/api/actions/{first['id']}", json=action_body(name="OTHER"))
    assert renamed.status_code == 409
    same = await technical.put(f"/api/actions/{first['id']}", json=action_body(name="SEND SMS"))
    assert same.status_code == 200
    assert same.json()["name"] == "SEND SMS"


BAD_INPUTS: list[tuple[dict[str, Any], str]] = [
    ({"url": "ftp://x.example.com"}, "url"),
    ({"url": "/relative"}, "url"),
    ({"method": "GET"}, "requestPayload"),
    ({"method": "DELETE"}, "requestPayload"),
    ({"headers": [{"name": "X-A", "kind": "constant"}]}, "headers[0].value"),
    ({"headers": [{"name": "X-A", "kind": "variable", "value": "v"}]}, "headers[0].value"),
    ({"headers": [{"name": "X-A", "value": "1"}, {"name": "x-a", "value": "2"}]}, "headers[1].name"),
    ({"queryParameters": [{"name": "q", "value": "1"}, {"name": "q", "value": "1"}]}, "queryParameters[1].name"),
    (
        {"requestPayload": {"example": {"a": 1}, "fields": [{"path": "b", "value": 1}]}},
        "requestPayload.fields[0].path",
    ),
    ({"authentication": {"type": "basic", "username": "u"}}, "authentication.password"),
    (
        {
            "authentication": {
                "type": "oauth2ClientCredentials",
                "tokenUrl": "token",
                "clientId": "c",
                "clientSecret": "s",
            }
        },
        "authentication.tokenUrl",
    ),
    ({"timeoutMs": 50}, "timeoutMs"),
    ({"maxRetries": 4}, "maxRetries"),
    ({"method": "HEAD"}, "method"),
    ({"capping": {"maxCalls": 0}}, "capping.maxCalls"),
    ({"authentication": {"type": "magic"}}, "authentication"),
    ({"surprise": 1}, "surprise"),
    ({"name": ""}, "name"),
]


async def test_bad_input_is_400_naming_the_field_and_writes_nothing(technical: Client) -> None:
    for overrides, field in BAD_INPUTS:
        response = await technical.post("/api/actions", json=action_body(**overrides))
        assert response.status_code == 400, (overrides, response.text)
        fields = [e["field"] for e in response.json()["errors"]]
        assert any(f == field or f.startswith(field) for f in fields), (overrides, fields)
    assert (await technical.get("/api/actions")).json() == []


async def test_a_failed_update_leaves_the_action_unchanged(technical: Client) -> None:
    created = await create(technical)
    response = await technical.put(f"/api/actions/{created['id']}", json=action_body(url="nope", description="changed"))
    assert response.status_code == 400
    assert (await technical.get(f"/api/actions/{created['id']}")).json() == created


async def test_unknown_ids_are_404(technical: Client) -> None:
    missing = uuid.uuid4()
    assert (await technical.get(f"/api/actions/{missing}")).status_code == 404
    assert (await technical.put(f"/api/actions/{missing}", json=action_body())).status_code == 404
    assert (await technical.delete(f"/api/actions/{missing}")).status_code == 404
    assert (await technical.post(f"/api/actions/{missing}/test", json={})).status_code == 404
    assert (await technical.get("/api/actions/not-a-uuid")).status_code in {400, 404}


async def test_put_replaces_the_configuration_and_bumps_updated_at(technical: Client) -> None:
    created = await create(technical)
    body = action_body(method="GET", requestPayload=None, throttling={"maxCallsPerSecond": 5}, headers=[])
    response = await technical.put(f"/api/actions/{created['id']}", json=body)
    assert response.status_code == 200, response.text
    updated = response.json()
    assert updated["method"] == "GET"
    assert updated["requestPayload"] is None
    assert updated["throttling"] == {"maxCallsPerSecond": 5, "maxWaitSeconds": 3600}  # the default filled in
    assert updated["createdAt"] == created["createdAt"]
    assert updated["updatedAt"] >= created["updatedAt"]


async def stored_auth(app: Litestar, action_id: str) -> dict[str, Any]:
    async with app.state.session_factory() as db:
        row = (await db.exec(select(CustomActionRow).where(CustomActionRow.id == uuid.UUID(action_id)))).one()
        return dict(row.authentication)


async def test_secrets_are_write_only_encrypted_and_never_logged(
    app: Litestar, technical: Client, marketer: Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for auth_type in AUTHS:
        await check_secret_is_hidden(app, technical, marketer, auth_type)
    assert all(secret not in caplog.text for _, secret in SECRETS.values())


async def check_secret_is_hidden(app: Litestar, technical: Client, marketer: Client, auth_type: str) -> None:
    field, secret = SECRETS[auth_type]
    created = await create(technical, name=f"with {auth_type}", authentication=AUTHS[auth_type])
    assert created["authentication"][field] is None
    answers = [created]
    answers += (await technical.get("/api/actions")).json()
    answers.append((await marketer.get(f"/api/actions/{created['id']}")).json())
    kept = await technical.put(
        f"/api/actions/{created['id']}",
        json=action_body(name=f"with {auth_type}", authentication={**AUTHS[auth_type], field: None}),
    )
    assert kept.status_code == 200, kept.text
    answers.append(kept.json())
    for answer in answers:
        assert secret not in str(answer)
        if answer["id"] == created["id"]:
            assert answer["authentication"][field] is None
    stored = await stored_auth(app, created["id"])
    assert secret not in str(stored)
    assert str(stored[field]).startswith("enc:v1:")


async def test_a_null_secret_keeps_the_stored_one_only_for_the_same_type(app: Litestar, technical: Client) -> None:
    created = await create(technical, authentication=AUTHS["basic"])
    before = await stored_auth(app, created["id"])
    same = await technical.put(
        f"/api/actions/{created['id']}", json=action_body(authentication={"type": "basic", "username": "new"})
    )
    assert same.status_code == 200, same.text
    after = await stored_auth(app, created["id"])
    assert after["username"] == "new"
    assert after["password"].startswith("enc:v1:")
    assert before["password"] != ""
    switched = await technical.put(f"/api/actions/{created['id']}", json=action_body(authentication={"type": "bearer"}))
    assert switched.status_code == 400
    assert switched.json()["errors"][0]["field"] == "authentication.token"
    replaced = await technical.put(
        f"/api/actions/{created['id']}", json=action_body(authentication={"type": "bearer", "token": "t-2"})
    )
    assert replaced.status_code == 200
    assert replaced.json()["authentication"] == {"type": "bearer", "token": None}


async def seed_journey(app: Litestar, name: str, statuses: list[str], action_id: str) -> uuid.UUID:
    """A journey with one version per status, each referencing the action (as the journey service records it)."""
    async with app.state.session_factory() as db:
        journey = JourneyRow(name=name)
        db.add(journey)
        await db.flush()
        for number, status in enumerate(statuses, start=1):
            version = JourneyVersionRow(journey_id=journey.id, version=number, status=status)
            db.add(version)
            await db.flush()
            db.add(JourneyVersionActionRow(version_id=version.id, action_id=uuid.UUID(action_id)))
        await db.commit()
        return journey.id


async def test_used_in_lists_journeys_and_only_published_ones_block_delete(app: Litestar, technical: Client) -> None:
    action = await create(technical)
    spare = await create(technical, name="Spare")
    draft_id = await seed_journey(app, "Welcome draft", ["draft"], action["id"])
    live_id = await seed_journey(app, "Winback", ["closed", "live", "draft"], action["id"])
    used = (await technical.get(f"/api/actions/{action['id']}")).json()["usedIn"]
    assert used == [
        {"id": str(draft_id), "name": "Welcome draft", "status": "draft"},
        {"id": str(live_id), "name": "Winback", "status": "live"},
    ]
    listed = {a["name"]: a["usedIn"] for a in (await technical.get("/api/actions")).json()}
    assert listed["Spare"] == []
    refused = await technical.delete(f"/api/actions/{action['id']}")
    assert refused.status_code == 409
    assert "Winback" in refused.json()["detail"]
    assert "Welcome draft" not in refused.json()["detail"]
    assert (await technical.get(f"/api/actions/{action['id']}")).status_code == 200
    await seed_journey(app, "Only drafts", ["draft"], spare["id"])
    assert (await technical.delete(f"/api/actions/{spare['id']}")).status_code == 204
    assert (await technical.get(f"/api/actions/{spare['id']}")).status_code == 404


async def test_marketers_cannot_change_actions(technical: Client, marketer: Client) -> None:
    created = await create(technical)
    assert (await marketer.post("/api/actions", json=action_body(name="x"))).status_code == 403
    assert (await marketer.put(f"/api/actions/{created['id']}", json=action_body())).status_code == 403
    assert (await marketer.delete(f"/api/actions/{created['id']}")).status_code == 403
    assert (await marketer.post(f"/api/actions/{created['id']}/test", json={})).status_code == 403


async def test_openapi_documents_the_action_endpoints(admin: Client) -> None:
    paths = (await admin.get("/schema/openapi.json")).json()["paths"]
    assert {"get", "post"} <= set(paths["/api/actions"])
    assert {"get", "put", "delete"} <= set(paths["/api/actions/{action_id}"])
    assert "post" in paths["/api/actions/{action_id}/test"]


async def test_a_kept_secret_is_not_sent_to_a_new_destination(technical: Client) -> None:
    created = await create(technical, authentication=AUTHS["basic"])
    moved = await technical.put(
        f"/api/actions/{created['id']}",
        json=action_body(url="https://attacker.example/collect", authentication={"type": "basic", "username": "u"}),
    )
    assert moved.status_code == 400
    assert moved.json()["errors"] == [
        {
            "field": "authentication.password",
            "message": "must be entered again: the address it is sent to has changed",
            "code": "invalid",
            "params": {},
        }
    ]
    same_origin = await technical.put(
        f"/api/actions/{created['id']}",
        json=action_body(url=created["url"].rstrip("/") + "/other", authentication={"type": "basic", "username": "u"}),
    )
    assert same_origin.status_code == 200, same_origin.text
