"""BulkStatement stores on SQLite exactly what Connection.execute stores, and counts the rows it touched."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Column, Engine, MetaData, String, Table, and_, bindparam, create_engine, insert, text, update
from sqlmodel import SQLModel
from uuid_utils.compat import uuid7

from backend.db.engine import _json_text
from backend.db.handles import INSTANCES, STEP_LOGS
from backend.db.sqlite.bulk import BulkStatement

NOW = datetime(2026, 11, 27, 6, 0, 0, 1234, tzinfo=UTC)


@pytest.fixture(name="engine")
def engine_fixture() -> Iterator[Engine]:
    engine = create_engine("sqlite://", json_serializer=_json_text)
    SQLModel.metadata.create_all(engine, tables=[INSTANCES, STEP_LOGS])
    yield engine
    engine.dispose()


def _instance(**changes: Any) -> dict[str, Any]:
    row = {
        "id": uuid7(),
        "journey_id": uuid7(),
        "version_id": uuid7(),
        "profile_id": "p-1",
        "event_id": None,
        "status": "running",
        "current_node_id": "call",
        "context": {"event": {"total": 10.5, "tags": ["a"]}, "steps": {}},
        "due_at": NOW,
        "attempt": 0,
        "created_at": NOW,
        "updated_at": NOW,
        "finished_at": None,
    }
    return {**row, **changes}


def _stored(engine: Engine, table: str) -> list[tuple[Any, ...]]:
    with engine.connect() as connection:
        return [tuple(r)[1:] for r in connection.execute(text(f"SELECT * FROM {table} ORDER BY rowid"))]  # noqa: S608


def test_inserts_store_what_sqlalchemy_stores(engine: Engine) -> None:
    rows = [_instance(), _instance(status="completed", due_at=None, finished_at=NOW)]
    with engine.begin() as connection:
        assert BulkStatement(insert(INSTANCES)).execute(connection, rows) == 2
    by_bulk = _stored(engine, "journey_instances")
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM journey_instances"))
        connection.execute(insert(INSTANCES), rows)
    assert _stored(engine, "journey_instances") == by_bulk


def test_updates_count_only_the_rows_they_matched(engine: Engine) -> None:
    mine, theirs = _instance(lease_owner="me"), _instance(lease_owner="other")
    fenced = update(INSTANCES).where(
        and_(INSTANCES.c.id == bindparam("b_id"), INSTANCES.c.lease_owner == bindparam("b_owner"))
    )
    with engine.begin() as connection:
        connection.execute(insert(INSTANCES), [mine, theirs])
        changes = [{"b_id": row["id"], "b_owner": "me", "status": "completed"} for row in (mine, theirs)]
        assert BulkStatement(fenced).execute(connection, changes) == 1
        rows = connection.execute(text("SELECT lease_owner, status FROM journey_instances")).all()
    statuses = {row.lease_owner: row.status for row in rows}
    assert statuses == {"me": "completed", "other": "running"}


def test_rows_without_a_needed_value_are_refused(engine: Engine) -> None:
    fenced = update(INSTANCES).where(INSTANCES.c.id == bindparam("b_id"))
    with engine.begin() as connection:
        with pytest.raises(ValueError, match="b_id"):
            BulkStatement(fenced).execute(connection, [{"status": "completed"}])
        assert BulkStatement(insert(STEP_LOGS)).execute(connection, []) == 0


def test_one_column_rows(engine: Engine) -> None:
    tags = Table("tags", MetaData(), Column("name", String(20)))
    tags.create(engine)
    with engine.begin() as connection:
        assert BulkStatement(insert(tags)).execute(connection, [{"name": "a"}, {"name": "b"}]) == 2
        assert connection.execute(text("SELECT name FROM tags ORDER BY name")).scalars().all() == ["a", "b"]
