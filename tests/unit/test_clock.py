"""The hand-moved clock: sleepers wake only when the test moves time to their deadline."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from backend.runtime.clock import ManualClock

NOW = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


async def test_a_sleeper_wakes_when_time_reaches_its_deadline() -> None:
    clock = ManualClock(NOW)
    nap = asyncio.create_task(clock.sleep(5))
    await clock.until_sleeping()
    clock.advance(4.9)
    await asyncio.sleep(0)
    assert not nap.done()
    clock.advance(0.1)
    await asyncio.wait_for(nap, 1)
    assert clock.now() == NOW + timedelta(seconds=5)
    assert clock.sleeping == 0


async def test_sleepers_wake_in_deadline_order_and_a_cancelled_one_is_forgotten() -> None:
    clock = ManualClock(NOW)
    woke: list[int] = []

    async def nap(seconds: int) -> None:
        await clock.sleep(seconds)
        woke.append(seconds)

    naps = [asyncio.create_task(nap(s)) for s in (3, 1, 2)]
    gone = asyncio.create_task(clock.sleep(1))
    await clock.until_sleeping(4)
    gone.cancel()
    await asyncio.sleep(0)
    assert clock.sleeping == 3
    clock.advance(10)
    await asyncio.wait_for(asyncio.gather(*naps), 1)
    assert woke == [1, 2, 3]


async def test_jump_on_sleep_moves_time_to_the_deadline_at_once() -> None:
    clock = ManualClock(NOW, jump_on_sleep=True)
    await clock.sleep(90)
    assert clock.now() == NOW + timedelta(seconds=90)
    assert clock.monotonic() == clock.timestamp() == (NOW + timedelta(seconds=90)).timestamp()
