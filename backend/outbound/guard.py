"""Decide whether an outbound call may reach an address: public only, unless the operator allowed the host.

Custom actions are configured by users, so every outbound call is a possible SSRF. The check runs on the
addresses DNS returns (not on the URL text), and the connection is then made to exactly the checked address
(see ``backend.outbound.client``), so a DNS answer that changes between check and connect cannot slip through.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable

import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]

METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata.goog", "metadata"})
METADATA_IPS = frozenset({ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")})
CGNAT = ipaddress.ip_network("100.64.0.0/10")


class BlockedDestinationError(httpx.TransportError):
    """The destination resolves to an address outbound calls may not reach."""


class DnsResolutionError(httpx.TransportError):
    """The host name could not be resolved."""


def blocked_reason(ip: IPAddress) -> str | None:
    """Why ``ip`` is not a public destination, or None when it is one."""
    if ip in METADATA_IPS:
        return "a cloud metadata address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return "an IPv4-mapped IPv6 address"
    checks = (
        (ip.is_loopback, "a loopback address"),
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (isinstance(ip, ipaddress.IPv4Address) and ip in CGNAT, "a carrier-grade NAT address"),
        (ip.is_private, "a private address"),
        (ip.is_reserved, "a reserved address"),
        (not ip.is_global, "not a public address"),
    )
    return next((reason for hit, reason in checks if hit), None)


def is_allowed_host(host: str, allowed: frozenset[str]) -> bool:
    """Whether the operator listed this host name or IP in ``JOURNEYS_ALLOWED_PRIVATE_HOSTS``."""
    return host.strip("[]").lower().rstrip(".") in allowed


def check_host_name(host: str, allowed: frozenset[str]) -> None:
    """Refuse well-known metadata host names before they are even looked up."""
    if host.lower().rstrip(".") in METADATA_HOSTS and not is_allowed_host(host, allowed):
        raise BlockedDestinationError(f"{host} is a cloud metadata host")


def check_addresses(host: str, addresses: list[str], allowed: frozenset[str]) -> None:
    """Refuse when any resolved address is not public and neither the host nor that address is allowed."""
    check_host_name(host, allowed)
    if is_allowed_host(host, allowed):
        return
    for address in addresses:
        reason = blocked_reason(ipaddress.ip_address(address.split("%", 1)[0]))
        if reason and not is_allowed_host(address, allowed):
            raise BlockedDestinationError(f"{host} resolves to {address}, {reason}")


async def resolve_host(host: str, port: int) -> list[str]:
    """All addresses of ``host`` (a literal IP resolves to itself without a DNS query)."""
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise DnsResolutionError(f"cannot resolve {host}: {exc}") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise DnsResolutionError(f"{host} has no address")
    return addresses


async def resolve_checked(host: str, port: int, allowed: frozenset[str], resolve: Resolver = resolve_host) -> list[str]:
    """Resolve ``host`` and return its addresses only when every one of them may be reached."""
    check_host_name(host, allowed)
    addresses = await resolve(host, port)
    check_addresses(host, addresses, allowed)
    return addresses
