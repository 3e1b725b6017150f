"""The SQLite writer lock: exclusive across processes and threads, never leaked by a cancelled waiter."""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from pathlib import Path

from backend.db.sqlite.sqlite_writer import SQLiteWriterLock, writer_lock


def _hold_for(database: str, seconds: float, taken: multiprocessing.synchronize.Event) -> None:
    lock = SQLiteWriterLock(Path(database))
    with lock.held():
        taken.set()
        time.sleep(seconds)


def test_another_process_waits_until_the_lock_is_released(tmp_path: Path) -> None:
    database = str(tmp_path / "app.db")
    context = multiprocessing.get_context("spawn")
    taken = context.Event()
    holder = context.Process(target=_hold_for, args=(database, 0.4, taken))
    holder.start()
    try:
        assert taken.wait(30)
        lock = writer_lock(database)
        assert not lock.acquire(blocking=False)
        started = time.monotonic()
        assert lock.acquire()
        waited = time.monotonic() - started
        lock.release()
    finally:
        holder.join(30)
    assert holder.exitcode == 0
    assert waited > 0.1  # it really waited for the other process


def test_threads_of_one_process_exclude_each_other(tmp_path: Path) -> None:
    lock = writer_lock(str(tmp_path / "app.db"))
    assert lock is writer_lock(str(tmp_path / "." / "app.db"))  # one lock per file, whatever the spelling
    with lock.held():
        assert not lock.acquire(blocking=False)
    assert lock.acquire(blocking=False)
    lock.release()


async def test_a_cancelled_waiter_does_not_keep_the_lock(tmp_path: Path) -> None:
    lock = writer_lock(str(tmp_path / "app.db"))
    assert lock.acquire()
    waiter = asyncio.create_task(lock.acquire_async())
    await asyncio.sleep(0.05)
    waiter.cancel()
    await asyncio.sleep(0.01)
    lock.release()  # the waiting thread now takes it and hands it back at once
    deadline = time.monotonic() + 5
    while not lock.acquire(blocking=False):
        assert time.monotonic() < deadline, "the cancelled waiter kept the lock"
        await asyncio.sleep(0.01)
    lock.release()
    assert waiter.cancelled()
