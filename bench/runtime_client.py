"""The load generator's HTTP/1.1 client: one keep-alive connection per simulated client, parsed by httptools.

The load shares the machine's two cores with the app it measures; aiohttp's client cost ~0.08 CPU-ms per
event there, this one about a third of that, which leaves that much more CPU to the app and is reported
apart from it ("harness ms/ev"). It sends exactly what a client would: one request at a time per connection.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import cast
from urllib.parse import urlsplit

import httptools


@dataclass
class Answer:
    """Status, ``Retry-After`` (when sent) and body of one response."""

    status: int
    retry_after: str | None
    body: bytes


class _Connection(asyncio.Protocol):
    def __init__(self) -> None:
        self._parser = httptools.HttpResponseParser(self)
        self._transport: asyncio.Transport | None = None
        self._waiter: asyncio.Future[Answer] | None = None
        self._retry_after: str | None = None
        self._body: list[bytes] = []
        self._closed = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = cast(asyncio.Transport, transport)  # uvloop's transports do not subclass asyncio's

    def data_received(self, data: bytes) -> None:
        self._parser.feed_data(data)

    def on_header(self, name: bytes, value: bytes) -> None:
        if name.lower() == b"retry-after":
            self._retry_after = value.decode()

    def on_body(self, body: bytes) -> None:
        self._body.append(body)

    def on_message_complete(self) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(Answer(self._parser.get_status_code(), self._retry_after, b"".join(self._body)))

    def connection_lost(self, exc: Exception | None) -> None:
        self._closed = True
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_exception(ConnectionError(f"connection closed: {exc}"))

    async def exchange(self, request: bytes) -> Answer:
        assert self._transport is not None
        if self._closed:  # the server closed it after the last answer: the caller reconnects
            raise ConnectionError("connection closed by the server")
        self._waiter = asyncio.get_running_loop().create_future()
        self._retry_after, self._body = None, []
        self._transport.write(request)
        return await self._waiter

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()


class KeepAliveClient:
    """POSTs JSON bodies to one URL over one connection, reconnecting when the server closed it."""

    def __init__(self, url: str, headers: dict[str, str]) -> None:
        parts = urlsplit(url)
        self._host, self._port = parts.hostname or "127.0.0.1", parts.port or 80
        lines = [f"POST {parts.path or '/'} HTTP/1.1", f"Host: {parts.netloc}", "Content-Type: application/json"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        self._head = ("\r\n".join(lines) + "\r\nContent-Length: ").encode()
        self._connection: _Connection | None = None

    async def post(self, body: bytes) -> Answer:
        """One request and its answer; a request on a connection the server closed is sent once more."""
        request = self._head + str(len(body)).encode() + b"\r\n\r\n" + body
        for attempt in range(2):
            if self._connection is None:
                loop = asyncio.get_running_loop()
                _, self._connection = await loop.create_connection(_Connection, self._host, self._port)
            try:
                return await self._connection.exchange(request)
            except ConnectionError:
                self._connection = None
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
