"""Form bodies at the wire (a real server on 127.0.0.1), and the 400s that keep Content-Type and body in step."""

from __future__ import annotations

from typing import Any

from tests.conftest import Client
from tests.fake_third_party import FakeThirdParty

FORM_ACTION: dict[str, Any] = {
    "name": "Send SMS",
    "method": "POST",
    "bodyEncoding": "form",
    "requestPayload": {
        "example": {"To": "+100", "Body": "hi", "Urgent": False},
        "fields": [{"path": "To", "kind": "variable"}, {"path": "Body", "kind": "variable"}],
    },
    "timeoutMs": 2000,
}


async def test_a_form_action_sends_an_urlencoded_body(technical: Client, api: FakeThirdParty) -> None:
    api.route("POST", "/sms", status=201, json={"sid": "s-1"})
    created = await technical.post("/api/actions", json={**FORM_ACTION, "url": api.url + "/sms"})
    assert created.status_code == 201, created.text
    assert created.json()["bodyEncoding"] == "form"
    sample = {"payload": {"To": "+33 6 12", "Body": "50% off & more"}}
    result = await technical.post(f"/api/actions/{created.json()['id']}/test", json=sample)
    assert result.status_code == 200, result.text
    assert result.json()["status"] == 201
    [seen] = api.requests_to("/sms")
    assert seen.headers["content-type"] == "application/x-www-form-urlencoded"
    assert seen.body == b"To=%2B33+6+12&Body=50%25+off+%26+more&Urgent=false"
    assert seen.form == {"To": "+33 6 12", "Body": "50% off & more", "Urgent": "false"}


async def test_bad_form_actions_are_400_and_nothing_is_saved(technical: Client, api: FakeThirdParty) -> None:
    nested = {**FORM_ACTION, "url": api.url + "/sms", "requestPayload": {"example": {"to": {"number": "+1"}}}}
    response = await technical.post("/api/actions", json=nested)
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "field": "requestPayload.example.to",
            "message": "a form body holds flat fields only, not objects or lists",
            "code": "invalid",
            "params": {},
        }
    ]
    plain = {**FORM_ACTION, "url": api.url + "/sms", "headers": [{"name": "Content-Type", "value": "text/plain"}]}
    response = await technical.post("/api/actions", json=plain)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "headers[0].value"
    assert (await technical.get("/api/actions")).json() == []
