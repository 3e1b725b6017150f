"""`GET /metrics`: the Prometheus text format, without sign-in (scrapers have no session); off when disabled."""

from __future__ import annotations

from litestar import Response, get
from litestar.di import NamedDependency

from backend.config import Settings
from backend.errors import NotFoundError
from backend.runtime.observe import metrics


@get("/metrics", operation_id="metrics", tags=["monitoring"], exclude_from_auth=True, include_in_schema=False)
async def prometheus_metrics(app_settings: NamedDependency[Settings]) -> Response[bytes]:
    """Expose this process's counters; ``JOURNEYS_METRICS_ENABLED=false`` answers 404 instead."""
    if not app_settings.metrics_enabled:
        raise NotFoundError("metrics are disabled (JOURNEYS_METRICS_ENABLED=false)")
    return Response(metrics.exposition(), media_type=metrics.CONTENT_TYPE_LATEST)
