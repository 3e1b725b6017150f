"""The sender's guard, on every path (test calls, live calls, tokens): private destinations refused."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from backend.actions.auth import fetch_token
from backend.actions.schemas import OAuth2ClientCredentials
from backend.outbound.messages import OutboundFailure, OutboundRequest
from backend.outbound.sender import Sender, create_sender
from tests.fake_third_party import FakeThirdParty

BLOCKED_URLS = [
    "http://127.0.0.1:{port}/ping",  # loopback
    "http://127.8.9.10:{port}/ping",  # loopback, not the usual address
    "http://localhost:{port}/ping",  # a name resolving to loopback
    "http://[::1]:{port}/ping",  # IPv6 loopback
    "http://[::ffff:127.0.0.1]:{port}/ping",  # IPv4-mapped IPv6
    "http://169.254.1.1:{port}/ping",  # link-local
    "http://169.254.169.254/latest/meta-data/",  # cloud metadata (link-local)
    "http://[fe80::1]:{port}/ping",  # IPv6 link-local
    "http://10.0.0.1:{port}/ping",  # private
    "http://metadata.google.internal/computeMetadata/v1/",
]


@pytest.fixture(name="api")
def api_fixture() -> Iterator[FakeThirdParty]:
    """The fake third party."""
    with FakeThirdParty() as api:
        api.route("GET", "/ping", json={"pong": True})
        yield api


@pytest.fixture(name="other")
def other_fixture() -> Iterator[FakeThirdParty]:
    """A second server on the same host, another port (stands for the app's own port or PostgreSQL)."""
    with FakeThirdParty() as other:
        other.route("GET", "/ping", json={"pong": "other"})
        yield other


def _port(api: FakeThirdParty) -> int:
    return int(api.url.rsplit(":", 1)[1])


async def _sender(allowed: frozenset[str]) -> AsyncIterator[Sender]:
    sender = create_sender(allowed)
    try:
        yield sender
    finally:
        await sender.aclose()


@pytest.fixture(name="strict")
async def strict_fixture() -> AsyncIterator[Sender]:
    """The runtime's sender with no private host allowed, as in production."""
    async for sender in _sender(frozenset()):
        yield sender


@pytest.mark.parametrize("url", BLOCKED_URLS)
async def test_the_runtime_refuses_private_destinations_before_connecting(
    strict: Sender, api: FakeThirdParty, url: str
) -> None:
    with pytest.raises(OutboundFailure) as caught:
        await strict.send(OutboundRequest("GET", url.format(port=_port(api))), 2)
    assert caught.value.kind == "blocked", caught.value.message
    assert api.requests == []


@pytest.mark.parametrize("allowed", ["127.0.0.1", "localhost"])
async def test_the_runtime_reaches_an_allowed_private_host(api: FakeThirdParty, allowed: str) -> None:
    async for sender in _sender(frozenset({allowed})):
        answer = await sender.send(OutboundRequest("GET", f"http://{allowed}:{_port(api)}/ping"), 2)
        assert (answer.status, answer.body) == (200, b'{"pong": true}')


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
async def test_an_allowed_host_and_port_is_reached_and_the_hosts_other_ports_are_refused(
    api: FakeThirdParty, other: FakeThirdParty, host: str
) -> None:
    async for sender in _sender(frozenset({f"{host}:{_port(api)}"})):
        answer = await sender.send(OutboundRequest("GET", f"http://{host}:{_port(api)}/ping"), 2)
        assert answer.status == 200
        with pytest.raises(OutboundFailure) as caught:
            await sender.send(OutboundRequest("GET", f"http://{host}:{_port(other)}/ping"), 2)
        assert caught.value.kind == "blocked"
        with pytest.raises(OutboundFailure) as caught:  # the scheme's default port is a port too
            await sender.send(OutboundRequest("GET", f"http://{host}/ping"), 2)
        assert caught.value.kind == "blocked"
    assert other.requests == []


async def test_oauth2_token_requests_pass_the_same_guard(api: FakeThirdParty, other: FakeThirdParty) -> None:
    token_url = api.oauth2_token_endpoint(client_id="c", client_secret="s")
    async for sender in _sender(frozenset({f"127.0.0.1:{_port(api)}"})):
        assert await fetch_token(sender.send, OAuth2ClientCredentials(token_url, "c", "s")) == ("token-1", 3600)
        for url in (f"{other.url}/oauth/token", "http://169.254.169.254/oauth/token"):
            with pytest.raises(OutboundFailure) as caught:
                await fetch_token(sender.send, OAuth2ClientCredentials(url, "c", "s"))
            assert caught.value.kind == "blocked"
    [grant] = api.requests_to("/oauth/token")
    assert grant.headers["user-agent"].startswith("JourneyBuilder/")
    assert other.requests == []
