"""What the engine reads often and rarely changes: published definitions (immutable) and actions (short TTL)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any

import msgspec

from backend.actions.convert import stored_action
from backend.actions.schemas import ActionInput
from backend.journeys.definition import ActionNode, Definition, Node
from backend.runtime.rules.context import journey_fields
from backend.runtime.storage.actions import action_rows, action_stamps
from backend.runtime.storage.database import Transactions, Tx
from backend.runtime.storage.journeys import version_statuses, versions_with_names


@dataclass
class VersionInfo:
    """A journey version as the engine runs it; ``status`` is refreshed on every claim."""

    id: uuid.UUID
    journey_id: uuid.UUID
    journey_name: str
    version: int
    definition: Definition
    nodes: dict[str, Node]
    status: str

    @cached_property
    def action_ids(self) -> frozenset[uuid.UUID]:
        """The actions this version's nodes call."""
        return frozenset(
            node.action_id for node in self.definition.nodes if isinstance(node, ActionNode) and node.action_id
        )

    @cached_property
    def journey_fields(self) -> dict[str, Any]:
        """``journey.*`` of the evaluation context, minus the instance id (built once, read by every step)."""
        return journey_fields(self.journey_id, self.id, self.version, self.journey_name)


class RuntimeCache:
    """Per-process cache of versions and actions, read through one engine."""

    def __init__(self, transactions: Transactions, secret_key: str) -> None:
        self._transactions = transactions
        self._secret_key = secret_key
        self._versions: dict[uuid.UUID, VersionInfo] = {}
        self._actions: dict[uuid.UUID, tuple[datetime | None, ActionInput | None]] = {}  # id -> (updated_at, action)

    async def versions(self, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, VersionInfo]:
        """The versions by id, with their current status and the actions they call as they are now.

        Definitions are loaded once; actions are checked against their ``updated_at`` on every call (one row
        per action; full rows, with their secrets decrypted, only when changed), so an edited action applies
        from the next claimed batch on.
        """
        wanted = set(ids)
        if not wanted:
            return {}
        await self._transactions.read(self._load_versions, wanted)
        return {i: self._versions[i] for i in wanted if i in self._versions}

    def _load_versions(self, tx: Tx, wanted: set[uuid.UUID]) -> None:
        missing = [i for i in wanted if i not in self._versions]
        if missing:
            for row in versions_with_names(tx, missing):
                definition = msgspec.convert(row.definition, Definition)
                nodes = {n.id: n for n in definition.nodes}
                self._versions[row.id] = VersionInfo(
                    row.id, row.journey_id, row.journey_name, row.version, definition, nodes, row.status
                )
        for version_id, status in version_statuses(tx, wanted):
            if version_id in self._versions:
                self._versions[version_id].status = status
        actions = {a for i in wanted if i in self._versions for a in self._versions[i].action_ids}
        if actions:
            self._load_actions(tx, actions)

    def _load_actions(self, tx: Tx, wanted: set[uuid.UUID]) -> None:
        stamps = action_stamps(tx, wanted)
        for deleted in wanted - stamps.keys():
            self._actions[deleted] = (None, None)
        stale = [i for i, at in stamps.items() if i not in self._actions or self._actions[i][0] != at]
        if stale:
            for row in action_rows(tx, stale):
                self._actions[row.id] = (row.updated_at, stored_action(row, self._secret_key))

    async def action(self, action_id: uuid.UUID) -> ActionInput | None:
        """The action (secrets decrypted) as of the last ``versions`` call that named it; None when deleted."""
        if action_id not in self._actions:
            await self._transactions.read(self._load_actions, {action_id})
        return self._actions.get(action_id, (None, None))[1]
