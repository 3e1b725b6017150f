"""A *Send test request* and a live call of the same action with the same values are the same request on the wire."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from litestar import Litestar

from backend.config import Settings
from backend.runtime.clock import ManualClock
from tests.conftest import Client
from tests.fake_third_party import FakeThirdParty, RecordedRequest
from tests.integration.runtime_support import edge as wire
from tests.integration.runtime_support import make_event_type, make_worker, node, publish

VALUES = {"trace": "trace-1", "channel": "sms", "customer": "c-42", "total": 19.9}
AUTHS = [
    pytest.param({"type": "bearer", "token": "static-token"}, id="bearer"),
    pytest.param({"type": "basic", "username": "svc", "password": "pa:ss"}, id="basic"),
]


@pytest.fixture(name="api")
def api_fixture() -> Iterator[FakeThirdParty]:
    """The fake third party."""
    with FakeThirdParty() as api:
        api.route("POST", "/orders", status=201, json={"orderId": "o-9"})
        yield api


async def _action(admin: Client, url: str, authentication: dict[str, Any]) -> str:
    body = {
        "name": "create order",
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
        "authentication": authentication,
        "timeoutMs": 2000,
        "maxRetries": 0,
    }
    response = await admin.post("/api/actions", json=body)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def _journey(event_type_id: str, action_id: str) -> dict[str, Any]:
    def field(name: str) -> dict[str, str]:
        return {"source": "field", "field": f"event.{name}"}

    mappings = {
        "headers": {"X-Trace": field("trace")},
        "queryParameters": {"channel": field("channel")},
        "payload": {"customer.id": field("customer"), "total": field("total")},
    }
    nodes = [
        node("start", "event", eventTypeId=event_type_id),
        node("call", "action", actionId=action_id, mappings=mappings),
        node("done", "end"),
    ]
    return {"nodes": nodes, "edges": [wire("start", "call"), wire("call", "done", "success")]}


def _wire_form(request: RecordedRequest) -> dict[str, Any]:
    headers = {name: value for name, value in request.headers.items() if name != "idempotency-key"}
    return {"method": request.method, "target": request.target, "headers": headers, "body": request.body}


@pytest.mark.parametrize("authentication", AUTHS)
async def test_a_test_call_sends_exactly_what_a_live_call_sends(
    app: Litestar,
    settings: Settings,
    admin: Client,
    api: FakeThirdParty,
    clock: ManualClock,
    authentication: dict[str, Any],
) -> None:
    worker = make_worker(app, settings, clock)
    try:
        action_id = await _action(admin, api.url + "/orders?source=jb", authentication)
        sample = {
            "headers": {"X-Trace": VALUES["trace"]},
            "queryParameters": {"channel": VALUES["channel"]},
            "payload": {"customer.id": VALUES["customer"], "total": VALUES["total"]},
        }
        tested = await admin.post(f"/api/actions/{action_id}/test", json=sample)
        assert tested.json()["status"] == 201, tested.text
        event_type = await make_event_type(admin, "order created", VALUES)
        await publish(admin, _journey(event_type["id"], action_id))
        event = {"type": "order created", "profileId": "p-1", "data": VALUES}
        assert (await admin.post("/api/events", json=event)).status_code == 202
        await worker.run_until_idle()
    finally:
        await worker.close()
    test_call, live_call = api.requests_to("/orders")
    assert "idempotency-key" in live_call.headers
    assert _wire_form(test_call) == _wire_form(live_call)
    assert test_call.headers["user-agent"].startswith("JourneyBuilder/")
    assert test_call.headers["x-trace"] == "trace-1"
    assert test_call.target == "/orders?source=jb&channel=sms"
