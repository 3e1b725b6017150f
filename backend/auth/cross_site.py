"""Refuse cross-site requests that ride on the browser's session cookie (CSRF), beyond SameSite=Lax.

Rules for every state-changing request (POST, PUT, PATCH, DELETE) that does not carry a bearer token:

- a body must be sent as ``application/json``: other sites can only send JSON under that type after a CORS
  preflight, which this server never grants, while a form or ``text/plain`` post needs none;
- the ``Origin`` (or, when absent, the ``Referer``) must be this server's own (same host as the ``Host`` header)
  or listed in ``JOURNEYS_ALLOWED_ORIGINS``. Browsers send ``Origin`` on every cross-origin POST, so a missing
  one means a non-browser client, which a forged page cannot be.

Requests without any credential are checked as well, which covers the sign-in itself (login CSRF: signing a
victim into the attacker's account). Bearer-token clients are machines and pass untouched. Litestar's own
``CSRFConfig`` (a double-submit token) would need the browser app to echo a cookie into a header on every
change; these checks need nothing from clients that already behave.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from litestar.enums import ScopeType
from litestar.exceptions import PermissionDeniedException
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Receive, Scope, Send

CHANGING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_WANTED = frozenset({b"content-type", b"content-length", b"transfer-encoding", b"origin", b"referer", b"host"})


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else "null"


def _is_json(content_type: str) -> bool:
    return content_type.split(";", 1)[0].strip().lower() == "application/json"


def cross_site_problem(headers: dict[bytes, str], allowed_origins: frozenset[str]) -> str | None:
    """Why a cookie/anonymous change is refused, or None when it may pass."""
    has_body = headers.get(b"content-length", "0").strip() not in ("", "0") or b"transfer-encoding" in headers
    content_type = headers.get(b"content-type")
    if (has_body or content_type is not None) and not _is_json(content_type or ""):
        return "cross-site request refused: send the body as Content-Type application/json"
    origin = headers.get(b"origin")
    if origin is None and (referer := headers.get(b"referer")) is not None:
        origin = _origin_of(referer)
    if origin is None:
        return None
    origin = origin.strip().rstrip("/").lower()
    host = headers.get(b"host", "").strip().lower()
    if origin in allowed_origins or (host and urlsplit(origin).netloc == host):
        return None
    shown = origin[:100]  # the client's own text, echoed back, so bounded
    return f"cross-site request refused: origin {shown} is not this server's; add it to JOURNEYS_ALLOWED_ORIGINS"


class CrossSiteGuard(ASGIMiddleware):
    """Applies ``cross_site_problem`` to state-changing requests without a bearer token; 403 when it objects."""

    scopes = (ScopeType.HTTP,)

    def __init__(self, allowed_origins: frozenset[str]) -> None:
        self.allowed_origins = allowed_origins

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        """Check, then hand on; reads and safe methods cost one set lookup, bearer requests one header scan."""
        if scope.get("method") in CHANGING_METHODS and not _has_bearer(scope["headers"]):
            headers = {name: value.decode("latin-1") for name, value in scope["headers"] if name in _WANTED}
            if problem := cross_site_problem(headers, self.allowed_origins):
                raise PermissionDeniedException(problem)
        await next_app(scope, receive, send)


def _has_bearer(headers: Iterable[tuple[bytes, bytes]]) -> bool:
    # The event hot path comes here with a token: one pass over raw headers, no decoding.
    return any(name == b"authorization" and value[:7].lower() == b"bearer " for name, value in headers)
