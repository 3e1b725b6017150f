"""Password hashing and strength checks on a small dedicated pool, never on the event loop.

argon2 takes 0.1-0.2 s of CPU per hash (four lanes, 64 MiB); on the event loop eight anonymous clients stalled
every request, and in the default thread pool (cores + 4 threads) they still did. One thread of our own at
the lowest priority (argon2's lane threads inherit it) leaves the CPU and the memory bandwidth to the loop
and the worker (two threads measured a /api/health p95 of 54-86 ms under a flood, one 14-23 ms on the same
loaded machine); a bounded queue turns a flood of sign-ins into quick 429s instead of minutes of backlog.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from backend.auth.password_policy import check_password_strength
from backend.auth.secrets import hash_password, verify_password
from backend.errors import OverloadedError

T = TypeVar("T")
THREADS = 1
NICENESS = 19  # the lowest priority: hashing only gets cores the loop and the worker leave free
MAX_PENDING = 64  # jobs queued or running; beyond that callers get 429 at once


def _lower_priority() -> None:
    """Let the kernel prefer the event loop over hashing whenever both want a core.

    On Linux a thread's nice value is its own and the threads argon2 starts for its lanes inherit it; without
    this the loop competes as one thread among eight busy ones and waits for its turn.
    """
    with contextlib.suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICENESS)


class PasswordWorkPool:
    """A bounded thread pool for CPU-heavy password work."""

    def __init__(self, threads: int = THREADS, max_pending: int = MAX_PENDING) -> None:
        self._executor = ThreadPoolExecutor(threads, thread_name_prefix="password-work", initializer=_lower_priority)
        self._slots = threading.BoundedSemaphore(max_pending)

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """Run ``function(*args)`` on the pool; OverloadedError when the queue is full."""
        if not self._slots.acquire(blocking=False):
            raise OverloadedError("too many password checks at once; try again shortly", retry_after=1)
        # Released when the job ends or is cancelled unstarted, not when the caller stops waiting: a client that
        # disconnects must not free a slot whose hash still occupies the pool.
        future = self._executor.submit(function, *args)
        future.add_done_callback(lambda _: self._slots.release())
        return await asyncio.wrap_future(future)


POOL = PasswordWorkPool()


def _checked_hash(password: str, user_inputs: list[str]) -> str:
    check_password_strength(password, user_inputs)
    return hash_password(password)


async def hash_new_password(password: str, email: str) -> str:
    """The argon2 hash of a password that passed the strength policy (InvalidInputError otherwise)."""
    return await POOL.run(_checked_hash, password, [email, email.split("@", 1)[0]])


async def password_matches(password_hash: str | None, password: str) -> bool:
    """Verify off the loop; a None hash (unknown email) costs the same as a real one."""
    return await POOL.run(verify_password, password_hash, password)
