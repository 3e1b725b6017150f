"""The benchmark's "limit": a bare ASGI app that forwards each posted event to the sink with the runtime's sender.

Run by ``bench/runtime.py`` as ``python bench/runtime_limit.py PORT SINK_URL``. No database, no framework, no
auth: it shows what one process, this machine and the worker's HTTP sender can do, so the runtime can be judged
against it.
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable
from typing import Any

import msgspec
import uvicorn

from backend.outbound.messages import OutboundRequest
from backend.outbound.sender import create_sender

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


def create_limit_app(sink_url: str) -> Callable[[Scope, Receive, Send], Awaitable[None]]:
    """The forwarding app: reads the event, POSTs ``{orderId, sentAt}`` to ``sink_url``, answers 202."""
    sender = create_sender(frozenset({"127.0.0.1"}))
    counter = 0

    async def lifespan(receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await sender.aclose()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        nonlocal counter
        if scope["type"] == "lifespan":
            await lifespan(receive, send)
            return
        if scope["method"] != "POST":  # readiness probe
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b"ok"})
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        event = msgspec.json.decode(body)
        counter += 1
        payload = {"orderId": event["data"]["order"]["id"], "sentAt": event["data"]["sentAt"]}
        key = f"{event.get('id') or counter}:call"
        call = OutboundRequest("POST", sink_url, {"Idempotency-Key": key}, json=payload, has_body=True)
        answer = await sender.send(call, 10.0)
        status = 202 if answer.status < 300 else 502
        await send(
            {"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]}
        )
        await send({"type": "http.response.body", "body": b'{"instances":[]}'})

    return app


if __name__ == "__main__":
    port, sink = int(sys.argv[1]), sys.argv[2]
    uvicorn.run(create_limit_app(sink), host="127.0.0.1", port=port, log_level="warning", access_log=False)
