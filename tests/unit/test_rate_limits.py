"""Capping and throttling on a hand-moved clock: shared through the database, never over the cap, the next chunk
reserved ahead, windows and slots that move only when the test moves time."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlmodel import SQLModel

from backend.actions.schemas import Capping, Throttling
from backend.db.engine import create_engine
from backend.db.handles import RATE_LIMITS
from backend.db.sqlite.sync_work import SyncTransactions
from backend.runtime.calls.limits import RateLimits, capping_chunk
from backend.runtime.clock import ManualClock

# Mid-window for every period used here, so no test straddles a window boundary by accident.
START = datetime(2026, 1, 5, 12, 30, 30, tzinfo=UTC)


@pytest.fixture(name="clock")
def clock_fixture() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
async def transactions(tmp_path: Path) -> AsyncIterator[SyncTransactions]:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'app.db'}")
    async with engine.begin() as connection:
        await connection.run_sync(SQLModel.metadata.create_all, tables=[RATE_LIMITS])
    work = SyncTransactions(engine)
    yield work
    work.close()
    await engine.dispose()


async def _reserved(transactions: SyncTransactions) -> int:
    rows = await transactions.read(lambda c: c.execute(select(RATE_LIMITS.c.count)).scalars().all())
    return sum(rows)


async def test_the_next_chunk_is_reserved_while_half_of_the_last_is_left(
    transactions: SyncTransactions, clock: ManualClock
) -> None:
    capping = Capping(max_calls=10_000, period_seconds=3600)
    chunk = capping_chunk(capping.max_calls)
    limits = RateLimits(transactions, clock)
    for _ in range(chunk // 2):  # the first call reserves a chunk in line; none ahead yet
        assert await limits.allow("api.example", capping)
    assert await _reserved(transactions) == chunk
    assert await limits.allow("api.example", capping)  # past half: the next chunk is reserved in the background
    await limits.settle()
    assert await _reserved(transactions) == 2 * chunk


async def test_workers_together_never_exceed_the_cap(transactions: SyncTransactions, clock: ManualClock) -> None:
    capping = Capping(max_calls=2_000, period_seconds=3600)
    workers = [RateLimits(transactions, clock) for _ in range(3)]

    async def calls(limits: RateLimits) -> int:
        allowed = 0
        for _ in range(1_000):
            allowed += await limits.allow("api.example", capping)
            await asyncio.sleep(0)  # let reservations ahead interleave with calls
        return allowed

    allowed = sum(await asyncio.gather(*(calls(w) for w in workers)))
    chunk = capping_chunk(capping.max_calls)
    assert 2_000 - 3 * 2 * chunk <= allowed <= 2_000  # never over; at most what each worker still holds is lost
    assert not await workers[0].allow("api.example", capping) or allowed < 2_000


async def test_an_action_is_capped_by_its_own_cap_in_the_hosts_shared_window(
    transactions: SyncTransactions, clock: ManualClock
) -> None:
    big, small = Capping(max_calls=300_000, period_seconds=86_400), Capping(max_calls=2, period_seconds=86_400)
    limits = RateLimits(transactions, clock)
    assert await limits.allow("api.example", big)
    # One call to the host counts already: the action capped at 2 a day may make one more, not draw on the
    # allowance reserved for the big one.
    assert [await limits.allow("api.example", small) for _ in range(4)] == [True, False, False, False]
    assert await limits.allow("api.example", big)
    assert await limits.allow("other.example", small)  # another host has its own window


async def test_workers_together_keep_every_action_under_its_own_cap(
    transactions: SyncTransactions, clock: ManualClock
) -> None:
    big, small = Capping(max_calls=3_000, period_seconds=3600), Capping(max_calls=50, period_seconds=3600)
    workers = [RateLimits(transactions, clock) for _ in range(3)]

    async def calls(limits: RateLimits, capping: Capping, count: int) -> int:
        allowed = 0
        for _ in range(count):
            allowed += await limits.allow("api.example", capping)
            await asyncio.sleep(0)
        return allowed

    results = await asyncio.gather(*(calls(w, big, 400) for w in workers), *(calls(w, small, 100) for w in workers))
    big_calls, small_calls = sum(results[:3]), sum(results[3:])
    assert big_calls + small_calls <= 3_000
    assert small_calls <= 50
    assert big_calls == 1_200  # far under its cap: the small action's refusals take nothing from it


async def test_a_capping_window_opens_again_only_when_the_clock_reaches_the_next_period(
    transactions: SyncTransactions, clock: ManualClock
) -> None:
    capping = Capping(max_calls=2, period_seconds=60)
    limits = RateLimits(transactions, clock)
    assert [await limits.allow("api.example", capping) for _ in range(3)] == [True, True, False]
    clock.advance(29.9)  # 12:30:59.9: still the same minute
    assert not await limits.allow("api.example", capping)
    clock.advance(0.1)
    assert [await limits.allow("api.example", capping) for _ in range(3)] == [True, True, False]


async def test_throttling_slots_are_spaced_on_the_clock_and_refused_past_the_max_wait(
    transactions: SyncTransactions, clock: ManualClock
) -> None:
    throttling = Throttling(max_calls_per_second=2, max_wait_seconds=1)
    limits = RateLimits(transactions, clock)
    waits = [await limits.delay("api.example", throttling) for _ in range(4)]
    assert waits == [0.0, 0.5, 1.0, None]  # the fourth slot is 1.5 s away: over the wait, and not taken
    clock.advance(1.2)
    assert await limits.delay("api.example", throttling) == pytest.approx(0.3)  # the untaken slot at 1.5 s
    clock.advance(10)
    assert await limits.delay("api.example", throttling) == 0.0  # an idle host's schedule starts again at now
