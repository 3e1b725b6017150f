"""Pure runtime decisions: re-entry rules, event data type checks, capping chunks, group commit, the manual clock."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import backend.db.runtime_tables  # noqa: F401  (registers the runtime tables on SQLModel.metadata)
from backend.db.group_commit import GroupCommit
from backend.journeys.definition import Definition, JourneySettings
from backend.journeys.lifecycle import LiveVersion
from backend.runtime.calls.action import endpoint_host, safe_url
from backend.runtime.calls.limits import capping_chunk
from backend.runtime.ingestion.entry import History, may_enter
from backend.runtime.ingestion.event_check import type_problems
from backend.runtime.storage.journeys import HISTORIES

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _version(reentrance: bool = False, wait: int = 0) -> LiveVersion:
    settings = JourneySettings(reentrance=reentrance, reentrance_wait_seconds=wait)
    return LiveVersion(uuid.uuid4(), uuid.uuid4(), 1, Definition(), settings)


@pytest.mark.parametrize(
    ("version", "history", "allowed"),
    [
        (_version(), None, True),
        (_version(reentrance=True), History(active=True, entered_before=True), False),
        (_version(), History(entered_before=True, last_exit=NOW - timedelta(days=9)), False),
        (_version(reentrance=True), History(entered_before=True, last_exit=NOW), True),
        (
            _version(reentrance=True, wait=60),
            History(entered_before=True, last_exit=NOW - timedelta(seconds=59)),
            False,
        ),
        (_version(reentrance=True, wait=60), History(entered_before=True, last_exit=NOW - timedelta(seconds=60)), True),
    ],
    ids=["first", "inside", "no-reentrance", "reentrance", "within-wait", "after-wait"],
)
def test_may_enter(version: LiveVersion, history: History | None, allowed: bool) -> None:
    assert may_enter(version, history, NOW) is allowed


def test_type_problems_name_the_concrete_path() -> None:
    fields = [
        {"path": "total", "type": "decimal"},
        {"path": "items.0.qty", "type": "integer"},
        {"path": "vip", "type": "boolean"},
        {"path": "meta", "type": "any"},
    ]
    data = {"total": 3, "items": [{"qty": 1}, {"qty": "2"}], "vip": None, "meta": [1], "extra": "x"}
    problems = type_problems(data, fields)
    assert [(p.field, p.message) for p in problems] == [("data.items.1.qty", "expected integer, got string")]
    assert [(p.code, p.params) for p in problems] == [("wrongType", {"expected": "integer", "got": "string"})]
    assert type_problems({"total": "x"}, fields)[0].field == "data.total"


@pytest.mark.parametrize(
    ("cap", "chunk"), [(1, 1), (999, 1), (1000, 2), (100_000, 200), (300_000, 500), (10_000_000, 500)]
)
def test_capping_reserves_small_chunks(cap: int, chunk: int) -> None:
    assert capping_chunk(cap) == chunk


def test_urls_for_limits_and_logs() -> None:
    assert endpoint_host("https://API.example.com:8443/x?key=1") == "api.example.com:8443"
    assert endpoint_host("https://api.example.com/x") == "api.example.com"
    assert safe_url("https://user:pw@api.example.com/x?key=secret") == "https://api.example.com/x"


async def test_group_commit_batches_concurrent_submissions() -> None:
    batches: list[list[int]] = []

    async def flush(items: Sequence[int]) -> list[int]:
        batches.append(list(items))
        await asyncio.sleep(0)
        return [i * 10 for i in items]

    commits: GroupCommit[int, int] = GroupCommit(flush, max_batch=3)
    results = await asyncio.gather(*(commits.submit(i) for i in range(5)))
    assert results == [0, 10, 20, 30, 40]
    assert batches == [[0, 1, 2], [3, 4]]


async def test_group_commit_reports_a_failed_flush_to_every_waiter() -> None:
    async def flush(items: Sequence[int]) -> list[int]:
        raise RuntimeError("disk full")

    commits: GroupCommit[int, int] = GroupCommit(flush)
    outcomes = await asyncio.gather(commits.submit(1), commits.submit(2), return_exceptions=True)
    assert all(isinstance(o, RuntimeError) for o in outcomes)


def test_histories_are_searched_in_the_index_not_scanned(tmp_path: Path) -> None:
    """The entry check runs in every ingest transaction: a scan would grow with every instance ever made."""
    engine = create_engine(f"sqlite:///{tmp_path / 'plan.db'}")
    SQLModel.metadata.create_all(engine)
    query = HISTORIES.params(profiles=["p-1", "p-2"], journeys=[uuid.uuid4()])
    sql = str(query.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True}))
    with engine.connect() as connection:
        plan = " ".join(str(row[-1]) for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}").all())
    engine.dispose()
    assert "SEARCH journey_instances USING INDEX ix_journey_instances_profile_journey" in plan, plan
