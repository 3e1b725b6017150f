"""`GET /metrics`: Prometheus text without sign-in, the runtime's series, and the switch that turns it off."""

from __future__ import annotations

import msgspec
from asgi_lifespan import LifespanManager
from prometheus_client.parser import text_string_to_metric_families

from backend.app import create_app
from backend.config import Settings
from backend.runtime.observe import metrics
from tests.conftest import Client, make_client

SERIES = [
    "journeys_events_accepted",
    "journeys_events_rejected",
    "journeys_steps",
    "journeys_action_calls",
    "journeys_action_latency_seconds",
    "journeys_action_capped",
    "journeys_action_throttled",
    "journeys_due_backlog",
]


async def scrape(client: Client) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = await client.get("/metrics")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    samples = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


async def test_metrics_are_served_to_anonymous_scrapers(client: Client) -> None:
    response = await client.get("/metrics")
    assert response.status_code == 200
    for name in SERIES:
        assert f"# TYPE {name}" in response.text


async def test_runtime_activity_shows_in_the_series(client: Client) -> None:
    before = await scrape(client)
    metrics.record_event(accepted=True)
    metrics.record_event(accepted=False, reason="invalid")
    metrics.record_step("action", "succeeded")
    metrics.observe_action("http_200", 0.012)
    metrics.record_capped("api.example.com")
    metrics.record_throttled("api.example.com")
    metrics.set_due_backlog(17)
    after = await scrape(client)

    def grew(name: str, **labels: str) -> float:
        key = (name, tuple(sorted(labels.items())))
        return after[key] - before.get(key, 0.0)

    assert grew("journeys_events_accepted_total") == 1
    assert grew("journeys_events_rejected_total", reason="invalid") == 1
    assert grew("journeys_steps_total", node_type="action", outcome="succeeded") == 1
    assert grew("journeys_action_calls_total", outcome="http_200") == 1
    assert grew("journeys_action_latency_seconds_count") == 1
    assert grew("journeys_action_latency_seconds_bucket", le="0.025") == 1
    assert grew("journeys_action_latency_seconds_bucket", le="0.01") == 0
    assert grew("journeys_action_capped_total", host="api.example.com") == 1
    assert grew("journeys_action_throttled_total", host="api.example.com") == 1
    assert after[("journeys_due_backlog", ())] == 17


async def test_metrics_can_be_disabled(settings: Settings) -> None:
    app = create_app(msgspec.structs.replace(settings, metrics_enabled=False))
    async with LifespanManager(app), make_client(app) as client:  # type: ignore[arg-type]
        response = await client.get("/metrics")
    assert response.status_code == 404
    assert "JOURNEYS_METRICS_ENABLED" in response.json()["detail"]
