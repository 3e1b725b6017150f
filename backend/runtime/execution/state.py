"""Plain data the engine passes around: an instance a worker holds and the record of one step."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from backend.runtime.states import InstanceStatus, StepOutcome

MAX_CLAIMS_PER_STEP = 5  # a step whose lease expired this often is given up instead of retried forever


@dataclass
class Held:
    """An instance claimed by this worker (its lease lets only us advance it)."""

    id: uuid.UUID
    journey_id: uuid.UUID
    version_id: uuid.UUID
    profile_id: str
    status: InstanceStatus
    node_id: str | None
    context: dict[str, Any]
    attempt: int = 1

    @cached_property
    def idempotency_prefix(self) -> str:
        """The part of ``Idempotency-Key`` shared by every call of this instance (also ``journey.instanceId``)."""
        return str(self.id)


@dataclass
class StepRecord:
    """What one step did, and where the instance goes next; persisted in one transaction."""

    node_id: str
    node_type: str
    outcome: StepOutcome
    started_at: datetime
    finished_at: datetime | None
    attempts: int = 1
    detail: dict[str, Any] = field(default_factory=dict)
    next_node_id: str | None = None
    status: InstanceStatus = InstanceStatus.RUNNING  # the instance's status after the step
    wake_at: datetime | None = None
    error: str | None = None
    step_data: dict[str, Any] | None = None  # stored at ``steps.<nodeId>``
    resumed_wait: bool = False  # the step closes an open wait log instead of adding a row
    logged: bool = True  # False when the instance only exits (stopped journey) without running the node

    @property
    def parks(self) -> bool:
        """Whether the worker lets go of the instance after this step."""
        return self.status != InstanceStatus.RUNNING or self.next_node_id is None
