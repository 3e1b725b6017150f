"""A request that cannot be built or prepared is a step error at once: never retried as an interrupted attempt."""

from __future__ import annotations

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


async def _publish(admin: Client, api: FakeThirdParty, *, error_path: bool) -> None:
    event_type = await make_event_type(admin)
    header = {"name": "X-Customer", "kind": "variable", "type": "string"}
    action = await make_action(admin, api.url + "/hook", headers=[header], requestPayload=None, maxRetries=3)
    mapping = {"headers": {"X-Customer": {"source": "field", "field": "event.email"}}}
    await publish(admin, action_journey(event_type["id"], action["id"], error_path=error_path, mapping=mapping))


@pytest.mark.parametrize("error_path", [True, False], ids=["error-path", "no-error-path"])
async def test_crlf_in_a_mapped_header_is_a_step_error_at_once(
    admin: Client, api: FakeThirdParty, worker: Worker, error_path: bool
) -> None:
    api.route("POST", "/hook", json={"id": "x"})
    await _publish(admin, api, error_path=error_path)
    data = {**ORDER_EXAMPLE, "email": "ann@example.com\r\nX-Injected: 1"}
    response = await send(admin, "ann", data=data)
    assert response.status_code == 202, response.text
    await worker.run_until_idle()
    found = await instance(admin, response.json()["instances"][0])
    assert found["status"] == ("completed" if error_path else "failed")
    assert found["context"]["steps"]["call"]["status"] == "error"
    call = next(s for s in found["steps"] if s["nodeId"] == "call")
    assert call["outcome"] == "failed"
    assert "header" in call["detail"]["error"]
    assert [s["nodeId"] for s in found["steps"]] == (["start", "call", "oops"] if error_path else ["start", "call"])
    assert api.requests_to("/hook") == []  # nothing left the worker
