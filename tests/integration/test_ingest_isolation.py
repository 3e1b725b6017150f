"""One event the database refuses never fails the other events of its group commit."""

from __future__ import annotations

import asyncio

from litestar import Litestar

from backend.runtime.ingestion.ingest import Ingested
from backend.runtime.ingestion.schemas import EventIn
from tests.conftest import Client
from tests.integration.runtime_support import ORDER_EXAMPLE, make_event_type, runtime_of


async def test_an_event_the_database_refuses_fails_alone_in_its_group(app: Litestar, admin: Client) -> None:
    await make_event_type(admin)
    ingestor = runtime_of(app).ingestor
    events = [EventIn(type="order placed", profile_id=f"good-{i}", data=ORDER_EXAMPLE) for i in range(60)]
    # Past the HTTP checks (as a bug in them would let it through): PostgreSQL refuses NUL in text.
    events[30] = EventIn(type="order placed", profile_id="p\x00", data=ORDER_EXAMPLE)
    # Submitted in one tick, the 60 events form one group commit.
    outcomes = await asyncio.wait_for(
        asyncio.gather(*(ingestor.ingest([event]) for event in events), return_exceptions=True), timeout=30
    )
    goods = [outcome for index, outcome in enumerate(outcomes) if index != 30]
    assert all(isinstance(o, list) and isinstance(o[0], Ingested) and o[0].event_id for o in goods), goods
    if app.state.engine.dialect.name == "postgresql":
        assert isinstance(outcomes[30], Exception)
    for index in (0, 29, 31, 59):
        assert (await admin.get(f"/api/profiles/good-{index}")).status_code == 200
