"""Headers and query parameters marked ``secret``: write-only, encrypted at rest, masked wherever they could show."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from litestar import Litestar
from sqlmodel import select

from backend.db.tables import CustomActionRow
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

HEADER_SECRET = "hdr-secret-91c"
QUERY_SECRET = "qp-secret 5d2/+"
MASK = "•••"


@pytest.fixture(name="api")
def api_fixture() -> Iterator[FakeThirdParty]:
    """The fake third party, echoing what it receives."""
    with FakeThirdParty() as api:
        api.route("POST", "/echo", echo=True)
        yield api


def secret_fields(header: str | None = HEADER_SECRET, query: str | None = QUERY_SECRET) -> dict[str, Any]:
    return {
        "headers": [
            {"name": "X-Api-Key", "kind": "constant", "value": header, "secret": True},
            {"name": "X-Tenant", "kind": "constant", "value": "acme"},
        ],
        "queryParameters": [{"name": "key", "kind": "constant", "value": query, "secret": True}],
    }


def action_body(url: str, **fields: Any) -> dict[str, Any]:
    return {"name": "keyed", "method": "POST", "url": url, **secret_fields(), **fields}


async def stored_row(app: Litestar, action_id: str) -> str:
    """The stored headers and query parameters of an action, as text."""
    async with app.state.session_factory() as db:
        row = (await db.exec(select(CustomActionRow).where(CustomActionRow.id == uuid.UUID(action_id)))).one()
        return str((row.headers, row.query_parameters))


def assert_values_hidden(action: dict[str, Any]) -> None:
    assert action["headers"][0] == {
        "name": "X-Api-Key",
        "kind": "constant",
        "value": None,
        "type": "string",
        "label": None,
        "required": True,
        "secret": True,
    }
    assert action["headers"][1]["value"] == "acme"
    assert action["queryParameters"][0]["value"] is None
    assert action["queryParameters"][0]["secret"] is True


async def test_secret_headers_and_query_parameters_are_write_only_and_encrypted_at_rest(
    app: Litestar, technical: Client, marketer: Client, api: FakeThirdParty
) -> None:
    created = await technical.post("/api/actions", json=action_body(api.url + "/echo"))
    assert created.status_code == 201, created.text
    action_id = created.json()["id"]
    assert_values_hidden(created.json())
    assert_values_hidden((await marketer.get(f"/api/actions/{action_id}")).json())
    assert_values_hidden((await technical.get("/api/actions")).json()[0])
    row = await stored_row(app, action_id)
    assert HEADER_SECRET not in row
    assert QUERY_SECRET not in row
    assert row.count("enc:v1:") == 2
    kept = await technical.put(
        f"/api/actions/{action_id}", json=action_body(api.url + "/echo", **secret_fields(None, None))
    )
    assert kept.status_code == 200, kept.text
    assert_values_hidden(kept.json())
    result = (await technical.post(f"/api/actions/{action_id}/test", json={})).json()
    [seen] = api.requests_to("/echo")
    assert (seen.headers["x-api-key"], seen.query["key"]) == (HEADER_SECRET, [QUERY_SECRET])
    assert result["ok"] is True
    assert result["body"]["headers"]["x-api-key"] == MASK
    assert HEADER_SECRET not in str(result)
    assert "qp-secret" not in str(result)


async def test_a_variable_marked_secret_is_400_naming_the_field(technical: Client) -> None:
    body = action_body("https://api.example.com/x", headers=[{"name": "X-Key", "kind": "variable", "secret": True}])
    response = await technical.post("/api/actions", json=body)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "headers[0].secret"
    assert (await technical.get("/api/actions")).json() == []


async def test_a_kept_secret_header_is_not_sent_to_a_new_destination(technical: Client) -> None:
    created = await technical.post("/api/actions", json=action_body("https://api.example.com/x"))
    assert created.status_code == 201, created.text
    moved = await technical.put(
        f"/api/actions/{created.json()['id']}",
        json=action_body("https://attacker.example/collect", **secret_fields(None, QUERY_SECRET)),
    )
    assert moved.status_code == 400
    assert moved.json()["errors"] == [
        {
            "field": "headers[0].value",
            "message": "must be entered again: the address it is sent to has changed",
            "code": "invalid",
            "params": {},
        }
    ]


async def test_secret_values_echoed_back_by_a_live_call_are_masked(
    admin: Client, marketer: Client, api: FakeThirdParty, worker: Worker
) -> None:
    event_type = await make_event_type(admin)
    created = await make_action(admin, api.url + "/echo", **secret_fields())
    await publish(admin, action_journey(event_type["id"], created["id"]))
    response = await send(admin)
    await worker.run_until_idle()
    found = (await marketer.get(f"/api/instances/{response.json()['instances'][0]}")).json()
    assert found["status"] == "completed", found
    echoed = found["context"]["steps"]["call"]["response"]
    assert echoed["headers"]["x-api-key"] == MASK
    assert echoed["query"]["key"] == [MASK]
    assert "qp-secret" not in str(found)
    assert HEADER_SECRET not in str(found)
