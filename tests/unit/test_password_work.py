"""The password pool is bounded: a full queue answers at once, and a slot is held until its job really ends."""

from __future__ import annotations

import asyncio
import threading

import pytest

from backend.auth.password_work import PasswordWorkPool
from backend.errors import OverloadedError


async def test_full_pool_refuses_at_once_and_frees_the_slot_only_when_the_job_ends() -> None:
    pool = PasswordWorkPool(threads=1, max_pending=1)
    release = threading.Event()
    busy = asyncio.create_task(pool.run(release.wait, 10))
    await asyncio.sleep(0)  # let the job be submitted
    with pytest.raises(OverloadedError) as refused:
        await pool.run(lambda: 1)
    assert refused.value.retry_after == 1
    busy.cancel()  # the caller gave up, but the job still occupies the thread
    with pytest.raises(OverloadedError):
        await pool.run(lambda: 1)
    release.set()
    for _ in range(1000):  # bounded: the slot comes back once the job has ended
        try:
            assert await pool.run(lambda: 2) == 2
            break
        except OverloadedError:
            await asyncio.sleep(0.001)
    else:
        pytest.fail("the slot never came back")


async def test_hashing_runs_off_the_event_loop_thread() -> None:
    pool = PasswordWorkPool(threads=1, max_pending=4)
    assert await pool.run(threading.get_ident) != threading.get_ident()
