"""Statements on event types as ingestion reads them: a change stamp, and every type's fields."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, func, select

from backend.db.handles import EVENT_TYPES
from backend.runtime.storage.database import Tx

_STAMP = select(func.count(), func.max(EVENT_TYPES.c.updated_at)).select_from(EVENT_TYPES)
_ALL = select(EVENT_TYPES.c.id, EVENT_TYPES.c.name_key, EVENT_TYPES.c.fields)


def event_types_stamp(tx: Tx) -> tuple[Any, ...]:
    """Row count and latest ``updated_at``: every create, edit and delete changes one of them."""
    return tuple(tx.execute(_STAMP).one())


def event_types(tx: Tx) -> Sequence[Row[uuid.UUID, str, Any]]:
    """``(id, name_key, fields)`` of every event type."""
    return tx.execute(_ALL).all()
