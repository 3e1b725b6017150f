"""URLs as the sender reads them: parsed once, and the check that the validator accepts only what it can send."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from urllib.parse import quote

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


# ``{name}`` in a URL's path: a path parameter, filled per call with its value as one encoded segment.
PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_-]{1,100})\}")
# The same placeholder once yarl has encoded the URL's path (braces are not allowed there unencoded).
_ENCODED_PLACEHOLDER = re.compile(r"%7B([A-Za-z0-9_-]{1,100})%7D")


def placeholders(path: str) -> list[str]:
    """The names of the ``{name}`` placeholders in ``path``, in order, each once."""
    return list(dict.fromkeys(PLACEHOLDER.findall(path)))


def path_segment(value: str) -> str:
    """``value`` percent-encoded as exactly one path segment: it can never add a segment, a query or a fragment.

    Everything but RFC 3986 unreserved characters is encoded (so ``%`` becomes ``%25`` even before hex digits),
    and the dot segments ``.`` and ``..``, which clients and servers resolve, are sent encoded as well.
    """
    if value in {".", ".."}:
        return "%2E" * len(value)
    return quote(value, safe="")


def filled_url(template: str, values: Mapping[str, str]) -> str:
    """The URL with each placeholder of its path replaced by its value from ``values``, already encoded.

    Send it with ``OutboundRequest.url_encoded`` so no parser decodes ``%2F`` or resolves ``%2E%2E`` again.
    """
    base = parsed_url(template)  # the template's own text is encoded (and normalised) once, here
    path = _ENCODED_PLACEHOLDER.sub(lambda match: path_segment(values[match.group(1)]), base.raw_path)
    filled = URL.build(
        scheme=base.scheme,
        authority=base.raw_authority,
        path=path,
        query_string=base.raw_query_string,
        fragment=base.raw_fragment,
        encoded=True,
    )
    return str(filled)


def without_query(url: str) -> str:
    """``url`` without its query and fragment (query parameters may carry API keys)."""
    return str(URL(url, encoded=True).with_query(None).with_fragment(None))
