"""URLs as the sender reads them: parsed once, and the check that the validator accepts only what it can send."""

from __future__ import annotations

import functools

import httpx
from yarl import URL


@functools.lru_cache(maxsize=4096)
def parsed_url(url: str) -> URL:
    """Parsing and encoding a URL costs more than the rest of building the request; an action's URL repeats."""
    return URL(url, encoded=False)


def client_url_problem(url: str) -> str | None:
    """Why the sender could not use ``url`` (IDNA, IPv6 literals, control characters), or None.

    yarl (the sender's parser) is lenient with hosts such as ``a\\x00b`` or ``[v1.x]``; httpx's parser applies
    IDNA 2008 and RFC 3986 strictly, so a URL must pass both.
    """
    try:
        _ = httpx.URL(url).host  # the host is decoded (IDNA checked) only when read
        _ = parsed_url(url).raw_host
    except (httpx.InvalidURL, ValueError) as exc:
        return str(exc)
    return None


def query_encoded(value: str) -> str:
    """``value`` as the sender writes it into a query string (so redaction finds it there too)."""
    return URL.build(query={"k": value}).raw_query_string[2:]
