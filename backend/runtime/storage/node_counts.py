"""The per-node counters' one statement: add a transaction's changes to this process's shard rows."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from backend.db.handles import NODE_COUNTS
from backend.db.upsert import insert_for
from backend.runtime.storage.database import Tx

CountKey = tuple[uuid.UUID, uuid.UUID, str, str]
"""version, journey, node, outcome"""


def _upsert(dialect: str) -> Any:
    statement = insert_for(dialect, NODE_COUNTS)
    return statement.on_conflict_do_update(
        index_elements=[NODE_COUNTS.c.version_id, NODE_COUNTS.c.node_id, NODE_COUNTS.c.outcome, NODE_COUNTS.c.shard],
        set_={"count": NODE_COUNTS.c.count + statement.excluded.count},
    )


_UPSERTS = {dialect: _upsert(dialect) for dialect in ("sqlite", "postgresql")}


def write_counts(tx: Tx, counts: Mapping[CountKey, int], shard: int) -> None:
    """Add the changes to this shard's rows (in key order, so concurrent writers lock rows in one order)."""
    rows = [
        {"version_id": v, "journey_id": j, "node_id": n, "outcome": o, "shard": shard, "count": delta}
        for (v, j, n, o), delta in sorted(counts.items(), key=lambda item: (str(item[0][0]), *item[0][2:]))
        if delta
    ]
    if rows:
        tx.execute(_UPSERTS[tx.dialect.name], rows)
