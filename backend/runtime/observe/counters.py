"""Per-node step counters, written in the same transaction as the step logs they summarise."""

from __future__ import annotations

import os
import uuid
import zlib
from collections import Counter
from typing import Any

from sqlalchemy import Connection

from backend.db.runtime_tables import NodeCountRow
from backend.db.upsert import insert_for
from backend.runtime.states import StepOutcome

NODE_COUNTS = NodeCountRow.__table__  # type: ignore[attr-defined]
SHARDS = 16
# version, journey, node, outcome
CountKey = tuple[uuid.UUID, uuid.UUID, str, str]


def process_shard() -> int:
    """This process's shard: processes on one machine or many rarely share one."""
    return zlib.crc32(f"{os.uname().nodename}:{os.getpid()}".encode()) % SHARDS


class StepCounts(Counter[CountKey]):
    """Changes to the counters made by one transaction's step logs."""

    def logged(self, version_id: uuid.UUID, journey_id: uuid.UUID, node_id: str, outcome: str) -> None:
        """A step log row was added with ``outcome``."""
        self[(version_id, journey_id, node_id, outcome)] += 1

    def wait_closed(self, version_id: uuid.UUID, journey_id: uuid.UUID, node_id: str, outcome: str) -> None:
        """An open ``waiting`` step log became ``outcome``."""
        self[(version_id, journey_id, node_id, StepOutcome.WAITING)] -= 1
        self[(version_id, journey_id, node_id, outcome)] += 1


def _upsert(dialect: str) -> Any:
    statement = insert_for(dialect, NODE_COUNTS)
    return statement.on_conflict_do_update(
        index_elements=[NODE_COUNTS.c.version_id, NODE_COUNTS.c.node_id, NODE_COUNTS.c.outcome, NODE_COUNTS.c.shard],
        set_={"count": NODE_COUNTS.c.count + statement.excluded.count},
    )


_UPSERTS = {dialect: _upsert(dialect) for dialect in ("sqlite", "postgresql")}


def write_counts(connection: Connection, counts: StepCounts, shard: int) -> None:
    """Add the changes to this shard's rows (in key order, so concurrent writers lock rows in one order)."""
    rows = [
        {"version_id": v, "journey_id": j, "node_id": n, "outcome": o, "shard": shard, "count": delta}
        for (v, j, n, o), delta in sorted(counts.items(), key=lambda item: (str(item[0][0]), *item[0][2:]))
        if delta
    ]
    if rows:
        connection.execute(_UPSERTS[connection.dialect.name], rows)
