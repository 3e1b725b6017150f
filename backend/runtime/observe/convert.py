"""Runtime rows to wire structs, in one place."""

from __future__ import annotations

from typing import Any

from backend.db.runtime_tables import InstanceRow, StepLogRow
from backend.runtime.observe.schemas import InstanceDetail, InstanceOut, StepOut


def _instance_fields(row: InstanceRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "journey_id": row.journey_id,
        "version_id": row.version_id,
        "profile_id": row.profile_id,
        "status": row.status,
        "current_node_id": row.current_node_id,
        "due_at": row.due_at,
        "error": row.error,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "finished_at": row.finished_at,
    }


def instance_out(row: InstanceRow) -> InstanceOut:
    """An instance without its steps."""
    return InstanceOut(**_instance_fields(row))


def step_out(row: StepLogRow) -> StepOut:
    """One step log row."""
    return StepOut(
        node_id=row.node_id,
        node_type=row.node_type,
        outcome=row.outcome,
        started_at=row.started_at,
        finished_at=row.finished_at,
        attempts=row.attempts,
        detail=row.detail or {},
    )


def instance_detail(row: InstanceRow, steps: list[StepLogRow]) -> InstanceDetail:
    """An instance with its step log and stored step data."""
    return InstanceDetail(**_instance_fields(row), steps=[step_out(s) for s in steps], context=row.context or {})
