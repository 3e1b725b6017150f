"""Redirects at the wire: two fake third parties on loopback (127.0.0.1 and 127.0.0.2 are two origins).

Credentials reach only the origin the action names; each hop passes the private-address guard.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from backend.runtime.execution.worker import Worker
from tests.conftest import Client
from tests.fake_third_party import FakeThirdParty, Reply
from tests.integration.runtime_support import action_journey, instance, make_action, make_event_type, publish, send

BOTH_HOSTS = pytest.mark.settings(allowed_private_hosts=frozenset({"127.0.0.1", "127.0.0.2"}))


@pytest.fixture(name="other")
def other_fixture() -> Iterator[FakeThirdParty]:
    """A second third party on another loopback address: another origin."""
    with FakeThirdParty(host="127.0.0.2") as other:
        yield other


def _secret_action(url: str, **overrides: Any) -> dict[str, Any]:
    return {
        "name": "notify",
        "method": "POST",
        "url": url,
        "headers": [{"name": "X-Api-Key", "value": "header-secret", "secret": True}, {"name": "X-Plain", "value": "p"}],
        "queryParameters": [{"name": "key", "value": "query-secret", "secret": True}],
        "authentication": {"type": "bearer", "token": "bearer-secret"},
        "requestPayload": {"example": {"id": "x"}, "fields": [{"path": "id", "kind": "variable"}]},
        "timeoutMs": 3000,
        **overrides,
    }


async def _test_call(client: Client, body: dict[str, Any]) -> dict[str, Any]:
    created = await client.post("/api/actions", json=body)
    assert created.status_code == 201, created.text
    result = await client.post(f"/api/actions/{created.json()['id']}/test", json={"payload": {"id": "o-1"}})
    assert result.status_code == 200, result.text
    return dict(result.json())


@BOTH_HOSTS
async def test_credentials_stay_at_the_first_origin(
    technical: Client, api: FakeThirdParty, other: FakeThirdParty
) -> None:
    api.route("POST", "/start", status=307, headers={"Location": "/same"})  # same origin: all kept, body kept
    api.route("POST", "/same", status=302, headers={"Location": other.url + "/land?key=echoed&page=2"})
    other.route("GET", "/land", json={"ok": True})
    result = await _test_call(technical, _secret_action(api.url + "/start"))
    assert result["status"] == 200
    assert result["finalUrl"] == other.url + "/land"
    start, same = api.requests
    for seen in (start, same):
        assert seen.method == "POST"
        assert seen.json == {"id": "o-1"}
        assert seen.headers["authorization"] == "Bearer bearer-secret"
        assert seen.headers["x-api-key"] == "header-secret"
    assert start.query == {"key": ["query-secret"]}
    [landed] = other.requests
    assert landed.method == "GET"  # 302 after POST continues with GET, without the body
    assert landed.body == b""
    assert "content-type" not in landed.headers
    assert "authorization" not in landed.headers
    assert "x-api-key" not in landed.headers
    assert landed.headers["x-plain"] == "p"
    assert landed.query == {"page": ["2"]}  # the secret query parameter is dropped even when echoed


@BOTH_HOSTS
async def test_an_api_key_in_the_query_is_dropped_at_another_origin(
    technical: Client, api: FakeThirdParty, other: FakeThirdParty
) -> None:
    api.route("POST", "/start", status=308, headers={"Location": other.url + "/land?api_key=k-1&x=1"})
    other.route("POST", "/land", json={"ok": True})
    auth = {"type": "apiKey", "name": "api_key", "value": "k-1", "location": "query"}
    body = _secret_action(api.url + "/start", authentication=auth, headers=[], queryParameters=[])
    result = await _test_call(technical, body)
    assert result["status"] == 200
    [landed] = other.requests
    assert landed.method == "POST"  # 308 keeps the method and the body
    assert landed.json == {"id": "o-1"}
    assert landed.query == {"x": ["1"]}


@pytest.mark.parametrize(("status", "method"), [(303, "GET"), (301, "GET"), (307, "POST")])
async def test_the_method_after_a_redirect(technical: Client, api: FakeThirdParty, status: int, method: str) -> None:
    api.route("POST", "/start", status=status, headers={"Location": "/next"})
    api.route(method, "/next", json={"ok": True})
    result = await _test_call(technical, _secret_action(api.url + "/start"))
    assert result["status"] == 200
    assert [r.method for r in api.requests] == ["POST", method]


async def test_at_most_three_hops_then_the_redirect_is_the_answer(technical: Client, api: FakeThirdParty) -> None:
    api.route("POST", "/loop", status=307, headers={"Location": "/loop"})
    result = await _test_call(technical, _secret_action(api.url + "/loop"))
    assert result["status"] == 307
    assert len(api.requests) == 4  # the call and three redirects


async def test_follow_redirects_false_answers_the_redirect(technical: Client, api: FakeThirdParty) -> None:
    api.route("POST", "/start", status=302, headers={"Location": "/next"})
    result = await _test_call(technical, _secret_action(api.url + "/start", followRedirects=False))
    assert result["status"] == 302
    assert result["finalUrl"] is None
    assert [r.path for r in api.requests] == ["/start"]


async def test_a_hop_to_a_private_address_is_blocked(
    technical: Client, api: FakeThirdParty, other: FakeThirdParty
) -> None:
    api.route("POST", "/start", status=302, headers={"Location": other.url + "/land"})
    result = await _test_call(technical, _secret_action(api.url + "/start"))  # 127.0.0.2 is not allowed here
    assert result["ok"] is False
    assert result["errorKind"] == "blocked"
    assert other.requests == []


@BOTH_HOSTS
async def test_a_journey_follows_and_logs_the_final_url(
    admin: Client, api: FakeThirdParty, other: FakeThirdParty, worker: Worker
) -> None:
    api.queue("POST", "/hook", Reply(status=303, headers={"Location": other.url + "/done?token=t"}))
    other.route("GET", "/done", json={"id": "r-9"})
    event_type = await make_event_type(admin)
    action = await make_action(admin, api.url + "/hook", authentication={"type": "bearer", "token": "b-1"})
    await publish(admin, action_journey(event_type["id"], action["id"]))
    response = await send(admin, "ann")
    assert response.status_code == 202, response.text
    await worker.run_until_idle()
    found = await instance(admin, response.json()["instances"][0])
    assert found["status"] == "completed", found
    assert found["context"]["steps"]["call"]["response"] == {"id": "r-9"}
    call = next(s for s in found["steps"] if s["nodeId"] == "call")
    assert call["detail"]["finalUrl"] == other.url + "/done"
    assert call["detail"]["url"] == api.url + "/hook"
    [landed] = other.requests
    assert "authorization" not in landed.headers
