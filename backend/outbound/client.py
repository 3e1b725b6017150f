"""The one shared outbound HTTP client: guarded against private destinations, no redirects, bounded pool.

httpx has no resolver hook, but its connection pool (httpcore) takes a network backend whose
``connect_tcp(host, port)`` is the single place sockets are opened. Our backend resolves the host, checks every
address with the guard and connects to the checked IP itself, so a second DNS answer is never consulted
(no DNS rebinding). TLS still verifies and sends SNI for the original host name, because httpcore passes the
URL's host to ``start_tls`` independently of where the socket was connected.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from backend.outbound.guard import Resolver, resolve_checked, resolve_host

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
DEFAULT_LIMITS = httpx.Limits(max_connections=200, max_keepalive_connections=50, keepalive_expiry=30.0)


class GuardedNetworkBackend(httpcore.AsyncNetworkBackend):
    """Opens TCP connections only to addresses the guard accepts, and only to the address it checked."""

    def __init__(self, allowed: frozenset[str], resolve: Resolver = resolve_host) -> None:
        self._inner = httpcore.AnyIOBackend()
        self._allowed = allowed
        self._resolve = resolve

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Resolve and check ``host``, then connect to the first checked address that accepts."""
        addresses = await resolve_checked(host, port, self._allowed, self._resolve)
        last: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                last = exc
        assert last is not None  # resolve_checked never returns an empty list
        raise last

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Unix sockets are local by definition, so never allowed for outbound calls."""
        raise httpcore.ConnectError("unix sockets are not allowed for outbound calls")

    async def sleep(self, seconds: float) -> None:
        """Delegate to anyio."""
        await self._inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport (exception mapping, pooling) with the pool rebuilt on the guarded backend."""

    def __init__(self, allowed: frozenset[str], limits: httpx.Limits, resolve: Resolver = resolve_host) -> None:
        super().__init__(limits=limits, trust_env=False)
        # ``_pool`` is httpx's documented-in-source attribute for the httpcore pool; it is replaced (not
        # wrapped) so the guard cannot be bypassed by a proxy or a pooled connection made elsewhere.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=GuardedNetworkBackend(allowed, resolve),
        )


class _RedactQuery(logging.Filter):
    """httpx logs each request URL at INFO; query strings may carry API keys, so drop their values."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_redacted(arg) for arg in record.args)
        return True


def _redacted(arg: object) -> object:
    if isinstance(arg, httpx.URL) and arg.query:
        return arg.copy_with(query=b"[redacted]")
    return arg


_REDACT = _RedactQuery()


def create_outbound_client(
    allowed_private_hosts: frozenset[str],
    *,
    timeout: httpx.Timeout = DEFAULT_TIMEOUT,
    limits: httpx.Limits = DEFAULT_LIMITS,
    resolve: Resolver = resolve_host,
) -> httpx.AsyncClient:
    """The client for every call to a third party (action test calls, OAuth2 tokens, the runtime)."""
    httpx_logger = logging.getLogger("httpx")
    if _REDACT not in httpx_logger.filters:
        httpx_logger.addFilter(_REDACT)
    return httpx.AsyncClient(
        transport=GuardedTransport(allowed_private_hosts, limits, resolve),
        timeout=timeout,
        follow_redirects=False,
        trust_env=False,
    )
