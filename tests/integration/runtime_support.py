"""Builders shared by the runtime tests: event types, actions and published journeys made through the API."""

from __future__ import annotations

from typing import Any

from litestar import Litestar

from backend.config import Settings
from backend.runtime.clock import Clock
from backend.runtime.execution.factory import create_worker
from backend.runtime.execution.worker import Worker, WorkerOptions
from backend.runtime.web.plugin import RuntimePlugin
from tests.conftest import Client

ORDER_EXAMPLE = {"order": {"id": "o-1", "total": 10.5, "items": [{"sku": "a"}]}, "email": "a@example.com"}


def runtime_of(app: Litestar) -> RuntimePlugin:
    """The app's runtime services (its ingestor, overload guard, clock and worker doorbell)."""
    return app.plugins.get(RuntimePlugin)


def make_worker(
    app: Litestar, settings: Settings, clock: Clock, lease_seconds: float = 30.0, options: WorkerOptions | None = None
) -> Worker:
    """A worker on the app's database and clock, woken by its ingestion, driven by ``tick``/``run_until_idle``."""
    options = options or WorkerOptions(
        batch_size=100, max_in_flight=200, lease_seconds=lease_seconds, poll_seconds=0.05
    )
    return create_worker(settings, runtime_of(app).storage, clock, runtime_of(app).work, options)


async def make_event_type(admin: Client, name: str = "order placed", example: Any = None) -> dict[str, Any]:
    """Create an event type; returns its JSON."""
    response = await admin.post("/api/event-types", json={"name": name, "example": example or ORDER_EXAMPLE})
    assert response.status_code == 201, response.text
    return dict(response.json())


async def make_action(admin: Client, url: str, **overrides: Any) -> dict[str, Any]:
    """Create a POST action with one variable payload field ``orderId``; returns its JSON."""
    body: dict[str, Any] = {
        "name": overrides.pop("name", "notify"),
        "method": "POST",
        "url": url,
        "requestPayload": {
            "example": {"orderId": "x", "kind": "order"},
            "fields": [
                {"path": "orderId", "kind": "variable", "type": "string"},
                {"path": "kind", "kind": "constant", "value": "order", "type": "string"},
            ],
        },
        "responsePayload": {"example": {"id": "r-1"}},
        "timeoutMs": 2000,
        "maxRetries": 0,
    }
    body.update(overrides)
    response = await admin.post("/api/actions", json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def node(node_id: str, node_type: str, **fields: Any) -> dict[str, Any]:
    """A definition node at a dummy position."""
    return {"id": node_id, "type": node_type, "position": {"x": 0, "y": 0}, **fields}


def edge(source: str, target: str, handle: str = "next") -> dict[str, Any]:
    """A definition edge."""
    return {"id": f"{source}-{handle}-{target}", "source": source, "target": target, "sourceHandle": handle}


ORDER_ID_MAPPING = {"payload": {"orderId": {"source": "field", "field": "event.order.id"}}}


def action_journey(
    event_type_id: str, action_id: str, *, error_path: bool = False, mapping: dict[str, Any] | None = None
) -> dict[str, Any]:
    """event -> action (``mapping``, by default orderId from the event) -> end; with ``error_path`` the error
    output goes to its own end."""
    mapping = mapping or ORDER_ID_MAPPING
    nodes = [
        node("start", "event", eventTypeId=event_type_id),
        node("call", "action", actionId=action_id, mappings=mapping, errorPath=error_path),
        node("done", "end"),
    ]
    edges = [edge("start", "call"), edge("call", "done", "success")]
    if error_path:
        nodes.append(node("oops", "end"))
        edges.append(edge("call", "oops", "error"))
    return {"nodes": nodes, "edges": edges}


async def publish(client: Client, definition: dict[str, Any], settings: dict[str, Any] | None = None) -> str:
    """Create and publish a journey; returns its id."""
    body: dict[str, Any] = {"name": "journey", "definition": definition}
    if settings:
        body["settings"] = settings
    created = await client.post("/api/journeys", json=body)
    assert created.status_code == 201, created.text
    journey_id = str(created.json()["id"])
    published = await client.post(f"/api/journeys/{journey_id}/publish")
    assert published.status_code == 200, published.text
    return journey_id


async def send(client: Client, profile_id: str = "p-1", **fields: Any) -> Any:
    """Send an ``order placed`` event; returns the response."""
    body: dict[str, Any] = {"type": "order placed", "profileId": profile_id, "data": ORDER_EXAMPLE, **fields}
    return await client.post("/api/events", json=body)


async def instance(client: Client, instance_id: str) -> dict[str, Any]:
    """An instance with its steps."""
    response = await client.get(f"/api/instances/{instance_id}")
    assert response.status_code == 200, response.text
    return dict(response.json())
