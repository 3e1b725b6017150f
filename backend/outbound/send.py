"""Send one built request through the guarded client with a hard deadline, and name what went wrong."""

from __future__ import annotations

import asyncio
import ssl
import time
from dataclasses import dataclass, field
from typing import Any, Literal

import aiohttp
import httpx

from backend.outbound.guard import BlockedDestinationError, DnsResolutionError

FailureKind = Literal["timeout", "dns", "tls", "refused", "blocked", "network", "auth"]
MAX_BODY_BYTES = 1_000_000


@dataclass(frozen=True)
class OutboundRequest:
    """Everything needed to make one HTTP call; built from an action, then authorised."""

    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    params: list[tuple[str, str]] = field(default_factory=list)
    json: Any = None
    has_body: bool = False

    def with_header(self, name: str, value: str) -> OutboundRequest:
        """A copy with one header set (replacing any of the same name, case-insensitively)."""
        lowered = name.lower()
        headers = {k: v for k, v in self.headers.items() if k.lower() != lowered}
        headers[name] = value
        # The constructor, not ``dataclasses.replace``: this runs on every action call and replace is ~5x slower.
        return OutboundRequest(self.method, self.url, headers, self.params, self.json, self.has_body)

    def with_param(self, name: str, value: str) -> OutboundRequest:
        """A copy with one query parameter set (replacing any of the same name)."""
        params = [(k, v) for k, v in self.params if k != name] + [(name, value)]
        return OutboundRequest(self.method, self.url, self.headers, params, self.json, self.has_body)


@dataclass(frozen=True)
class OutboundResponse:
    """What the third party answered (body cut at ``MAX_BODY_BYTES``)."""

    status: int
    headers: dict[str, str]
    body: bytes
    duration_ms: float
    truncated: bool = False


class OutboundFailure(Exception):
    """A call that produced no HTTP answer, with the kind clients and journeys branch on."""

    def __init__(self, kind: FailureKind, message: str, duration_ms: float = 0.0) -> None:
        super().__init__(message)
        self.kind: FailureKind = kind
        self.message = message
        self.duration_ms = duration_ms


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
    if any(isinstance(e, httpx.TimeoutException | TimeoutError) for e in chain):
        return "timeout", "no answer within the timeout"
    if any(isinstance(e, ssl.SSLError) for e in chain) or "SSL" in str(exc):
        return "tls", f"TLS handshake failed: {exc}"
    if any(isinstance(e, ConnectionRefusedError) for e in chain) or "refused" in str(exc).lower():
        return "refused", f"connection refused: {exc}"
    return "network", f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _to_httpx(client: httpx.AsyncClient, request: OutboundRequest, timeout_s: float) -> httpx.Request:
    url = httpx.URL(request.url)
    if request.params:  # merged into the URL's own query (httpx's ``params=`` would replace it)
        url = url.copy_merge_params(list[tuple[str, str | int | float | bool | None]](request.params))
    return client.build_request(
        request.method,
        url,
        headers=request.headers,
        json=request.json if request.has_body else None,
        timeout=httpx.Timeout(timeout_s),
    )


async def _read(response: httpx.Response, limit: int) -> tuple[bytes, bool]:
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            return b"".join(chunks)[:limit], True
    return b"".join(chunks), False


async def send_request(
    client: httpx.AsyncClient, request: OutboundRequest, timeout_s: float, max_body_bytes: int = MAX_BODY_BYTES
) -> OutboundResponse:
    """One call, never redirected, finished (headers and body) within ``timeout_s`` or an OutboundFailure."""
    started = time.perf_counter()
    try:
        async with asyncio.timeout(timeout_s):
            response = await client.send(_to_httpx(client, request, timeout_s), stream=True, follow_redirects=False)
            try:
                body, truncated = await _read(response, max_body_bytes)
            finally:
                await response.aclose()
    except (httpx.HTTPError, OSError, TimeoutError) as exc:
        kind, message = classify_failure(exc)
        raise OutboundFailure(kind, message, elapsed_ms(started)) from exc
    headers = {k: ", ".join(response.headers.get_list(k)) for k in response.headers}
    return OutboundResponse(response.status_code, headers, body, elapsed_ms(started), truncated)


def elapsed_ms(started: float) -> float:
    """Milliseconds since ``started`` (a ``time.perf_counter()`` reading), as calls report their duration."""
    return round((time.perf_counter() - started) * 1000, 2)
