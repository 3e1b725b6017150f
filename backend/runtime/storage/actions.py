"""Statements on custom actions as workers read them: change stamps, and whole rows of the changed ones."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import select

from backend.db.handles import ACTIONS
from backend.runtime.storage.database import AnyRow, Tx


def action_stamps(tx: Tx, ids: Collection[uuid.UUID]) -> dict[uuid.UUID, datetime]:
    """``updated_at`` of each action that still exists."""
    query = select(ACTIONS.c.id, ACTIONS.c.updated_at).where(ACTIONS.c.id.in_(list(ids)))
    return {row.id: row.updated_at for row in tx.execute(query)}


def action_rows(tx: Tx, ids: Collection[uuid.UUID]) -> Sequence[AnyRow]:
    """Whole action rows (secrets still sealed: ``backend.actions.convert`` opens them)."""
    return tx.execute(select(ACTIONS).where(ACTIONS.c.id.in_(list(ids)))).all()
