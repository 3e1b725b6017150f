"""The worker's HTTP: action calls straight on aiohttp, httpx (on the same connection pool) for everything else.

Measured on this machine (loopback sink, 2,000 POSTs): httpx's default transport 287 req/s at 8 concurrent
and 71 at 64; httpx on ``httpx-aiohttp``'s transport ~925 at both. Profiling the worker then showed httpx's
own request/response objects, cookie jar and header merging at ~40% of its CPU per event, so the call of an
action step goes to aiohttp directly (``GuardedSender.send``, the same contract as
``backend.outbound.send.send_request``) while OAuth2 token requests keep httpx's API through the same
aiohttp session. The guard runs in aiohttp's resolver, so the socket is opened to exactly the address that
was checked; IP literals, which skip the resolver, are checked before sending.
"""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import socket
import time
from typing import Any

import aiohttp
import httpx
import msgspec
from httpx_aiohttp import AiohttpTransport
from yarl import URL

from backend.outbound.guard import BlockedDestinationError, check_addresses, check_host_name
from backend.outbound.send import (
    MAX_BODY_BYTES,
    OutboundFailure,
    OutboundRequest,
    OutboundResponse,
    classify_failure,
    elapsed_ms,
)

MAX_CONNECTIONS = 200
_DEFAULT_PORTS = {"http": 80, "https": 443}
_SEND_ERRORS = (aiohttp.ClientError, httpx.TransportError, OSError, TimeoutError)
# The request itself is bad (a header value with CR/LF, an invalid URL): aiohttp and yarl raise these while
# preparing it, before a byte is sent. Not a transport failure, so never retried; the step fails at once.
_PREPARE_ERRORS = (ValueError, TypeError)


class RequestPreparationError(Exception):
    """The request could not be prepared for sending (before any byte left): a step error, never retried."""


class GuardedResolver(aiohttp.abc.AbstractResolver):
    """aiohttp's resolver, refusing names that resolve to addresses outbound calls may not reach."""

    def __init__(self, allowed: frozenset[str]) -> None:
        self._inner = aiohttp.ThreadedResolver()
        self._allowed = allowed

    async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET) -> list[Any]:
        """Resolve, then check every address before aiohttp may connect to one of them."""
        check_host_name(host, self._allowed, port)  # metadata host names are refused before they are looked up
        results = await self._inner.resolve(host, port, family)
        check_addresses(host, [str(r["host"]) for r in results], self._allowed, port)
        return list(results)

    async def close(self) -> None:
        """Close the inner resolver."""
        await self._inner.close()


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


class GuardedSender:
    """One aiohttp session for a worker: action calls go through ``send``; ``httpx_client`` shares its pool."""

    def __init__(self, allowed_private_hosts: frozenset[str]) -> None:
        self._allowed = allowed_private_hosts
        self._session: aiohttp.ClientSession | None = None

    def session(self) -> aiohttp.ClientSession:
        """The session, created on first use (aiohttp wants a running event loop)."""
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(
                limit=MAX_CONNECTIONS, resolver=GuardedResolver(self._allowed), ttl_dns_cache=10
            )
            # No cookie jar: a cookie one profile's call received must never ride along on another profile's call.
            # No session timeout: ``send`` bounds each call with its own budget (aiohttp's default 300 s timer
            # cost a timer handle per call); the httpx client passes its timeouts per request.
            self._session = aiohttp.ClientSession(
                connector=connector,
                auto_decompress=True,
                trust_env=False,
                cookie_jar=aiohttp.DummyCookieJar(),
                timeout=aiohttp.ClientTimeout(total=None),
            )
        return self._session

    async def send(
        self, request: OutboundRequest, timeout_s: float, max_body_bytes: int = MAX_BODY_BYTES
    ) -> OutboundResponse:
        """One call, never redirected, finished (headers and body) within ``timeout_s`` or an OutboundFailure."""
        started = time.perf_counter()
        headers = dict(request.headers)
        data: bytes | None = None
        if request.has_body:
            data = msgspec.json.encode(request.json)
            if not any(name.lower() == "content-type" for name in headers):
                headers["Content-Type"] = "application/json"
        try:
            url = _parsed_url(request.url)
            if request.params:  # merged into the URL's own query, as httpx's URL merge does
                url = url.extend_query(request.params)
            check_literal_host(url.host, url.port, self._allowed)  # yarl fills in the scheme's default port
            async with (
                asyncio.timeout(timeout_s),
                self.session().request(
                    request.method, url, headers=headers, data=data, allow_redirects=False
                ) as response,
            ):
                body, truncated = await _read(response, max_body_bytes)
        except _PREPARE_ERRORS as exc:
            raise RequestPreparationError(str(exc)) from exc
        except _SEND_ERRORS as exc:
            kind, message = classify_failure(exc)
            raise OutboundFailure(kind, message, elapsed_ms(started)) from exc
        return OutboundResponse(response.status, _joined(response.headers), body, elapsed_ms(started), truncated)

    def httpx_client(self) -> httpx.AsyncClient:
        """An httpx client on this session's pool (OAuth2 token requests); close it with ``aclose``."""
        return httpx.AsyncClient(
            transport=_LiteralGuardTransport(self._allowed, self.session),
            timeout=httpx.Timeout(30.0, connect=10.0),
            follow_redirects=False,
            trust_env=False,
        )

    async def aclose(self) -> None:
        """Close the session and its connections."""
        if self._session is not None:
            await self._session.close()


@functools.lru_cache(maxsize=4096)
def _parsed_url(url: str) -> URL:
    """Parsing and encoding a URL costs more than the rest of building the request; an action's URL repeats."""
    return URL(url, encoded=False)


def _joined(headers: Any) -> dict[str, str]:
    """Response headers as one value per name (repeated ones joined with ", "), in one pass."""
    joined: dict[str, str] = {}
    seen: dict[str, str] = {}  # lower-cased name -> the spelling first seen
    for name, value in headers.items():
        first = seen.setdefault(name.lower(), name)
        joined[first] = f"{joined[first]}, {value}" if first in joined else value
    return joined


async def _read(response: aiohttp.ClientResponse, limit: int) -> tuple[bytes, bool]:
    """The body up to ``limit`` bytes, and whether it was longer."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = await response.content.read(limit + 1 - size)
        if not chunk:
            return b"".join(chunks), False
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)[:limit], True


class _LiteralGuardTransport(AiohttpTransport):
    """The aiohttp transport with the IP-literal check in front."""

    def __init__(self, allowed: frozenset[str], session_factory: Any) -> None:
        super().__init__(client=session_factory, trust_env=False)
        self._allowed = allowed

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        check_literal_host(url.host, url.port or _DEFAULT_PORTS.get(url.scheme), self._allowed)
        try:
            response: httpx.Response = await super().handle_async_request(request)
        except httpx.ConnectTimeout as exc:
            # httpx-aiohttp maps every aiohttp connection error to ConnectTimeout; a refused connection is not one.
            cause = exc.__cause__
            if isinstance(cause, aiohttp.ClientConnectorError) and not isinstance(cause, TimeoutError):
                raise httpx.ConnectError(str(cause)) from cause
            raise
        return response


__all__ = ["BlockedDestinationError", "GuardedSender", "RequestPreparationError"]
