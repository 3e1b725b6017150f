"""What the engine reads often and rarely changes: published definitions (immutable) and actions (short TTL)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any

import msgspec
from sqlalchemy import Connection, select

from backend.actions.convert import stored_action
from backend.actions.schemas import ActionInput
from backend.db.journey_tables import JourneyRow, JourneyVersionRow
from backend.db.sync_work import SyncTransactions
from backend.db.tables import CustomActionRow
from backend.journeys.definition import ActionNode, Definition, Node
from backend.runtime.rules.context import journey_fields

_VERSIONS = JourneyVersionRow.__table__  # type: ignore[attr-defined]
_JOURNEYS = JourneyRow.__table__  # type: ignore[attr-defined]
_ACTIONS = CustomActionRow.__table__  # type: ignore[attr-defined]


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

    def __init__(self, transactions: SyncTransactions, secret_key: str) -> None:
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

    def _load_versions(self, connection: Connection, wanted: set[uuid.UUID]) -> None:
        missing = [i for i in wanted if i not in self._versions]
        if missing:
            query = (
                select(_VERSIONS, _JOURNEYS.c.name.label("journey_name"))
                .join(_JOURNEYS, _JOURNEYS.c.id == _VERSIONS.c.journey_id)
                .where(_VERSIONS.c.id.in_(missing))
            )
            for row in connection.execute(query).all():
                definition = msgspec.convert(row.definition, Definition)
                nodes = {n.id: n for n in definition.nodes}
                self._versions[row.id] = VersionInfo(
                    row.id, row.journey_id, row.journey_name, row.version, definition, nodes, row.status
                )
        query = select(_VERSIONS.c.id, _VERSIONS.c.status).where(_VERSIONS.c.id.in_(wanted))
        for version_id, status in connection.execute(query).all():
            if version_id in self._versions:
                self._versions[version_id].status = status
        actions = {a for i in wanted if i in self._versions for a in self._versions[i].action_ids}
        if actions:
            self._load_actions(connection, actions)

    def _load_actions(self, connection: Connection, wanted: set[uuid.UUID]) -> None:
        query = select(_ACTIONS.c.id, _ACTIONS.c.updated_at).where(_ACTIONS.c.id.in_(wanted))
        stamps: dict[uuid.UUID, datetime] = {row.id: row.updated_at for row in connection.execute(query)}
        for deleted in wanted - stamps.keys():
            self._actions[deleted] = (None, None)
        stale = [i for i, at in stamps.items() if i not in self._actions or self._actions[i][0] != at]
        if stale:
            for row in connection.execute(select(_ACTIONS).where(_ACTIONS.c.id.in_(stale))).all():
                self._actions[row.id] = (row.updated_at, stored_action(row, self._secret_key))

    async def action(self, action_id: uuid.UUID) -> ActionInput | None:
        """The action (secrets decrypted) as of the last ``versions`` call that named it; None when deleted."""
        if action_id not in self._actions:
            await self._transactions.read(self._load_actions, {action_id})
        return self._actions.get(action_id, (None, None))[1]
