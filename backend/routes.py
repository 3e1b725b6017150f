"""Every route handler the API serves; one line per capability."""

from __future__ import annotations

from typing import Any

from backend.actions.controller import ActionController
from backend.event_types.controller import EventTypeController
from backend.health.controller import health, ready
from backend.journeys.controller import JourneyController
from backend.runtime.web.controller import EventController, InstanceController, ProfileController, journey_stats
from backend.runtime.web.metrics_controller import prometheus_metrics
from backend.users.account_controller import AuthController, TokenController
from backend.users.controller import UserController

ROUTE_HANDLERS: list[Any] = [
    health,
    ready,
    AuthController,
    TokenController,
    UserController,
    ActionController,
    EventTypeController,
    JourneyController,
    prometheus_metrics,
    EventController,
    ProfileController,
    InstanceController,
    journey_stats,
]
