"""Per-node step counters, written in the same transaction as the step logs they summarise."""

from __future__ import annotations

import os
import uuid
import zlib
from collections import Counter

from backend.runtime.states import StepOutcome
from backend.runtime.storage.node_counts import CountKey

SHARDS = 16


def process_shard() -> int:
    """This process's shard: processes on one machine or many rarely share one."""
    return zlib.crc32(f"{os.uname().nodename}:{os.getpid()}".encode()) % SHARDS


class StepCounts(Counter[CountKey]):
    """Changes to the counters made by one transaction's step logs (written by ``storage.node_counts``)."""

    def logged(self, version_id: uuid.UUID, journey_id: uuid.UUID, node_id: str, outcome: str) -> None:
        """A step log row was added with ``outcome``."""
        self[(version_id, journey_id, node_id, outcome)] += 1

    def wait_closed(self, version_id: uuid.UUID, journey_id: uuid.UUID, node_id: str, outcome: str) -> None:
        """An open ``waiting`` step log became ``outcome``."""
        self[(version_id, journey_id, node_id, StepOutcome.WAITING)] -= 1
        self[(version_id, journey_id, node_id, outcome)] += 1
