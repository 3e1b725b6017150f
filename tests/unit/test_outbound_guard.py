"""The outbound guard: which addresses a call may reach, decided after DNS and enforced at connect time."""

from __future__ import annotations

import ipaddress

import aiohttp
import pytest

from backend.config import load_settings
from backend.outbound.guard import BlockedDestinationError, blocked_reason, check_addresses, resolve_checked
from backend.outbound.messages import OutboundFailure, OutboundRequest
from backend.outbound.sender import classify_failure, create_sender
from tests.fake_third_party import FakeThirdParty


@pytest.mark.parametrize(
    "ip",
    [
        "127.0.0.1",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "169.254.1.1",
        "0.0.0.0",  # noqa: S104 - an address under test, not a bind
        "100.64.0.1",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "fd00:ec2::254",
        "::ffff:127.0.0.1",
        "::ffff:8.8.8.8",
        "ff02::1",
    ],
)
def test_non_public_addresses_are_blocked(ip: str) -> None:
    assert blocked_reason(ipaddress.ip_address(ip)) is not None
    with pytest.raises(BlockedDestinationError):
        check_addresses("api.example.com", [ip], frozenset())


@pytest.mark.parametrize("ip", ["8.8.8.8", "93.184.216.34", "2606:4700::1111"])
def test_public_addresses_pass(ip: str) -> None:
    assert blocked_reason(ipaddress.ip_address(ip)) is None
    check_addresses("api.example.com", [ip], frozenset())


def test_one_private_answer_among_public_ones_blocks_the_host() -> None:
    with pytest.raises(BlockedDestinationError, match=r"10\.1\.2\.3"):
        check_addresses("api.example.com", ["8.8.8.8", "10.1.2.3"], frozenset())


def test_metadata_host_names_are_blocked_whatever_they_resolve_to() -> None:
    with pytest.raises(BlockedDestinationError, match="metadata"):
        check_addresses("metadata.google.internal", ["8.8.8.8"], frozenset())
    with pytest.raises(BlockedDestinationError, match="metadata"):
        check_addresses("any.example.com", ["169.254.169.254"], frozenset())


def test_allowed_hosts_and_ips_pass() -> None:
    check_addresses("LocalHost.", ["127.0.0.1"], frozenset({"localhost"}))
    check_addresses("internal.example", ["10.0.0.9"], frozenset({"10.0.0.9"}))
    with pytest.raises(BlockedDestinationError):
        check_addresses("internal.example", ["10.0.0.9", "10.0.0.10"], frozenset({"10.0.0.9"}))


async def test_resolution_happens_before_the_check() -> None:
    async def rebinding_dns(host: str, port: int) -> list[str]:
        return ["127.0.0.1"]

    with pytest.raises(BlockedDestinationError, match=r"public.example resolves to 127\.0\.0\.1"):
        await resolve_checked("public.example", 443, frozenset(), rebinding_dns)


async def test_the_client_refuses_before_connecting_and_connects_to_the_checked_ip() -> None:
    with FakeThirdParty() as api:
        api.route("GET", "/ping", json={"pong": True})
        port = int(api.url.rsplit(":", 1)[1])
        asked: list[str] = []

        async def fake_dns(host: str, port: int) -> list[str]:
            asked.append(host)
            return {"private.test": ["10.0.0.1"], "pinned.test": ["127.0.0.1"]}[host]

        sender = create_sender(frozenset({"pinned.test"}), resolve=fake_dns)
        try:
            with pytest.raises(OutboundFailure) as caught:
                await sender.send(OutboundRequest("GET", f"http://private.test:{port}/ping"), 2)
            assert caught.value.kind == "blocked"
            response = await sender.send(OutboundRequest("GET", f"http://pinned.test:{port}/ping"), 2)
        finally:
            await sender.aclose()
        assert response.body == b'{"pong": true}'
        assert asked == ["private.test", "pinned.test"]
        # The pinned connection still speaks to the host by name.
        assert [r.headers["host"] for r in api.requests] == [f"pinned.test:{port}"]


async def test_localhost_is_blocked_without_allow_list_and_redirects_are_not_followed() -> None:
    with FakeThirdParty() as api:
        api.route("GET", "/moved", status=302, headers={"Location": "http://169.254.169.254/latest"})
        strict, allowing = create_sender(frozenset()), create_sender(frozenset({"127.0.0.1"}))
        try:
            with pytest.raises(OutboundFailure) as caught:
                await strict.send(OutboundRequest("GET", api.url.replace("127.0.0.1", "localhost")), 2)
            assert caught.value.kind == "blocked"
            response = await allowing.send(OutboundRequest("GET", api.url + "/moved"), 2)
        finally:
            await strict.aclose()
            await allowing.aclose()
        assert response.status == 302
        assert len(api.requests) == 1


def test_failures_are_classified() -> None:
    assert classify_failure(TimeoutError())[0] == "timeout"
    assert classify_failure(aiohttp.ClientOSError(1, "[SSL: WRONG_VERSION_NUMBER] wrong version"))[0] == "tls"
    assert classify_failure(aiohttp.ClientOSError(111, "Connection refused"))[0] == "refused"
    assert classify_failure(aiohttp.ServerDisconnectedError())[0] == "network"
    assert classify_failure(BlockedDestinationError("10.0.0.1 is private"))[0] == "blocked"


def test_allowed_private_hosts_take_ports() -> None:
    env = {
        "JOURNEYS_SECRET_KEY": "k",
        "JOURNEYS_ALLOWED_PRIVATE_HOSTS": " 127.0.0.1:8080, [::1]:9000 ,LocalHost.,[0:0::1],db.internal:5432 ",
    }
    allowed = load_settings(env).allowed_private_hosts
    assert allowed == frozenset({"127.0.0.1:8080", "[::1]:9000", "localhost", "::1", "db.internal:5432"})
    check_addresses("127.0.0.1", ["127.0.0.1"], allowed, 8080)
    check_addresses("[::1]", ["::1"], allowed, 1234)  # no port: every port
    check_addresses("db.internal", ["10.0.0.5"], allowed, 5432)
    for host, address, port in [
        ("127.0.0.1", "127.0.0.1", 8000),
        ("db.internal", "10.0.0.5", 80),
        ("x", "10.0.0.5", 5432),
    ]:
        with pytest.raises(BlockedDestinationError):
            check_addresses(host, [address], allowed, port)
    with pytest.raises(BlockedDestinationError):
        check_addresses("127.0.0.1", ["127.0.0.1"], allowed)  # the port unknown: only port-less entries count


@pytest.mark.parametrize("entry", ["127.0.0.1:", "127.0.0.1:http", "[::1]:0", "[::1", "[::1]x", "host:70000"])
def test_malformed_allowed_private_hosts_are_refused_at_start(entry: str) -> None:
    with pytest.raises(ValueError, match=r"port|IPv6"):
        load_settings({"JOURNEYS_SECRET_KEY": "k", "JOURNEYS_ALLOWED_PRIVATE_HOSTS": entry})
