"""Redirects followed hop by hop by the sender, so each hop passes the private-address guard (the client's own
following is off) and credentials never travel to an origin other than the one they were configured for.

Browsers' rules for the method: 303 continues with GET, and so do 301 and 302 after a POST; 307 and 308 repeat
the request as it was. The body goes only where the method is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from yarl import URL

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 3
# Sent with credentials whatever the action says (a client never forwards these to another origin).
ALWAYS_CREDENTIALS = frozenset({"authorization", "proxy-authorization", "cookie"})
_BODY_HEADERS = frozenset({"content-type", "content-length", "content-encoding"})


@dataclass(frozen=True)
class RedirectPolicy:
    """Redirects are followed; these header names (lower case) and query parameter names are credentials."""

    credential_headers: frozenset[str] = frozenset()
    credential_params: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Hop:
    """One request of a redirect chain."""

    method: str
    url: URL
    headers: dict[str, str]
    data: bytes | None


def origin(url: URL) -> tuple[str, str, int | None]:
    """Scheme, host and port (yarl fills in the scheme's default port)."""
    return url.scheme, (url.host or "").lower().rstrip("."), url.port


def _without(headers: dict[str, str], names: frozenset[str]) -> dict[str, str]:
    return {name: value for name, value in headers.items() if name.lower() not in names}


def next_hop(hop: Hop, status: int, location: str | None, first: URL, policy: RedirectPolicy) -> Hop | None:
    """The request a redirect answer asks for, or None when the answer is final (not a redirect, no usable
    ``Location``, or not http/https)."""
    if status not in REDIRECT_STATUSES or not location:
        return None
    try:
        target = hop.url.join(URL(location)).with_fragment(None)  # a relative Location resolves against this hop
    except (ValueError, TypeError):
        return None
    if target.scheme not in {"http", "https"} or not target.host:
        return None
    method, headers, data = hop.method, hop.headers, hop.data
    if (status == 303 and method != "HEAD") or (status in {301, 302} and method == "POST"):
        method, headers, data = "GET", _without(headers, _BODY_HEADERS), None
    if origin(target) != origin(first):
        headers = _without(headers, ALWAYS_CREDENTIALS | policy.credential_headers)
        if policy.credential_params and target.query:
            kept = [(k, v) for k, v in target.query.items() if k not in policy.credential_params]
            target = target.with_query(kept)
    return Hop(method, target, headers, data)
