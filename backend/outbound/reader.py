"""The one response reader: the body up to a size cap, the headers one value per lower-cased name."""

from __future__ import annotations

from typing import Any

import aiohttp


async def read_body(response: aiohttp.ClientResponse, limit: int) -> tuple[bytes, bool]:
    """The body up to ``limit`` bytes, and whether it was longer (a third party may answer without end)."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = await response.content.read(limit + 1 - size)
        if not chunk:
            return b"".join(chunks), False
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)[:limit], True


def joined_headers(headers: Any) -> dict[str, str]:
    """Response headers as one value per lower-cased name (repeated ones joined with ", "), in one pass."""
    joined: dict[str, str] = {}
    for name, value in headers.items():
        key = name.lower()
        joined[key] = f"{joined[key]}, {value}" if key in joined else value
    return joined
