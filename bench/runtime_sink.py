"""The benchmark's fake third party: answers 200 fast and records arrival time, latency and idempotency keys.

Run by ``bench/runtime.py`` as ``python bench/runtime_sink.py PORT`` (prints ``ready`` once listening).
``POST /hook`` is the action endpoint (JSON body with ``sentAt``, epoch seconds); ``GET /stats`` summarises
since the last ``POST /reset``; ``GET /count`` is the cheap progress probe.
"""

from __future__ import annotations

import asyncio
import sys
import time
from array import array
from typing import cast

import httptools
import msgspec
import uvloop


class Recorder:
    """What arrived since the last reset; keys are kept as hashes so a million-event soak stays small."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.count = 0
        self.keys: set[int] = set()
        self.missing_keys = 0
        self.latencies = array("d")
        self.first_sent = float("inf")
        self.last_arrival = 0.0

    def record(self, key: str | None, sent_at: float | None) -> None:
        now = time.time()
        self.count += 1
        if key is None:
            self.missing_keys += 1
        else:
            self.keys.add(hash(key))
        if sent_at is not None:
            self.latencies.append(now - sent_at)
            self.first_sent = min(self.first_sent, sent_at)
        self.last_arrival = now

    def stats(self) -> dict[str, float | int]:
        ordered = sorted(self.latencies)

        def pick(q: float) -> float:
            return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0

        span = self.last_arrival - self.first_sent if self.count else 0.0
        return {
            "count": self.count,
            "unique": len(self.keys),
            "missingKeys": self.missing_keys,
            "p50Ms": pick(0.50),
            "p99Ms": pick(0.99),
            "spanS": span,
        }


_JSON_HEADERS = b"HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"


class SinkProtocol(asyncio.Protocol):
    """One keep-alive connection: httptools parses, the answer is written in one call.

    A bare protocol rather than a web framework: the sink shares the machine's two cores with the app it
    measures, so every microsecond it spends is taken from the app (aiohttp's server cost ~3x as much).
    """

    def __init__(self, recorder: Recorder) -> None:
        self._recorder = recorder
        self._parser = httptools.HttpRequestParser(self)
        self._transport: asyncio.Transport | None = None
        self._url = b""
        self._key: str | None = None
        self._body: list[bytes] = []

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = cast(asyncio.Transport, transport)  # uvloop's transports do not subclass asyncio's

    def data_received(self, data: bytes) -> None:
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError:
            assert self._transport is not None
            self._transport.close()

    def on_message_begin(self) -> None:
        self._url, self._key, self._body = b"", None, []

    def on_url(self, url: bytes) -> None:
        self._url += url

    def on_header(self, name: bytes, value: bytes) -> None:
        if name.lower() == b"idempotency-key":
            self._key = value.decode()

    def on_body(self, body: bytes) -> None:
        self._body.append(body)

    def on_message_complete(self) -> None:
        method = self._parser.get_method()
        status, answer = 200, b'{"ok":true}'
        if method == b"POST" and self._url == b"/hook":
            self._recorder.record(self._key, _sent_at(b"".join(self._body)))
        elif method == b"POST" and self._url == b"/reset":
            self._recorder.reset()
        elif method == b"GET" and self._url == b"/stats":
            answer = msgspec.json.encode(self._recorder.stats())
        elif method == b"GET" and self._url == b"/count":
            answer = msgspec.json.encode({"count": self._recorder.count})
        else:
            status, answer = 404, b'{"detail":"not found"}'
        assert self._transport is not None
        reason = b"OK" if status == 200 else b"Not Found"
        self._transport.write(_JSON_HEADERS % (status, reason, len(answer)) + answer)
        if not self._parser.should_keep_alive():
            self._transport.close()


def _sent_at(body: bytes) -> float | None:
    try:
        sent = msgspec.json.decode(body).get("sentAt")
    except (msgspec.DecodeError, AttributeError):
        return None
    return float(sent) if sent is not None else None


async def serve(port: int) -> None:
    """Listen on 127.0.0.1:``port`` until killed; prints ``ready`` once listening."""
    recorder = Recorder()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SinkProtocol(recorder), "127.0.0.1", port, backlog=2048)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    uvloop.run(serve(int(sys.argv[1])))
