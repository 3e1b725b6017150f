"""Action steps against a real fake third party: every outcome, retries, auth, error path, capping, throttling."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest

from backend.runtime.clock import ManualClock
from backend.runtime.execution.worker import Worker
from tests.conftest import Client
from tests.fake_third_party import FakeThirdParty, Reply, closed_port_url
from tests.integration.runtime_support import (
    action_journey,
    instance,
    make_action,
    make_event_type,
    publish,
    send,
)


async def _journey(admin: Client, api: FakeThirdParty, *, error_path: bool = False, **action: Any) -> str:
    event_type = await make_event_type(admin)
    created = await make_action(admin, api.url + "/hook", **action)
    return await publish(admin, action_journey(event_type["id"], created["id"], error_path=error_path))


async def _run_one(admin: Client, worker: Worker, profile_id: str = "p-1") -> dict[str, Any]:
    response = await send(admin, profile_id)
    assert response.status_code == 202, response.text
    await worker.run_until_idle()
    return await instance(admin, response.json()["instances"][0])


async def test_success_stores_the_response_and_sends_the_idempotency_key(
    admin: Client, api: FakeThirdParty, worker: Worker
) -> None:
    api.route("POST", "/hook", status=201, json={"id": "r-9"})
    journey_id = await _journey(admin, api)
    found = await _run_one(admin, worker)
    assert found["status"] == "completed"
    assert found["context"]["steps"]["call"] == {"status": "http_201", "response": {"id": "r-9"}}
    [request] = api.requests_to("/hook")
    assert request.json == {"orderId": "o-1", "kind": "order"}
    assert request.headers["idempotency-key"] == f"{found['id']}:call"
    call = next(s for s in found["steps"] if s["nodeId"] == "call")
    assert (call["outcome"], call["attempts"], call["detail"]["status"]) == ("succeeded", 1, 201)
    assert call["detail"]["method"] == "POST"
    assert call["detail"]["url"] == api.url + "/hook"
    stats = (await admin.get(f"/api/journeys/{journey_id}/stats")).json()
    by_node = {n["nodeId"]: n for n in stats["nodes"]}
    assert (by_node["call"]["entered"], by_node["call"]["succeeded"], by_node["done"]["entered"]) == (1, 1, 1)


async def test_cookies_a_call_receives_never_reach_another_profiles_call(
    admin: Client, api: FakeThirdParty, worker: Worker
) -> None:
    api.route("POST", "/hook", status=200, json={}, headers={"Set-Cookie": "session=ann-only; Path=/"})
    event_type = await make_event_type(admin)
    # By name: an HTTP client's cookie jar keeps cookies of host names (not of bare IP addresses).
    created = await make_action(admin, api.url.replace("127.0.0.1", "localhost") + "/hook")
    await publish(admin, action_journey(event_type["id"], created["id"]))
    assert (await _run_one(admin, worker, "ann"))["status"] == "completed"
    assert (await _run_one(admin, worker, "bob"))["status"] == "completed"
    first, second = api.requests_to("/hook")
    assert "cookie" not in first.headers
    assert "cookie" not in second.headers


async def test_4xx_is_not_retried_and_fails_the_instance(admin: Client, api: FakeThirdParty, worker: Worker) -> None:
    api.route("POST", "/hook", status=422, json={"error": "bad"})
    await _journey(admin, api, maxRetries=3)
    found = await _run_one(admin, worker)
    assert found["status"] == "failed"
    assert "422" in found["error"]
    assert len(api.requests_to("/hook")) == 1
    assert found["context"]["steps"]["call"]["status"] == "http_422"


async def test_5xx_is_retried_then_takes_the_error_path(admin: Client, api: FakeThirdParty, worker: Worker) -> None:
    api.route("POST", "/hook", status=503)
    journey_id = await _journey(admin, api, error_path=True, maxRetries=2, timeoutMs=10_000)
    found = await _run_one(admin, worker)
    assert found["status"] == "completed"
    assert [s["nodeId"] for s in found["steps"]] == ["start", "call", "oops"]
    calls = api.requests_to("/hook")
    assert len(calls) == 3
    assert len({c.headers["idempotency-key"] for c in calls}) == 1
    assert found["steps"][1]["attempts"] == 3
    stats = {n["nodeId"]: n for n in (await admin.get(f"/api/journeys/{journey_id}/stats")).json()["nodes"]}
    assert stats["call"]["failed"] == 1


async def test_429_and_408_are_retried_honouring_retry_after(
    admin: Client, api: FakeThirdParty, worker: Worker, clock: ManualClock
) -> None:
    api.queue("POST", "/hook", Reply(status=429, headers={"Retry-After": "1"}), Reply(status=408))
    api.route("POST", "/hook", status=200, json={"id": "ok"})
    await _journey(admin, api, maxRetries=3, timeoutMs=10_000)
    started = clock.now()
    found = await _run_one(admin, worker)
    assert found["status"] == "completed"
    assert len(api.requests_to("/hook")) == 3
    assert clock.now() - started >= timedelta(seconds=1)  # waited on the clock: no real second passes


@pytest.mark.parametrize("reply", [{"delay": 1.5}, {"hang": True}], ids=["slow", "hang"])
async def test_slow_or_hanging_endpoint_times_out(
    admin: Client, api: FakeThirdParty, worker: Worker, reply: dict[str, Any]
) -> None:
    api.route("POST", "/hook", **reply)
    await _journey(admin, api, error_path=True, timeoutMs=300, maxRetries=1)
    started = time.monotonic()
    found = await _run_one(admin, worker)
    assert time.monotonic() - started < 3  # the 0.3 s budget, with room for a loaded machine
    assert found["context"]["steps"]["call"]["status"] == "timedout"
    assert found["steps"][1]["outcome"] == "timedOut"
    assert found["steps"][-1]["nodeId"] == "oops"


async def test_unreachable_endpoint_is_an_error(admin: Client, worker: Worker) -> None:
    event_type = await make_event_type(admin)
    action = await make_action(admin, "http://127.0.0.1:9/hook")
    await publish(admin, action_journey(event_type["id"], action["id"]))
    found = await _run_one(admin, worker)
    assert found["status"] == "failed"
    assert found["context"]["steps"]["call"]["status"] == "error"


async def test_bearer_and_oauth2_auth_on_the_wire(admin: Client, api: FakeThirdParty, worker: Worker) -> None:
    token_url = api.oauth2_token_endpoint(client_id="cid", client_secret="csecret")
    api.route("POST", "/hook", require_token=True, json={"id": "x"})
    auth = {"type": "oauth2ClientCredentials", "tokenUrl": token_url, "clientId": "cid", "clientSecret": "csecret"}
    await _journey(admin, api, authentication=auth)
    assert (await _run_one(admin, worker, "p-1"))["status"] == "completed"
    api.revoke_tokens()  # the cached token now gets 401: refreshed once, then accepted
    assert (await _run_one(admin, worker, "p-2"))["status"] == "completed"
    assert len(api.issued_tokens()) == 2
    hooks = api.requests_to("/hook")
    assert hooks[0].headers["authorization"] == f"Bearer {api.issued_tokens()[0]}"
    assert hooks[-1].headers["authorization"] == f"Bearer {api.issued_tokens()[1]}"
    found = await _run_one(admin, worker, "p-3")
    assert "csecret" not in str(found)


async def test_an_unreachable_token_endpoint_fails_the_step_without_retries(
    admin: Client, api: FakeThirdParty, worker: Worker
) -> None:
    auth = {
        "type": "oauth2ClientCredentials",
        "tokenUrl": closed_port_url() + "/token",
        "clientId": "c",
        "clientSecret": "cs-4e1",
    }
    await _journey(admin, api, authentication=auth, maxRetries=2)
    found = await _run_one(admin, worker)
    call = next(s for s in found["steps"] if s["nodeId"] == "call")
    assert (call["outcome"], call["attempts"]) == ("failed", 1)
    assert call["detail"]["error"].startswith("OAuth2 token: connection refused")
    assert api.requests == []


async def test_an_edited_action_applies_to_the_next_call(admin: Client, api: FakeThirdParty, worker: Worker) -> None:
    api.route("POST", "/hook", json={"id": "x"})
    api.route("POST", "/moved", json={"id": "y"})
    event_type = await make_event_type(admin)
    action = await make_action(admin, api.url + "/hook")
    await publish(admin, action_journey(event_type["id"], action["id"], error_path=True))
    assert (await _run_one(admin, worker, "p-1"))["status"] == "completed"
    answered_only = {"id", "usedIn", "lockedBy", "createdAt", "updatedAt"}
    edited = {k: v for k, v in action.items() if k not in answered_only}
    edited.update(url=api.url + "/moved", headers=[{"name": "X-Edition", "value": "2"}])
    edit = await admin.put(f"/api/actions/{action['id']}", json=edited)
    assert edit.status_code == 200, edit.text
    assert (await _run_one(admin, worker, "p-2"))["status"] == "completed"
    assert len(api.requests_to("/hook")) == 1
    assert [r.headers["x-edition"] for r in api.requests_to("/moved")] == ["2"]


async def test_capping_fails_fast_over_the_limit(admin: Client, api: FakeThirdParty, worker: Worker) -> None:
    api.route("POST", "/hook", json={"id": "x"})
    await _journey(admin, api, error_path=True, capping={"maxCalls": 2, "periodSeconds": 3600})
    for profile in ("a", "b", "c", "d"):
        assert (await send(admin, profile)).status_code == 202
    started = time.monotonic()
    await worker.run_until_idle()
    assert time.monotonic() - started < 5
    assert len(api.requests_to("/hook")) == 2
    listed = (await admin.get("/api/instances")).json()
    statuses = sorted([(await instance(admin, i["id"]))["context"]["steps"]["call"]["status"] for i in listed])
    assert statuses == ["capped", "capped", "http_200", "http_200"]


async def test_throttling_delays_calls_and_drops_none(
    admin: Client, api: FakeThirdParty, worker: Worker, clock: ManualClock
) -> None:
    api.route("POST", "/hook", json={"id": "x"})
    await _journey(admin, api, throttling={"maxCallsPerSecond": 10})
    for profile in range(6):
        assert (await send(admin, f"p{profile}")).status_code == 202
    await worker.run_until_idle()
    assert len(api.requests_to("/hook")) == 1  # the others are parked until their slots, 0.1 s apart
    for calls in range(2, 7):
        clock.advance(0.1)
        await worker.run_until_idle()
        assert len(api.requests_to("/hook")) == calls
    listed = (await admin.get("/api/instances", params={"status": "completed"})).json()
    assert len(listed) == 6
