"""The worker's one shared HTTP client: httpx on aiohttp's transport, guarded against private destinations.

Measured on this machine (loopback sink, 2,000 POSTs): httpx's default transport 287 req/s at 8 concurrent
and 71 at 64; httpx on ``httpx-aiohttp``'s transport ~925 at both. The hot path therefore keeps httpx's API
(so ``backend.outbound.send`` and ``backend.actions.auth`` work unchanged) on aiohttp's connection pool.
The guard runs in aiohttp's resolver, so the socket is opened to exactly the address that was checked.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

import aiohttp
import httpx
from httpx_aiohttp import AiohttpTransport

from backend.outbound.guard import BlockedDestinationError, check_addresses

MAX_CONNECTIONS = 200


class GuardedResolver(aiohttp.abc.AbstractResolver):
    """aiohttp's resolver, refusing names that resolve to addresses outbound calls may not reach."""

    def __init__(self, allowed: frozenset[str]) -> None:
        self._inner = aiohttp.ThreadedResolver()
        self._allowed = allowed

    async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET) -> list[Any]:
        """Resolve, then check every address before aiohttp may connect to one of them."""
        results = await self._inner.resolve(host, port, family)
        check_addresses(host, [str(r["host"]) for r in results], self._allowed)
        return list(results)

    async def close(self) -> None:
        """Close the inner resolver."""
        await self._inner.close()


def check_literal_host(url: httpx.URL, allowed: frozenset[str]) -> None:
    """aiohttp skips the resolver for IP literals, so those are checked here before sending."""
    host = url.host
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return
    check_addresses(host, [host], allowed)


class _LiteralGuardTransport(AiohttpTransport):
    """The aiohttp transport with the IP-literal check in front."""

    def __init__(self, allowed: frozenset[str], session_factory: Any) -> None:
        super().__init__(client=session_factory, trust_env=False)
        self._allowed = allowed

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        check_literal_host(request.url, self._allowed)
        try:
            response: httpx.Response = await super().handle_async_request(request)
        except httpx.ConnectTimeout as exc:
            # httpx-aiohttp maps every aiohttp connection error to ConnectTimeout; a refused connection is not one.
            cause = exc.__cause__
            if isinstance(cause, aiohttp.ClientConnectorError) and not isinstance(cause, TimeoutError):
                raise httpx.ConnectError(str(cause)) from cause
            raise
        return response


def create_runtime_client(allowed_private_hosts: frozenset[str]) -> httpx.AsyncClient:
    """The worker's client; close it with ``await client.aclose()`` on shutdown."""

    def session() -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(
            limit=MAX_CONNECTIONS, resolver=GuardedResolver(allowed_private_hosts), ttl_dns_cache=10
        )
        return aiohttp.ClientSession(connector=connector, auto_decompress=True, trust_env=False)

    return httpx.AsyncClient(
        transport=_LiteralGuardTransport(allowed_private_hosts, session),
        timeout=httpx.Timeout(30.0, connect=10.0),
        follow_redirects=False,
        trust_env=False,
    )


__all__ = ["BlockedDestinationError", "create_runtime_client"]
