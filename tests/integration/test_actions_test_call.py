"""`POST /api/actions/{id}/test` against a real fake third party on 127.0.0.1: auth on the wire, failures, guard."""

from __future__ import annotations

import base64
import logging
from typing import Any

import msgspec
import pytest
from asgi_lifespan import LifespanManager
from litestar import Litestar

from backend.app import create_app
from backend.config import Settings
from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD, Client, make_client, sign_in
from tests.fake_third_party import FakeThirdParty, Reply, closed_port_url


async def create_action(client: Client, url: str, **overrides: Any) -> str:
    body: dict[str, Any] = {
        "name": overrides.pop("name", "Create order"),
        "method": "POST",
        "url": url,
        "headers": [{"name": "X-Tenant", "value": "acme"}, {"name": "X-Trace", "kind": "variable"}],
        "queryParameters": [{"name": "channel", "kind": "variable"}],
        "requestPayload": {
            "example": {"customer": {"id": "c-1"}, "total": 1.5, "items": [{"sku": "a"}]},
            "fields": [
                {"path": "customer.id", "kind": "variable"},
                {"path": "total", "kind": "variable", "type": "decimal"},
                {"path": "items.0.sku", "kind": "constant", "value": "gift"},
            ],
        },
        "timeoutMs": 2000,
    }
    body.update(overrides)
    response = await client.post("/api/actions", json=body)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


SAMPLE = {
    "headers": {"X-Trace": "trace-1"},
    "queryParameters": {"channel": "sms"},
    "payload": {"customer.id": "c-42", "total": "19.90"},
}


async def run(client: Client, action_id: str, sample: dict[str, Any] | None = None) -> dict[str, Any]:
    response = await client.post(f"/api/actions/{action_id}/test", json=SAMPLE if sample is None else sample)
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_the_call_is_built_from_constants_and_samples(technical: Client, api: FakeThirdParty) -> None:
    api.route("POST", "/orders", status=201, json={"orderId": "o-9"}, headers={"X-Request-Id": "r-1"})
    action_id = await create_action(technical, api.url + "/orders?source=jb")
    result = await run(technical, action_id)
    assert result["ok"] is True
    assert result["status"] == 201
    assert result["body"] == {"orderId": "o-9"}
    assert result["headers"]["x-request-id"] == "r-1"
    assert result["durationMs"] > 0
    [seen] = api.requests_to("/orders")
    assert seen.headers["x-tenant"] == "acme"
    assert seen.headers["x-trace"] == "trace-1"
    assert seen.headers["content-type"] == "application/json"
    assert seen.query == {"source": ["jb"], "channel": ["sms"]}
    assert seen.json == {"customer": {"id": "c-42"}, "total": 19.9, "items": [{"sku": "gift"}]}


async def test_a_missing_sample_value_is_400_naming_it(technical: Client, api: FakeThirdParty) -> None:
    action_id = await create_action(technical, api.url + "/orders")
    response = await technical.post(f"/api/actions/{action_id}/test", json={**SAMPLE, "payload": {"total": 1}})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "payload.customer.id"
    bad = await technical.post(f"/api/actions/{action_id}/test", json={"unknown": 1})
    assert bad.status_code == 400
    assert api.requests == []


async def test_error_answers_are_returned_not_raised(technical: Client, api: FakeThirdParty) -> None:
    api.queue("POST", "/orders", Reply(status=503, body="busy", headers={"Content-Type": "text/plain"}))
    api.route("POST", "/orders", status=422, json={"error": "bad sku"})
    action_id = await create_action(technical, api.url + "/orders")
    first = await run(technical, action_id)
    assert (first["ok"], first["status"], first["body"]) == (False, 503, "busy")
    second = await run(technical, action_id)
    assert (second["status"], second["body"]) == (422, {"error": "bad sku"})


AUTH_CASES: list[tuple[dict[str, Any], str]] = [
    ({"type": "basic", "username": "svc", "password": "pa:ss"}, "basic"),
    ({"type": "apiKey", "name": "X-Api-Key", "value": "k-header", "location": "header"}, "apiKey header"),
    ({"type": "apiKey", "name": "api_key", "value": "k-query", "location": "query"}, "apiKey query"),
    ({"type": "bearer", "token": "static-token"}, "bearer"),
]


async def test_each_static_auth_type_is_sent_on_the_wire(technical: Client, api: FakeThirdParty) -> None:
    api.route("GET", "/me", json={"ok": True})
    for auth, name in AUTH_CASES:
        action_id = await create_action(
            technical,
            api.url + "/me",
            name=name,
            method="GET",
            requestPayload=None,
            headers=[],
            queryParameters=[],
            authentication=auth,
        )
        assert (await run(technical, action_id, {}))["status"] == 200
    basic, header_key, query_key, bearer = api.requests_to("/me")
    assert basic.headers["authorization"] == "Basic " + base64.b64encode(b"svc:pa:ss").decode()
    assert basic.basic_auth() == ("svc", "pa:ss")
    assert header_key.headers["x-api-key"] == "k-header"
    assert query_key.query == {"api_key": ["k-query"]}
    assert "authorization" not in query_key.headers
    assert bearer.headers["authorization"] == "Bearer static-token"


async def test_oauth2_fetches_a_token_with_client_credentials_then_uses_and_caches_it(
    technical: Client, api: FakeThirdParty
) -> None:
    token_url = api.oauth2_token_endpoint(client_id="jb-client", client_secret="jb-secret")
    api.route("GET", "/me", json={"ok": True}, require_token=True)
    auth = {
        "type": "oauth2ClientCredentials",
        "tokenUrl": token_url,
        "clientId": "jb-client",
        "clientSecret": "jb-secret",
        "scope": "orders",
    }
    action_id = await create_action(
        technical,
        api.url + "/me",
        method="GET",
        requestPayload=None,
        headers=[],
        queryParameters=[],
        authentication=auth,
    )
    assert (await run(technical, action_id, {}))["status"] == 200
    assert (await run(technical, action_id, {}))["status"] == 200
    [grant] = api.requests_to("/oauth/token")
    assert grant.method == "POST"
    assert grant.basic_auth() == ("jb-client", "jb-secret")
    assert grant.form == {"grant_type": "client_credentials", "scope": "orders"}
    assert grant.headers["content-type"] == "application/x-www-form-urlencoded"
    assert [r.headers["authorization"] for r in api.requests_to("/me")] == ["Bearer token-1", "Bearer token-1"]


async def test_oauth2_refused_credentials_are_an_auth_error(technical: Client, api: FakeThirdParty) -> None:
    token_url = api.oauth2_token_endpoint(client_id="jb-client", client_secret="right")
    auth = {"type": "oauth2ClientCredentials", "tokenUrl": token_url, "clientId": "jb-client", "clientSecret": "wrong"}
    action_id = await create_action(
        technical,
        api.url + "/me",
        method="GET",
        requestPayload=None,
        headers=[],
        queryParameters=[],
        authentication=auth,
    )
    result = await run(technical, action_id, {})
    assert result["ok"] is False
    assert result["errorKind"] == "auth"
    assert "401" in result["error"]
    assert api.requests_to("/me") == []


async def test_a_slow_endpoint_times_out_and_a_closed_port_is_refused(technical: Client, api: FakeThirdParty) -> None:
    api.route("POST", "/slow", hang=True)
    slow = await create_action(technical, api.url + "/slow", name="slow", timeoutMs=300)
    result = await run(technical, slow)
    assert (result["ok"], result["errorKind"]) == (False, "timeout")
    assert 250 <= result["durationMs"] < 5000
    refused = await create_action(technical, closed_port_url() + "/x", name="refused")
    result = await run(technical, refused)
    assert (result["ok"], result["errorKind"]) == (False, "refused")


async def test_tls_to_a_plain_http_port_is_a_tls_error(technical: Client, api: FakeThirdParty) -> None:
    action_id = await create_action(technical, api.url.replace("http://", "https://") + "/orders")
    result = await run(technical, action_id)
    assert (result["ok"], result["errorKind"]) == (False, "tls")


@pytest.fixture(name="strict_app")
async def strict_app_fixture(settings: Settings) -> Any:
    """The app with no private host allowed, as in production."""
    app = create_app(msgspec.structs.replace(settings, allowed_private_hosts=frozenset()))
    async with LifespanManager(app):  # type: ignore[arg-type]
        yield app


BLOCKED_URLS = [
    "http://10.0.0.1/x",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fd00:ec2::254]/latest",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://localhost:{port}/orders",
    "http://127.0.0.1:{port}/orders",
    "http://[::ffff:127.0.0.1]:{port}/orders",
]


async def test_private_destinations_are_blocked_before_connecting(strict_app: Litestar, api: FakeThirdParty) -> None:
    port = api.url.rsplit(":", 1)[1]
    async with make_client(strict_app) as admin:
        await sign_in(admin, ADMIN_EMAIL, ADMIN_PASSWORD)
        for index, url in enumerate(BLOCKED_URLS):
            action_id = await create_action(admin, url.format(port=port), name=f"blocked {index}")
            result = await run(admin, action_id)
            assert result["ok"] is False
            assert result["errorKind"] == "blocked", (url, result)
    assert api.requests == []


async def test_test_call_secrets_never_reach_the_logs(
    technical: Client, api: FakeThirdParty, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    api.route("GET", "/me", json={"ok": True})
    token_url = api.oauth2_token_endpoint(client_id="c", client_secret="oauth-secret-5b1")
    auths = [
        {"type": "apiKey", "name": "key", "value": "query-key-8e0", "location": "query"},
        {"type": "basic", "username": "u", "password": "basic-secret-2c7"},
        {"type": "oauth2ClientCredentials", "tokenUrl": token_url, "clientId": "c", "clientSecret": "oauth-secret-5b1"},
    ]
    for index, auth in enumerate(auths):
        action_id = await create_action(
            technical,
            api.url + "/me",
            name=f"a{index}",
            method="GET",
            requestPayload=None,
            headers=[],
            queryParameters=[],
            authentication=auth,
        )
        assert (await run(technical, action_id, {}))["status"] == 200
    for secret in [
        "query-key-8e0",
        "basic-secret-2c7",
        "oauth-secret-5b1",
        base64.b64encode(b"u:basic-secret-2c7").decode(),
    ]:
        assert secret not in caplog.text
