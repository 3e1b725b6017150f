"""No secret of an action leaves the backend in clear: step log, context, database rows, test calls, logs."""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, quote_plus

import pytest
from litestar import Litestar
from sqlalchemy import text
from yarl import URL

from backend.runtime.execution.worker import Worker
from tests.conftest import Client
from tests.fake_third_party import FakeThirdParty
from tests.integration.runtime_support import (
    action_journey,
    make_action,
    make_event_type,
    publish,
    send,
)

MASK = "•••"
QUERY_KEY = "q-key/8e0+ä&="  # characters that are percent-encoded on the wire


@pytest.fixture(name="api")
def api_fixture() -> Iterator[FakeThirdParty]:
    """The fake third party."""
    with FakeThirdParty() as api:
        api.route("POST", "/garbage", raw=b"this is not HTTP at all\r\n\r\n")
        api.route("POST", "/echo", echo=True)
        yield api


def wire_forms(secret: str) -> list[str]:
    """The secret and the encoded forms it takes in a URL."""
    return [
        secret,
        quote(secret, safe=""),
        quote_plus(secret),
        URL("http://x/").with_query({"k": secret}).raw_query_string[2:],
    ]


def auth_cases(api: FakeThirdParty) -> dict[str, tuple[dict[str, Any], list[str]]]:
    """Authentication of each type with the texts that must never be readable."""
    token_url = api.oauth2_token_endpoint(client_id="cid", client_secret="oauth-secret-71d")
    return {
        "basic": (
            {"type": "basic", "username": "svc", "password": "basic-secret-2c7"},
            ["basic-secret-2c7", base64.b64encode(b"svc:basic-secret-2c7").decode()],
        ),
        "bearer": ({"type": "bearer", "token": "bearer-token-3ad"}, ["bearer-token-3ad"]),
        "apiKeyHeader": (
            {"type": "apiKey", "name": "X-Api-Key", "value": "header-key-6b0", "location": "header"},
            ["header-key-6b0"],
        ),
        "apiKeyQuery": (
            {"type": "apiKey", "name": "api_key", "value": QUERY_KEY, "location": "query"},
            wire_forms(QUERY_KEY),
        ),
        "oauth2": (
            {
                "type": "oauth2ClientCredentials",
                "tokenUrl": token_url,
                "clientId": "cid",
                "clientSecret": "oauth-secret-71d",
            },
            ["oauth-secret-71d", base64.b64encode(b"cid:oauth-secret-71d").decode(), "token-1"],
        ),
    }


async def stored_texts(app: Litestar) -> str:
    """Every instance and step-log row as text, as an operator reading the database sees them."""
    async with app.state.engine.connect() as connection:
        rows = [*(await connection.execute(text("SELECT * FROM journey_instances"))).all()]
        rows += (await connection.execute(text("SELECT * FROM step_logs"))).all()
    return "\n".join(str(tuple(row)) for row in rows)


async def run_journey(admin: Client, worker: Worker, path: str, **action: Any) -> str:
    """Publish event -> action(path) -> end, send one event, run it; returns the instance id."""
    event_type = await make_event_type(admin)
    created = await make_action(admin, path, **action)
    await publish(admin, action_journey(event_type["id"], created["id"]))
    response = await send(admin)
    assert response.status_code == 202, response.text
    await worker.run_until_idle()
    return str(response.json()["instances"][0])


def assert_hidden(secrets: list[str], *texts: str) -> None:
    for secret in secrets:
        for where, seen in enumerate(texts):
            assert secret not in seen, (secret, where)


async def test_a_query_key_in_an_error_text_never_reaches_the_step_log_or_the_database(
    app: Litestar,
    admin: Client,
    marketer: Client,
    api: FakeThirdParty,
    worker: Worker,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    auth, secrets = auth_cases(api)["apiKeyQuery"]
    instance_id = await run_journey(admin, worker, api.url + "/garbage?source=jb", authentication=auth)
    assert api.requests_to("/garbage")[0].query["api_key"] == [QUERY_KEY]
    found = (await marketer.get(f"/api/instances/{instance_id}")).json()
    assert found["status"] == "failed"
    call = next(step for step in found["steps"] if step["nodeId"] == "call")
    assert api.url + "/garbage" in call["detail"]["error"]
    assert "source=jb" not in str(found)  # error texts carry URLs without their query string
    metrics = (await admin.get("/metrics")).text
    assert_hidden(secrets, str(found), await stored_texts(app), caplog.text, metrics)


@pytest.mark.parametrize("case", ["basic", "bearer", "apiKeyHeader", "apiKeyQuery", "oauth2"])
async def test_credentials_echoed_back_are_masked_in_the_context_marketers_read(
    app: Litestar, admin: Client, marketer: Client, api: FakeThirdParty, worker: Worker, case: str
) -> None:
    auth, secrets = auth_cases(api)[case]
    instance_id = await run_journey(admin, worker, api.url + "/echo", authentication=auth)
    found = (await marketer.get(f"/api/instances/{instance_id}")).json()
    assert found["status"] == "completed", found
    response = found["context"]["steps"]["call"]["response"]
    assert MASK in str(response)
    assert_hidden(secrets, str(found), await stored_texts(app))


async def test_a_test_call_result_carries_no_secret(technical: Client, api: FakeThirdParty) -> None:
    for index, (auth, secrets) in enumerate(auth_cases(api).values()):
        for path in ("/garbage?source=jb", "/echo"):
            body = {"name": f"a{index}{path}", "method": "POST", "url": api.url + path, "authentication": auth}
            created = await technical.post("/api/actions", json=body)
            assert created.status_code == 201, created.text
            result = (await technical.post(f"/api/actions/{created.json()['id']}/test", json={})).json()
            assert result["ok"] is (path == "/echo"), result
            assert "source=jb" not in str(result)
            assert_hidden(secrets, str(result))
