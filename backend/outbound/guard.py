"""Decide whether an outbound call may reach an address: public only, unless the operator allowed the host.

Custom actions are configured by users, so every outbound call is a possible SSRF. The check runs on the
addresses DNS returns (not on the URL text), and the connection is then made to exactly the checked address
(see ``backend.outbound.resolver``), so a DNS answer that changes between check and connect cannot slip through.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
from collections.abc import Awaitable, Callable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]

METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata.goog", "metadata"})
METADATA_IPS = frozenset({ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")})
CGNAT = ipaddress.ip_network("100.64.0.0/10")


class GuardError(Exception):
    """A destination the guard refused or could not look up (raised inside the client's connect)."""


class BlockedDestinationError(GuardError):
    """The destination resolves to an address outbound calls may not reach."""


class DnsResolutionError(GuardError):
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


def allowed_entry(text: str) -> str:
    """One ``JOURNEYS_ALLOWED_PRIVATE_HOSTS`` entry as the checks look it up: ``host``, ``host:port`` or ``[v6]:port``.

    An entry without a port allows every port of the host; with one, only that port. ValueError when malformed.
    """
    entry = text.strip().lower()
    if entry.startswith("["):
        host, closed, rest = entry[1:].partition("]")
        if not closed or (rest and not rest.startswith(":")):
            raise ValueError(f"{text!r} is not a host, host:port or [IPv6]:port")
        return _host_key(host, _port(rest[1:], text) if rest else None)
    if entry.count(":") == 1:  # host:port (a bare IPv6 address has more colons)
        host, _, port = entry.partition(":")
        return _host_key(host, _port(port, text))
    return _host_key(entry, None)


def _port(text: str, entry: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise ValueError(f"{entry!r}: the port must be a number from 1 to 65535")
    return int(text)


def _host_key(host: str, port: int | None) -> str:
    """The host (IP literals in their canonical spelling), with ``:port`` when given; IPv6 bracketed then."""
    name = host.strip("[]").lower().rstrip(".")
    with contextlib.suppress(ValueError):  # a host name stays as it is
        name = str(ipaddress.ip_address(name))
    if port is None:
        return name
    return f"[{name}]:{port}" if ":" in name else f"{name}:{port}"


def is_allowed_host(host: str, allowed: frozenset[str], port: int | None = None) -> bool:
    """Whether the operator listed this host name or IP (on every port, or on ``port``) as allowed."""
    if not allowed:
        return False
    name = _host_key(host, None)
    return name in allowed or (port is not None and _host_key(name, port) in allowed)


def check_host_name(host: str, allowed: frozenset[str], port: int | None = None) -> None:
    """Refuse well-known metadata host names before they are even looked up."""
    if host.lower().rstrip(".") in METADATA_HOSTS and not is_allowed_host(host, allowed, port):
        raise BlockedDestinationError(f"{host} is a cloud metadata host")


def check_addresses(host: str, addresses: list[str], allowed: frozenset[str], port: int | None = None) -> None:
    """Refuse when any resolved address is not public and neither the host nor that address is allowed (on ``port``)."""
    check_host_name(host, allowed, port)
    if is_allowed_host(host, allowed, port):
        return
    for address in addresses:
        reason = blocked_reason(ipaddress.ip_address(address.split("%", 1)[0]))
        if reason and not is_allowed_host(address, allowed, port):
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
    check_host_name(host, allowed, port)
    addresses = await resolve(host, port)
    check_addresses(host, addresses, allowed, port)
    return addresses
