"""Stored runtime rows to wire structs, in one place."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from backend.runtime.observe.schemas import InstanceDetail, InstanceOut, StepOut

_INSTANCE_FIELDS = tuple(InstanceOut.__struct_fields__)


def _instance_fields(row: Mapping[Any, Any]) -> dict[str, Any]:
    return {name: row[name] for name in _INSTANCE_FIELDS}


def instance_out(row: Mapping[Any, Any]) -> InstanceOut:
    """An instance without its steps."""
    return InstanceOut(**_instance_fields(row))


def step_out(row: Mapping[Any, Any]) -> StepOut:
    """One step log row."""
    return StepOut(
        node_id=row["node_id"],
        node_type=row["node_type"],
        outcome=row["outcome"],
        started_at=row["started_at"],
        finished_at=row["finished_at"],
        attempts=row["attempts"],
        detail=row["detail"] or {},
    )


def instance_detail(row: Mapping[Any, Any], steps: Sequence[Mapping[Any, Any]]) -> InstanceDetail:
    """An instance with its step log and stored step data."""
    return InstanceDetail(**_instance_fields(row), steps=[step_out(s) for s in steps], context=row["context"] or {})
