"""Fixtures shared by the runtime and action tests: the fake third party and a worker on the test's clock."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from litestar import Litestar

from backend.config import Settings
from backend.runtime.clock import ManualClock
from backend.runtime.execution.worker import Worker
from tests.fake_third_party import FakeThirdParty
from tests.integration.runtime_support import make_worker


@pytest.fixture(name="api")
def api_fixture() -> Iterator[FakeThirdParty]:
    """The fake third party, one per test (a module overrides it to add routes)."""
    with FakeThirdParty() as api:
        yield api


@pytest.fixture(name="worker")
async def worker_fixture(app: Litestar, clock: ManualClock, settings: Settings) -> AsyncIterator[Worker]:
    """A worker on a hand-moved clock."""
    worker = make_worker(app, settings, clock)
    yield worker
    await worker.close()
