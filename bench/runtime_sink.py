"""The benchmark's fake third party: answers 200 fast and records arrival time, latency and idempotency keys.

Run by ``bench/runtime.py`` as ``python bench/runtime_sink.py PORT`` (prints ``ready`` once listening).
``POST /hook`` is the action endpoint (JSON body with ``sentAt``, epoch seconds); ``GET /stats`` summarises
since the last ``POST /reset``; ``GET /count`` is the cheap progress probe.
"""

from __future__ import annotations

import sys
import time
from array import array

import msgspec
from aiohttp import web


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


def create_sink() -> web.Application:
    """The aiohttp application of the sink."""
    recorder = Recorder()

    async def hook(request: web.Request) -> web.Response:
        body = await request.read()
        try:
            sent = msgspec.json.decode(body).get("sentAt")
        except (msgspec.DecodeError, AttributeError):
            sent = None
        recorder.record(request.headers.get("Idempotency-Key"), float(sent) if sent is not None else None)
        return web.Response(body=b'{"ok":true}', content_type="application/json")

    async def reset(_: web.Request) -> web.Response:
        recorder.reset()
        return web.json_response({"ok": True})

    async def stats(_: web.Request) -> web.Response:
        return web.json_response(recorder.stats())

    async def count(_: web.Request) -> web.Response:
        return web.json_response({"count": recorder.count})

    app = web.Application()
    app.router.add_post("/hook", hook)
    app.router.add_post("/reset", reset)
    app.router.add_get("/stats", stats)
    app.router.add_get("/count", count)
    return app


if __name__ == "__main__":
    port = int(sys.argv[1])
    web.run_app(create_sink(), host="127.0.0.1", port=port, access_log=None, print=lambda _: print("ready", flush=True))
