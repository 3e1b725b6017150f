"""The guard inside aiohttp: names are checked where they resolve, IP literals (which skip the resolver) before sending.

aiohttp connects to exactly the addresses its resolver returned, so checking them there leaves no gap for a
second DNS answer (no DNS rebinding).
"""

from __future__ import annotations

import functools
import ipaddress
import socket
from typing import Any

import aiohttp

from backend.outbound.guard import Resolver, check_addresses, check_host_name, resolve_checked


class GuardedResolver(aiohttp.abc.AbstractResolver):
    """aiohttp's resolver, refusing names that resolve to addresses outbound calls may not reach."""

    def __init__(self, allowed: frozenset[str], resolve: Resolver | None = None) -> None:
        self._inner = aiohttp.ThreadedResolver()
        self._allowed = allowed
        self._resolve = resolve  # tests stand in for DNS here

    async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET) -> list[Any]:
        """Resolve, then check every address before aiohttp may connect to one of them."""
        if self._resolve is not None:
            addresses = await resolve_checked(host, port, self._allowed, self._resolve)
            return [_result(host, address, port) for address in addresses]
        check_host_name(host, self._allowed, port)  # metadata host names are refused before they are looked up
        results = list(await self._inner.resolve(host, port, family))
        check_addresses(host, [str(r["host"]) for r in results], self._allowed, port)
        return results

    async def close(self) -> None:
        """Close the inner resolver."""
        await self._inner.close()


def _result(host: str, address: str, port: int) -> dict[str, Any]:
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    return {"hostname": host, "host": address, "port": port, "family": family, "proto": 0, "flags": 0}


@functools.lru_cache(maxsize=4096)
def check_literal_host(host: str | None, port: int | None, allowed: frozenset[str]) -> None:
    """aiohttp skips the resolver for IP literals, so those are checked here before sending.

    Cached: the verdict for a host, port and allow list never changes, and a refusal (an exception) is not cached.
    """
    try:
        ipaddress.ip_address(host or "")
    except ValueError:
        return
    check_addresses(host or "", [host or ""], allowed, port)
