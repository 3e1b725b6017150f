"""The SQLite database and its WAL files hold password hashes and sealed secrets: owner-only, like the key."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from backend.db.engine import create_engine


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
