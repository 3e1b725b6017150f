"""`POST /api/actions/import/curl` through HTTP: the draft saves as it is and calls what the command calls."""

from __future__ import annotations

from backend.input_limits import MAX_CURL_COMMAND_BYTES
from tests.conftest import Client
from tests.fake_third_party import FakeThirdParty

COMMAND = """curl -X POST '{url}/v1/messages?channel=sms' \\
  -H 'Authorization: Bearer sk-live-curl-5e1' \\
  -H 'X-Tenant: acme' \\
  -H 'Content-Type: application/json' \\
  -d '{{"to": "+15550100", "text": "Hello", "meta": {{"campaign": "c1"}}}}'"""


async def test_a_draft_saves_unchanged_and_its_test_call_sends_the_commands_request(
    technical: Client, api: FakeThirdParty
) -> None:
    api.route("POST", "/v1/messages", status=201, json={"messageId": "m-1"})
    imported = await technical.post("/api/actions/import/curl", json={"command": COMMAND.format(url=api.url)})
    assert imported.status_code == 200, imported.text
    body = imported.json()
    assert body["warnings"] == []
    assert body["action"]["authentication"] == {"type": "bearer", "token": "sk-live-curl-5e1"}

    created = await technical.post("/api/actions", json={**body["action"], "name": "Imported SMS"})
    assert created.status_code == 201, created.text
    assert created.json()["authentication"] == {"type": "bearer", "token": None}  # write-only, as any secret
    tested = await technical.post(f"/api/actions/{created.json()['id']}/test", json={})
    assert tested.status_code == 200, tested.text
    assert tested.json()["status"] == 201

    sent = api.requests_to("/v1/messages")[-1]
    assert sent.method == "POST"
    assert sent.query == {"channel": ["sms"]}
    assert sent.headers["authorization"] == "Bearer sk-live-curl-5e1"
    assert sent.headers["x-tenant"] == "acme"
    assert sent.headers["content-type"] == "application/json"
    assert sent.json == {"to": "+15550100", "text": "Hello", "meta": {"campaign": "c1"}}


async def test_importing_saves_nothing(admin: Client) -> None:
    answer = await admin.post("/api/actions/import/curl", json={"command": "curl https://api.example.com/a"})
    assert answer.status_code == 200
    assert (await admin.get("/api/actions")).json() == []


async def test_text_that_is_not_a_curl_command_is_a_400_naming_command(technical: Client) -> None:
    answer = await technical.post("/api/actions/import/curl", json={"command": "wget https://example.com"})
    assert answer.status_code == 400
    message = "is not a cURL command: it must start with curl"
    assert answer.json()["errors"] == [{"field": "command", "message": message, "code": "invalid", "params": {}}]
    unclosed = await technical.post("/api/actions/import/curl", json={"command": "curl 'https://example.com"})
    assert unclosed.status_code == 400
    assert unclosed.json()["errors"][0]["field"] == "command"


async def test_a_missing_command_is_a_400(technical: Client) -> None:
    answer = await technical.post("/api/actions/import/curl", json={})
    assert answer.status_code == 400
    assert answer.json()["errors"] == [{"field": "command", "message": "is required", "code": "required", "params": {}}]


async def test_a_command_over_the_limit_is_a_413(technical: Client) -> None:
    command = "curl https://example.com -d '" + "a" * MAX_CURL_COMMAND_BYTES + "'"
    answer = await technical.post("/api/actions/import/curl", json={"command": command})
    assert answer.status_code == 413
    assert answer.json()["errors"][0]["field"] == "command"


async def test_marketers_may_not_import(marketer: Client) -> None:
    answer = await marketer.post("/api/actions/import/curl", json={"command": "curl https://api.example.com/a"})
    assert answer.status_code == 403
