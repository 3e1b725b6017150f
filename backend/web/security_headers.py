"""Hardening headers on every answer, the app's own pages and the framework's 404s alike.

A ``before_send`` hook (Litestar's app-level hook on every ASGI message) rather than route middleware:
route middleware runs only after a route matched, so unknown paths and 405s would go without.
"""

from __future__ import annotations

from litestar.types import Message, Scope

_COMMON = {
    "default-src": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "connect-src": "'self'",
}
# The built UI: scripts only from its own hashed bundles; React Flow positions nodes with inline style
# attributes, which only 'unsafe-inline' allows for styles (no script can use it).
APP_POLICY = {
    **_COMMON,
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self' data:",
}
# The interactive API docs (/schema, Scalar) load their script, style sheet, fonts and icon from CDNs.
DOCS_POLICY = {
    **_COMMON,
    "script-src": "'self' https://cdn.jsdelivr.net",
    "style-src": "'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.scalar.com",
    "img-src": "'self' data: https://cdn.jsdelivr.net",
    "font-src": "'self' data: https://cdn.jsdelivr.net https://fonts.scalar.com",
}
DOCS_PREFIX = "/schema"


def _encode(policy: dict[str, str]) -> bytes:
    return "; ".join(f"{name} {value}" for name, value in policy.items()).encode()


def _headers(policy: dict[str, str]) -> list[tuple[bytes, bytes]]:
    return [
        (b"content-security-policy", _encode(policy)),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
        (b"x-frame-options", b"DENY"),  # for browsers older than frame-ancestors
    ]


_APP_HEADERS = _headers(APP_POLICY)
_DOCS_HEADERS = _headers(DOCS_POLICY)


async def add_security_headers(message: Message, scope: Scope) -> None:
    """Append the headers to the start of every HTTP answer (built once; a list extend per answer)."""
    if message["type"] == "http.response.start":
        docs = scope["path"].startswith(DOCS_PREFIX)
        message["headers"] = [*message.get("headers", ()), *(_DOCS_HEADERS if docs else _APP_HEADERS)]
