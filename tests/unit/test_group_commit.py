"""Group commit: every waiter learns the outcome of the flush that held its item, whatever goes wrong."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from backend.db.group_commit import GroupCommit


async def test_a_flush_answering_the_wrong_number_of_results_fails_every_waiter() -> None:
    async def short_flush(items: Sequence[int]) -> list[int]:
        return list(items)[:-1]  # one result missing

    commits: GroupCommit[int, int] = GroupCommit(short_flush)
    waiters = [asyncio.ensure_future(commits.submit(item)) for item in range(3)]
    done = await asyncio.wait_for(asyncio.gather(*waiters, return_exceptions=True), timeout=2)
    assert all(isinstance(outcome, RuntimeError) for outcome in done), done
    assert "3 items" in str(done[0])


async def test_a_later_batch_still_flushes_after_a_wrong_count() -> None:
    calls: list[list[int]] = []

    async def flush(items: Sequence[int]) -> list[int]:
        calls.append(list(items))
        return [] if len(calls) == 1 else [item * 2 for item in items]

    commits: GroupCommit[int, int] = GroupCommit(flush)
    with pytest.raises(RuntimeError):
        await asyncio.wait_for(commits.submit(1), timeout=2)
    assert await asyncio.wait_for(commits.submit(2), timeout=2) == 4


async def test_one_refused_item_fails_alone_when_the_group_may_be_isolated() -> None:
    async def flush(items: Sequence[int]) -> list[int]:
        await asyncio.sleep(0)
        if 13 in items:
            raise ValueError("the database refused item 13")
        return [item * 2 for item in items]

    commits: GroupCommit[int, int] = GroupCommit(flush, isolate=lambda exc: isinstance(exc, ValueError))
    waiters = [asyncio.ensure_future(commits.submit(item)) for item in range(10, 70)]
    done = await asyncio.wait_for(asyncio.gather(*waiters, return_exceptions=True), timeout=2)
    assert isinstance(done[3], ValueError)
    assert [outcome for i, outcome in enumerate(done) if i != 3] == [item * 2 for item in range(10, 70) if item != 13]


async def test_a_failure_not_caused_by_an_item_fails_the_group_once() -> None:
    calls = 0

    async def flush(items: Sequence[int]) -> list[int]:
        nonlocal calls
        calls += 1
        raise ConnectionError("database down")

    commits: GroupCommit[int, int] = GroupCommit(flush, isolate=lambda exc: isinstance(exc, ValueError))
    waiters = [asyncio.ensure_future(commits.submit(item)) for item in range(5)]
    done = await asyncio.wait_for(asyncio.gather(*waiters, return_exceptions=True), timeout=2)
    assert all(isinstance(outcome, ConnectionError) for outcome in done)
    assert calls == 1
