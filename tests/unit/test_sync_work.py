"""SQLite hot-path transactions: they queue on the writer lock, and wait on a thread (never on the event loop)
when a writer outside that queue holds SQLite's own lock."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from backend.db.engine import create_engine
from backend.db.sqlite.sync_work import SyncTransactions


def _insert(connection: Connection, value: int) -> int:
    connection.execute(text("INSERT INTO t (v) VALUES (:v)"), {"v": value})
    return int(connection.execute(text("SELECT COUNT(*) FROM t")).scalar_one())


async def test_a_writer_outside_the_queue_makes_the_transaction_wait_on_a_thread(tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    with sqlite3.connect(path) as setup:
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE t (v INTEGER)")
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    transactions = SyncTransactions(engine)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # SQLite's write lock, taken by a writer that does not queue
        other.execute("INSERT INTO t (v) VALUES (0)")
        ticks = 0

        async def tick() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1

        ticker = asyncio.create_task(tick())
        writing = asyncio.create_task(transactions.run(_insert, 1))
        await asyncio.sleep(0.3)
        assert not writing.done()  # waiting for the other writer...
        assert ticks >= 10  # ...without blocking the event loop
        other.execute("COMMIT")
        started = time.monotonic()
        assert await asyncio.wait_for(writing, 10) == 2  # it saw the other writer's row, then added its own
        assert time.monotonic() - started < 1
        ticker.cancel()
        assert await transactions.run(_insert, 2) == 3  # and the eager path works again
    finally:
        other.close()
        transactions.close()
        await engine.dispose()


async def test_a_failing_transaction_rolls_back_and_frees_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    with sqlite3.connect(path) as setup:
        setup.execute("CREATE TABLE t (v INTEGER)")
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    transactions = SyncTransactions(engine)

    def insert_then_fail(connection: Connection) -> None:
        _insert(connection, 1)
        raise ValueError("nope")

    try:
        with pytest.raises(ValueError, match="nope"):
            await transactions.run(insert_then_fail)
        assert await transactions.run(_insert, 2) == 1  # nothing of the failed one was kept
        assert await transactions.read(lambda c: int(c.execute(text("SELECT v FROM t")).scalar_one())) == 2
    finally:
        transactions.close()
        await engine.dispose()
