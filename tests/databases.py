"""Test databases: a SQLite file and a throwaway PostgreSQL database, each migrated once per run."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

import backend.db.all_tables  # noqa: F401
from backend.db.engine import create_engine
from backend.db.migrate import upgrade

POSTGRES_ADMIN_URL = os.environ.get("JOURNEYS_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")


async def _admin_execute(statement: str) -> None:
    engine = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", pool_size=1)
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


def postgres_unavailable_reason() -> str | None:
    """Why PostgreSQL tests cannot run here, or None when the server answers."""
    try:
        asyncio.run(_admin_execute("SELECT 1"))
    except Exception as exc:
        return f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL}: {type(exc).__name__}: {exc}"
    return None


def create_postgres_database() -> str:
    """A fresh database for this test run (so parallel runs never share tables); returns its URL."""
    name = f"jb_test_{uuid.uuid4().hex[:12]}"
    asyncio.run(_admin_execute(f'CREATE DATABASE "{name}"'))
    url = make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    upgrade(url)
    return url


def drop_postgres_database(url: str) -> None:
    """Drop the run's database, closing stray connections first."""
    name = make_url(url).database
    asyncio.run(_admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def create_sqlite_database(folder: Path) -> str:
    """A migrated SQLite file in ``folder``; returns its URL."""
    url = f"sqlite+aiosqlite:///{folder / 'journeys.db'}"
    upgrade(url)
    return url


async def empty_all_tables(url: str) -> None:
    """Delete every row, children first, so each test starts from an empty (but migrated) database."""
    engine = create_engine(url)
    tables = list(reversed(SQLModel.metadata.sorted_tables))
    try:
        async with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                names = ", ".join(f'"{t.name}"' for t in tables)
                await connection.execute(text(f"TRUNCATE {names} CASCADE"))
            else:
                for table in tables:
                    await connection.execute(table.delete())
    finally:
        await engine.dispose()


def provide_database(kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh migrated database of ``kind`` ("sqlite" or "postgresql") for a fixture; PostgreSQL is skipped
    with the reason when no server answers, and dropped afterwards."""
    if kind == "sqlite":
        yield create_sqlite_database(tmp_path_factory.mktemp("sqlite"))
        return
    reason = postgres_unavailable_reason()
    if reason:
        pytest.skip(reason)
    url = create_postgres_database()
    yield url
    drop_postgres_database(url)
