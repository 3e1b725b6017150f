"""The one sender of a process: test calls, live calls and OAuth2 token requests all go out through ``send``.

aiohttp directly rather than httpx's API on top of it: on the live path httpx's request and response objects
cost more CPU per call than the rest of the call (figures in docs/performance.md). The guard runs in aiohttp's
resolver, so the socket is opened to exactly the address that was checked; IP literals, which skip the
resolver, are checked before sending.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from importlib.metadata import PackageNotFoundError, version

import aiohttp
import msgspec
from yarl import URL

from backend.outbound.guard import BlockedDestinationError, DnsResolutionError, GuardError, Resolver
from backend.outbound.messages import (
    MAX_BODY_BYTES,
    FailureKind,
    OutboundFailure,
    OutboundRequest,
    OutboundResponse,
    RequestPreparationError,
    elapsed_ms,
)
from backend.outbound.reader import joined_headers, read_body
from backend.outbound.redirects import MAX_REDIRECTS, Hop, next_hop
from backend.outbound.resolver import GuardedResolver, check_literal_host
from backend.outbound.urls import parsed_url

MAX_CONNECTIONS = 200
_SEND_ERRORS = (aiohttp.ClientError, GuardError, OSError, TimeoutError)
# The request itself is bad (a header value with CR/LF, an invalid URL): aiohttp and yarl raise these while
# preparing it, before a byte is sent. Not a transport failure, so never retried; the step fails at once.
_PREPARE_ERRORS = (ValueError, TypeError)


def _user_agent() -> str:
    try:
        return f"JourneyBuilder/{version('journey-builder')}"
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "JourneyBuilder"


USER_AGENT = _user_agent()


class Sender:
    """One aiohttp session per process, guarded, without cookies, a session-wide timer or the client's own
    redirect following (``send`` follows them hop by hop)."""

    def __init__(self, allowed_private_hosts: frozenset[str], resolve: Resolver | None = None) -> None:
        self._allowed = allowed_private_hosts
        self._resolve = resolve
        self._session: aiohttp.ClientSession | None = None

    def session(self) -> aiohttp.ClientSession:
        """The session, created on first use (aiohttp wants a running event loop)."""
        if self._session is None or self._session.closed:
            resolver = GuardedResolver(self._allowed, self._resolve)
            connector = aiohttp.TCPConnector(limit=MAX_CONNECTIONS, resolver=resolver, ttl_dns_cache=10)
            # No cookie jar: a cookie one profile's call received must never ride along on another profile's call.
            # No session timeout: ``send`` bounds each call with its own budget (aiohttp's default 300 s timer
            # cost a timer handle per call).
            self._session = aiohttp.ClientSession(
                connector=connector,
                headers={"User-Agent": USER_AGENT},
                auto_decompress=True,
                trust_env=False,
                cookie_jar=aiohttp.DummyCookieJar(),
                timeout=aiohttp.ClientTimeout(total=None),
            )
        return self._session

    async def send(
        self, request: OutboundRequest, timeout_s: float, max_body_bytes: int = MAX_BODY_BYTES
    ) -> OutboundResponse:
        """One call, its redirects included (only when ``request.redirects``), finished (headers and body) within
        ``timeout_s`` or an OutboundFailure."""
        started = time.perf_counter()
        try:
            first = hop = _first_hop(request)
            async with asyncio.timeout(timeout_s):
                for hops_left in range(MAX_REDIRECTS, -1, -1):
                    status, headers, body, truncated = await self._exchange(hop, max_body_bytes)
                    if request.redirects is None or hops_left == 0:
                        break
                    following = next_hop(hop, status, headers.get("location"), first.url, request.redirects)
                    if following is None:
                        break
                    hop = following
        except _PREPARE_ERRORS as exc:
            raise RequestPreparationError(str(exc)) from exc
        except _SEND_ERRORS as exc:
            kind, message = classify_failure(exc)
            raise OutboundFailure(kind, message, elapsed_ms(started)) from exc
        final_url = None if hop is first else str(hop.url)
        return OutboundResponse(status, headers, body, elapsed_ms(started), truncated, final_url)

    async def _exchange(self, hop: Hop, max_body_bytes: int) -> tuple[int, dict[str, str], bytes, bool]:
        """One request of a chain, never redirected by the client: each hop passes the guard here."""
        check_literal_host(hop.url.host, hop.url.port, self._allowed)  # yarl fills in the scheme's default port
        async with self.session().request(
            hop.method, hop.url, headers=hop.headers, data=hop.data, allow_redirects=False
        ) as response:
            body, truncated = await read_body(response, max_body_bytes)
        return response.status, joined_headers(response.headers), body, truncated

    async def aclose(self) -> None:
        """Close the session and its connections."""
        if self._session is not None:
            await self._session.close()


def create_sender(allowed_private_hosts: frozenset[str], resolve: Resolver | None = None) -> Sender:
    """The sender of a process (the API's lifespan and each worker make one); close it with ``aclose``."""
    return Sender(allowed_private_hosts, resolve)


def _first_hop(request: OutboundRequest) -> Hop:
    """The first request: the URL as configured (or already encoded), the query parameters merged into its own."""
    url = URL(request.url, encoded=True) if request.url_encoded else parsed_url(request.url)
    if request.params:
        url = url.extend_query(request.params)
    headers, data = _body(request)
    return Hop(request.method, url, headers, data)


def _body(request: OutboundRequest) -> tuple[dict[str, str], bytes | None]:
    """The headers and encoded body; JSON gets its content type unless the action set one."""
    if request.content is not None:
        return request.headers, request.content
    if not request.has_body:
        return request.headers, None
    headers = request.headers
    if not any(name.lower() == "content-type" for name in headers):
        headers = {**headers, "Content-Type": "application/json"}
    return headers, msgspec.json.encode(request.json)


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def classify_failure(exc: BaseException) -> tuple[FailureKind, str]:
    """Map a transport exception to ``timeout|dns|tls|refused|blocked|network`` and a readable message."""
    chain = _chain(exc)
    if any(isinstance(e, BlockedDestinationError) for e in chain):
        return "blocked", f"destination refused: {exc}"
    if any(isinstance(e, DnsResolutionError | aiohttp.ClientConnectorDNSError) for e in chain):
        return "dns", str(exc)
    if any(isinstance(e, TimeoutError) for e in chain):
        return "timeout", "no answer within the timeout"
    if any(isinstance(e, ssl.SSLError) for e in chain) or "SSL" in str(exc):
        return "tls", f"TLS handshake failed: {exc}"
    if any(isinstance(e, ConnectionRefusedError) for e in chain) or "refused" in str(exc).lower():
        return "refused", f"connection refused: {exc}"
    return "network", f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
