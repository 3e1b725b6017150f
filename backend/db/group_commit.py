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
Waiter = tuple[Item, "asyncio.Future[Result]"]


def _never(_: Exception) -> bool:
    return False


class GroupCommit(Generic[Item, Result]):
    """Collects items from many tasks; one flusher task writes them in batches of up to ``max_batch``.

    ``isolate(exc)`` says whether a failed group may be the fault of one of its items (bad data the database
    refused): such a group is flushed again item by item, so one bad item never fails the others.
    """

    def __init__(
        self, flush: Flush[Item, Result], max_batch: int = 500, isolate: Callable[[Exception], bool] = _never
    ) -> None:
        self._flush = flush
        self._max_batch = max_batch
        self._isolate = isolate
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
                await self._settle(batch)
            except Exception as exc:
                if len(batch) > 1 and self._isolate(exc):
                    for waiter in batch:
                        await self._settle_or_fail([waiter])
                else:
                    _fail(batch, exc)
            except BaseException as exc:  # cancelled: the waiters learn it, then the task stops
                _fail(batch, exc)
                raise

    async def _settle_or_fail(self, batch: list[Waiter[Item, Result]]) -> None:
        try:
            await self._settle(batch)
        except Exception as exc:
            _fail(batch, exc)

    async def _settle(self, batch: list[Waiter[Item, Result]]) -> None:
        """Flush the batch and hand each waiter its result; raises (setting nothing) when the flush fails."""
        results = await self._flush([item for item, _ in batch])
        if len(results) != len(batch):
            raise RuntimeError(f"a group commit of {len(batch)} items answered {len(results)} results")
        for (_, future), result in zip(batch, results, strict=True):
            if not future.done():
                future.set_result(result)


def _fail(batch: Sequence[Waiter[Item, Result]], exc: BaseException) -> None:
    """Every waiter of the batch learns why its write failed."""
    for _, future in batch:
        if not future.done():
            future.set_exception(exc)
