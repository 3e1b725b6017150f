"""The SQLite database and its WAL files hold password hashes and sealed secrets: owner-only, like the key."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from backend.db.engine import create_engine, restrict_sqlite_files


@pytest.fixture(name="loose_umask")
def loose_umask_fixture() -> Iterator[None]:
    """The usual umask, under which new files are world-readable."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("loose_umask")
@pytest.mark.parametrize("existing", [False, True], ids=["new", "existing-0644"])
async def test_sqlite_files_are_owner_only(tmp_path: Path, existing: bool) -> None:
    database = tmp_path / "journeys.db"
    if existing:
        database.touch(mode=0o644)
    engine = create_engine(f"sqlite+aiosqlite:///{database}")
    try:
        async with engine.begin() as connection:  # WAL and shared-memory files exist while a connection is open
            await connection.execute(text("CREATE TABLE t (x INTEGER)"))
            await connection.execute(text("INSERT INTO t VALUES (1)"))
            files = [database, database.with_name("journeys.db-wal"), database.with_name("journeys.db-shm")]
            assert {f.name: _mode(f) for f in files} == {f.name: 0o600 for f in files}
    finally:
        await engine.dispose()


def test_tightening_an_open_database_keeps_its_locks(tmp_path: Path) -> None:
    """Closing any descriptor of a SQLite file drops the process's locks on it: the helper must not open one."""
    database = tmp_path / "journeys.db"
    writer = sqlite3.connect(database, isolation_level=None)
    try:
        writer.execute("CREATE TABLE t (x INTEGER)")
        writer.execute("BEGIN IMMEDIATE")  # holds the write lock (a POSIX lock on the file)
        restrict_sqlite_files(f"sqlite+aiosqlite:///{database}")
        # Another process (within one process SQLite coordinates connections itself) must still find it locked.
        probe = f"import sqlite3; sqlite3.connect({str(database)!r}, timeout=0).execute('BEGIN IMMEDIATE')"
        other = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=30)
        assert "database is locked" in other.stderr
        writer.execute("ROLLBACK")
    finally:
        writer.close()
