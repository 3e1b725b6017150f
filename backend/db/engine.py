"""The async engine and session factory, configured for SQLite or PostgreSQL."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
from sqlalchemy import Engine, event, make_url
from sqlalchemy import create_engine as create_sync_engine
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

# Every aiosqlite connection is a thread plus a connect and four pragmas; a pool big enough for the usual
# concurrency keeps them open (connections past the pool are closed after each use, i.e. rebuilt every time).
SQLITE_POOL_SIZE = 20
SQLITE_MAX_OVERFLOW = 20
SQLITE_BUSY_SECONDS = 30.0
# Kept in the engine's execution options so every twin made from the engine waits as long as the engine does.
_BUSY_OPTION = "journeys_sqlite_busy_seconds"


def _json_text(value: Any) -> str:
    return msgspec.json.encode(value).decode()


UNREADABLE_JSON = {"unreadable": "stored JSON is nested deeper than can be read; new input is limited to 32 levels"}


def _json_value(text: str | bytes) -> Any:
    """Decode a JSON column; a value stored before input depth was limited reads as a note, not a crash."""
    try:
        return msgspec.json.decode(text)
    except RecursionError:
        return dict(UNREADABLE_JSON)


def create_engine(database_url: str, sqlite_busy_seconds: float = SQLITE_BUSY_SECONDS, **kwargs: Any) -> AsyncEngine:
    """An engine with WAL and a busy timeout on SQLite (one writer, many readers), pooled on PostgreSQL.

    A write that finds SQLite locked by another process for longer than ``sqlite_busy_seconds`` fails with
    SQLITE_BUSY (answered 503, see ``backend.errors``).
    """
    # msgspec reads and writes JSON columns several times faster than the json module (every event, context, log).
    kwargs.setdefault("json_serializer", _json_text)
    kwargs.setdefault("json_deserializer", _json_value)
    if database_url.startswith("sqlite"):
        if ":memory:" not in database_url:
            restrict_sqlite_files(database_url)
            kwargs.setdefault("pool_size", SQLITE_POOL_SIZE)
            kwargs.setdefault("max_overflow", SQLITE_MAX_OVERFLOW)
        kwargs["execution_options"] = {**kwargs.get("execution_options", {}), _BUSY_OPTION: sqlite_busy_seconds}
        engine = create_async_engine(database_url, connect_args={"timeout": sqlite_busy_seconds}, **kwargs)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas(sqlite_busy_seconds))
        return engine
    kwargs.setdefault("pool_size", 10)
    kwargs.setdefault("max_overflow", 10)
    kwargs.setdefault("pool_pre_ping", True)
    return create_async_engine(database_url, **kwargs)


def _sqlite_pragmas(busy_seconds: float) -> Callable[[Any, Any], None]:
    """The connect hook of SQLite connections waiting up to ``busy_seconds`` for another writer."""

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_seconds * 1000)}")
        cursor.close()

    return on_connect


def restrict_sqlite_files(database_url: str) -> None:
    """Make the database file (and any WAL and shared-memory file) readable by the owner only.

    They hold password hashes, token digests and sealed secrets, like the key file beside them. SQLite gives
    the ``-wal`` and ``-shm`` files it creates the database file's mode, so creating that file 0600 before
    SQLite does covers them; files left by an older version are tightened here too.
    """
    name = make_url(database_url).database
    if not name or name.startswith("file:"):
        return
    path = Path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Only ever open a file that did not exist: closing any descriptor of a database file drops every POSIX
    # lock this process holds on it, which corrupts it under a connection already open in this process.
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(FileNotFoundError):
            file.chmod(0o600)  # chmod touches no lock


def create_sqlite_twin(engine: AsyncEngine, busy_wait: bool = True) -> Engine | None:
    """A plain (pysqlite) engine on the same SQLite file; None for other databases.

    With ``busy_wait`` false a write that finds the file locked fails at once instead of sleeping in SQLite's
    busy handler (for work run on the event loop, which must never sleep).
    """
    url = engine.url
    if url.get_backend_name() != "sqlite" or ":memory:" in (url.database or ":memory:"):
        return None
    busy_seconds = float(engine.get_execution_options().get(_BUSY_OPTION, SQLITE_BUSY_SECONDS))
    twin = create_sync_engine(
        url.set(drivername="sqlite"),
        connect_args={"timeout": busy_seconds if busy_wait else 0, "check_same_thread": False},
        pool_size=4,
        max_overflow=4,
        json_serializer=_json_text,
        json_deserializer=_json_value,
    )
    event.listen(twin, "connect", _sqlite_pragmas(busy_seconds if busy_wait else 0))
    return twin


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit (we return them to the wire)."""
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)
