"""Prometheus metrics of the runtime, with the official client, in the process's default registry.

Each process (API or worker) exposes its own counters at ``/metrics``; the registry is not multiprocess-safe,
so scrape every process (a ``journeys worker`` without HTTP server is not scraped; run workers embedded or
sum the API processes). Label values are bounded: node types, step outcomes, ``http_<code>``/``timedout``/…,
endpoint hosts of configured actions, rejection reasons.
"""

from __future__ import annotations

from functools import cache

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Gauge, Histogram, generate_latest

__all__ = [
    "CONTENT_TYPE_LATEST",
    "exposition",
    "observe_action",
    "record_capped",
    "record_event",
    "record_step",
    "record_throttled",
    "set_due_backlog",
]

EVENTS_ACCEPTED = Counter("journeys_events_accepted", "Events accepted by ingestion (duplicates included).")
EVENTS_REJECTED = Counter(
    "journeys_events_rejected", "Events refused by ingestion, by reason (invalid, overloaded).", ["reason"]
)
STEPS = Counter("journeys_steps", "Steps executed, by node type and outcome.", ["node_type", "outcome"])
ACTION_CALLS = Counter(
    "journeys_action_calls", "Action calls, by final status (http_<code>, timedout, capped, error).", ["outcome"]
)
ACTION_LATENCY = Histogram(
    "journeys_action_latency_seconds",
    "Duration of an action call including retries and throttling delays.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0),
)
ACTION_CAPPED = Counter("journeys_action_capped", "Action calls refused by capping, by endpoint host.", ["host"])
ACTION_THROTTLED = Counter(
    "journeys_action_throttled", "Action calls delayed by throttling, by endpoint host.", ["host"]
)
DUE_BACKLOG = Gauge("journeys_due_backlog", "Instances whose next step is due now (last count by this process).")


def record_event(accepted: bool, reason: str = "invalid") -> None:
    """Count one ingested event as accepted, or rejected for ``reason``."""
    if accepted:
        EVENTS_ACCEPTED.inc()
    else:
        EVENTS_REJECTED.labels(reason=reason).inc()


@cache  # label values are bounded (see above); ``labels`` validates and locks on every call, ~2 µs a step
def _child(metric: Counter, *values: str) -> Counter:
    return metric.labels(*values)


def record_step(node_type: str, outcome: str) -> None:
    """Count one persisted step."""
    _child(STEPS, node_type, outcome).inc()


def observe_action(status: str, seconds: float) -> None:
    """Count an action call by its final status and record its duration."""
    _child(ACTION_CALLS, status).inc()
    ACTION_LATENCY.observe(seconds)


def record_capped(host: str) -> None:
    """Count a call refused because its endpoint is over its cap."""
    ACTION_CAPPED.labels(host=host).inc()


def record_throttled(host: str) -> None:
    """Count a call that had to wait for its endpoint's rate."""
    ACTION_THROTTLED.labels(host=host).inc()


def set_due_backlog(count: int) -> None:
    """Publish the latest due-backlog count."""
    DUE_BACKLOG.set(count)


def exposition() -> bytes:
    """The text format Prometheus scrapes."""
    return generate_latest(REGISTRY)
