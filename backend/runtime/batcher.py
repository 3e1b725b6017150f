"""Group commit: concurrent callers' writes are gathered and flushed together in one transaction.

SQLite allows one writer at a time, so one transaction per request or per step caps throughput at the
commit rate; gathering whatever arrived while the previous flush ran costs no latency when idle.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
Flush = Callable[[Sequence[Item]], Awaitable[Sequence[Result]]]


class GroupCommit(Generic[Item, Result]):
    """Collects items from many tasks; one flusher task writes them in batches of up to ``max_batch``."""

    def __init__(self, flush: Flush[Item, Result], max_batch: int = 500) -> None:
        self._flush = flush
        self._max_batch = max_batch
        self._pending: list[tuple[Item, asyncio.Future[Result]]] = []
        self._task: asyncio.Task[None] | None = None

    async def submit(self, item: Item) -> Result:
        """Queue ``item`` and wait until the batch holding it is committed; returns its result."""
        future: asyncio.Future[Result] = asyncio.get_running_loop().create_future()
        self._pending.append((item, future))
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._drain())
        return await future

    async def submit_many(self, items: Sequence[Item]) -> list[Result]:
        """Queue several items at once (a batch request) and wait for all of them."""
        if len(items) == 1:  # the usual single event: no gather, no task per item
            return [await self.submit(items[0])]
        return list(await asyncio.gather(*(self.submit(item) for item in items)))

    async def _drain(self) -> None:
        while self._pending:
            batch, self._pending = self._pending[: self._max_batch], self._pending[self._max_batch :]
            try:
                results = await self._flush([item for item, _ in batch])
            except BaseException as exc:  # every waiter learns why its write failed
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                if not isinstance(exc, Exception):
                    raise
                continue
            for (_, future), result in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(result)
