"""The database itself refuses instance statuses and step outcomes the state machine does not know (0007)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import Executable, insert, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from backend.config import Settings
from backend.db.engine import create_engine
from backend.db.handles import INSTANCES, STEP_LOGS
from backend.db.types import utcnow
from backend.runtime.states import InstanceStatus, StepOutcome


def _instance(status: str) -> dict[str, Any]:
    now = utcnow()
    return {
        "id": uuid.uuid4(),
        "journey_id": uuid.uuid4(),
        "version_id": uuid.uuid4(),
        "profile_id": f"p-{uuid.uuid4()}",
        "status": status,
        "context": {},
        "attempt": 0,
        "created_at": now,
        "updated_at": now,
    }


def _step(instance_id: uuid.UUID, outcome: str) -> dict[str, Any]:
    return {
        "instance_id": instance_id,
        "journey_id": uuid.uuid4(),
        "version_id": uuid.uuid4(),
        "node_id": "n1",
        "node_type": "wait",
        "started_at": utcnow(),
        "attempts": 1,
        "outcome": outcome,
        "detail": {},
    }


async def test_every_known_status_and_outcome_is_stored(settings: Settings) -> None:
    engine = create_engine(settings.database_url)
    try:
        async with engine.begin() as connection:
            for status in InstanceStatus:
                row = _instance(status)
                await connection.execute(insert(INSTANCES), row)
                await connection.execute(insert(STEP_LOGS), [_step(row["id"], outcome) for outcome in StepOutcome])
    finally:
        await engine.dispose()


async def _write(engine: AsyncEngine, statement: Executable, params: dict[str, Any] | None = None) -> None:
    async with engine.begin() as connection:
        await connection.execute(statement, params)


@pytest.mark.parametrize("write", ["insert instance", "update instance", "insert step", "update step"])
async def test_an_unknown_status_is_refused_by_the_database(settings: Settings, write: str) -> None:
    engine = create_engine(settings.database_url)
    try:
        good = _instance(InstanceStatus.RUNNING)
        await _write(engine, insert(INSTANCES), good)
        await _write(engine, insert(STEP_LOGS), _step(good["id"], StepOutcome.WAITING))
        statement, params, constraint = {
            "insert instance": (insert(INSTANCES), _instance("done"), "ck_journey_instances_status"),
            "update instance": (update(INSTANCES).values(status="Running"), None, "ck_journey_instances_status"),
            "insert step": (insert(STEP_LOGS), _step(good["id"], "timed_out"), "ck_step_logs_outcome"),
            "update step": (update(STEP_LOGS).values(outcome="ok"), None, "ck_step_logs_outcome"),
        }[write]
        with pytest.raises(IntegrityError, match=constraint):
            await _write(engine, statement, params)
    finally:
        await engine.dispose()
