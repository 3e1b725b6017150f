"""One writer at a time on a SQLite file, across threads and processes, woken at once when the lock frees.

SQLite allows a single writer; a second one waits in SQLite's busy handler, which sleeps in steps of up to
100 ms between retries. With the API and a worker writing the same file, those sleeps, not the writes, set
the latency of ingestion and steps. A blocking ``flock`` lets the kernel hand the lock over the moment it is
released, so hot-path writers queue here and find SQLite's lock free.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_LOCKS: dict[str, SQLiteWriterLock] = {}
_LOCKS_GUARD = threading.Lock()


class SQLiteWriterLock:
    """An exclusive lock beside the database file (``<file>-writer.lock``); hold it for a whole transaction."""

    def __init__(self, database: Path) -> None:
        self.path = database.with_name(database.name + "-writer.lock")
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        self._threads = threading.Lock()  # flock does not exclude threads sharing one open file

    def acquire(self, blocking: bool = True) -> bool:
        """Take the lock (the calling thread waits unless ``blocking`` is false); True when taken."""
        if not self._threads.acquire(blocking):
            return False
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX if blocking else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._threads.release()
            return False
        except BaseException:
            self._threads.release()
            raise
        return True

    def release(self) -> None:
        """Give the lock up; any thread of the process may release what another took."""
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        self._threads.release()

    @contextmanager
    def held(self) -> Iterator[None]:
        """Block (the calling thread) until this process and no other holds the lock."""
        self.acquire()
        try:
            yield
        finally:
            self.release()

    async def acquire_async(self) -> None:
        """Take the lock without blocking the event loop: at once when free, else waiting on a thread."""
        if self.acquire(blocking=False):
            return
        taking = asyncio.get_running_loop().run_in_executor(None, self.acquire)
        try:
            await asyncio.shield(taking)
        except asyncio.CancelledError:
            taking.add_done_callback(lambda _: self.release())  # the thread still gets it: hand it back
            raise


def writer_lock(database: str) -> SQLiteWriterLock:
    """The process's one lock for ``database`` (every engine on the file must share it)."""
    key = str(Path(database).resolve())
    with _LOCKS_GUARD:
        lock = _LOCKS.get(key)
        if lock is None:
            lock = _LOCKS[key] = SQLiteWriterLock(Path(key))
        return lock
