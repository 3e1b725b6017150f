"""Load of the runtime benchmark: the journey set up through the API, events sent at a fixed concurrency."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import msgspec
from runtime_client import KeepAliveClient

EVENT_TYPE = "bench order"
EXAMPLE = {"order": {"id": "o-1", "total": 10.5}, "sentAt": 1_700_000_000.5}


def _ok(response: httpx.Response, status: int) -> Any:
    if response.status_code != status:
        raise RuntimeError(f"{response.request.method} {response.request.url}: {response.status_code} {response.text}")
    return response.json()


def _node(node_id: str, node_type: str, **fields: Any) -> dict[str, Any]:
    return {"id": node_id, "type": node_type, "position": {"x": 0, "y": 0}, **fields}


def _edge(source: str, target: str, handle: str = "next") -> dict[str, Any]:
    return {"id": f"{source}-{handle}-{target}", "source": source, "target": target, "sourceHandle": handle}


def journey_definition(event_type_id: str, action_id: str) -> dict[str, Any]:
    """event -> condition (total > 0) -> action (orderId, sentAt from the event) -> end."""
    rule = {"field": "event.order.total", "operator": "greaterThan", "value": 0}
    mappings = {
        "payload": {
            "orderId": {"source": "field", "field": "event.order.id"},
            "sentAt": {"source": "field", "field": "event.sentAt"},
        }
    }
    nodes = [
        _node("start", "event", eventTypeId=event_type_id),
        _node("check", "condition", branches=[{"id": "paid", "name": "paid", "when": {"rules": [rule]}}]),
        _node("call", "action", actionId=action_id, mappings=mappings),
        _node("done", "end"),
        _node("skip", "end"),
    ]
    edges = [
        _edge("start", "check"),
        _edge("check", "call", "paid"),
        _edge("check", "skip", "otherwise"),
        _edge("call", "done", "success"),
    ]
    return {"nodes": nodes, "edges": edges}


def set_up_journey(base_url: str, email: str, password: str, sink_url: str) -> str:
    """Create the event type, the action and the journey, publish it; returns an API token for ingestion."""
    with httpx.Client(base_url=base_url, timeout=30) as api:
        _ok(api.post("/api/auth/login", json={"email": email, "password": password}), 200)
        token = str(_ok(api.post("/api/tokens", json={"name": "bench"}), 201)["token"])
        event_type = _ok(api.post("/api/event-types", json={"name": EVENT_TYPE, "example": EXAMPLE}), 201)
        action = {
            "name": "bench sink",
            "method": "POST",
            "url": sink_url,
            "requestPayload": {
                "example": {"orderId": "x", "sentAt": 0.5},
                "fields": [
                    {"path": "orderId", "kind": "variable", "type": "string"},
                    {"path": "sentAt", "kind": "variable", "type": "decimal"},
                ],
            },
            "timeoutMs": 10_000,
            "maxRetries": 2,
        }
        action_id = _ok(api.post("/api/actions", json=action), 201)["id"]
        definition = journey_definition(event_type["id"], action_id)
        journey = _ok(api.post("/api/journeys", json={"name": "bench", "definition": definition}), 201)
        _ok(api.post(f"/api/journeys/{journey['id']}/publish"), 200)
    return token


@dataclass
class Sent:
    """What the load generator saw."""

    accepted: int = 0
    refused: int = 0
    overloaded: int = 0
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def ingest_p99_ms(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] * 1000 if ordered else 0.0


def _event(tag: str, index: int) -> bytes:
    data = {"order": {"id": f"{tag}-{index}", "total": 10.5}, "sentAt": time.time()}
    return msgspec.json.encode(
        {"type": EVENT_TYPE, "profileId": f"{tag}-p{index}", "id": f"{tag}-{index}", "data": data}
    )


async def _post_one(client: KeepAliveClient, body: bytes, sent: Sent) -> None:
    """POST one event, waiting out 429 answers as a well-behaved client does."""
    while True:
        started = time.perf_counter()
        answer = await client.post(body)
        if answer.status == 429:
            sent.overloaded += 1
            await asyncio.sleep(float(answer.retry_after or "1"))
            continue
        sent.latencies.append(time.perf_counter() - started)
        if answer.status == 202:
            sent.accepted += 1
        else:
            sent.refused += 1
            if len(sent.errors) < 3:
                sent.errors.append(f"{answer.status} {answer.body[:200].decode(errors='replace')}")
        return


async def send_events(
    base_url: str,
    token: str,
    tag: str,
    count: int,
    concurrency: int,
    progress: Callable[[int], None] | None = None,
) -> Sent:
    """Send ``count`` events from ``concurrency`` concurrent clients; keeps at most ``count`` latencies."""
    sent = Sent()
    next_index = 0
    url = f"{base_url}/api/events"

    async def client() -> None:
        nonlocal next_index
        connection = KeepAliveClient(url, {"Authorization": f"Bearer {token}"})
        try:
            while next_index < count:
                index = next_index
                next_index += 1
                await _post_one(connection, _event(tag, index), sent)
                if progress is not None and index % 1000 == 0:
                    progress(index)
        finally:
            connection.close()

    await asyncio.gather(*(client() for _ in range(concurrency)))
    return sent


def sink_json(sink_base: str, path: str) -> dict[str, Any]:
    """GET a sink endpoint."""
    return dict(httpx.get(f"{sink_base}{path}", timeout=10).json())


def wait_delivered(sink_base: str, expected: int, stall_seconds: float = 30.0) -> int:
    """Until the sink has ``expected`` calls, or nothing arrived for ``stall_seconds``; returns the count."""
    last, last_change = -1, time.monotonic()
    while True:
        count = int(sink_json(sink_base, "/count")["count"])
        if count >= expected:
            return count
        if count != last:
            last, last_change = count, time.monotonic()
        elif time.monotonic() - last_change > stall_seconds:
            return count
        time.sleep(0.1)
