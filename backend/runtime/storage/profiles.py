"""Statements on profiles: attributes read in bulk, new profiles inserted, changed ones updated, one read."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, select, update

from backend.db.handles import PROFILES
from backend.runtime.storage.database import Tx

# Built once: ingestion runs these on every group commit.
_STORED = select(PROFILES.c.id, PROFILES.c.attributes).where(PROFILES.c.id.in_(bindparam("ids", expanding=True)))
_INSERT = insert(PROFILES)
_ONE = select(PROFILES.c.attributes, PROFILES.c.updated_at).where(PROFILES.c.id == bindparam("id"))


def profile_attributes(tx: Tx, ids: Collection[str]) -> dict[str, dict[str, Any]]:
    """The stored attributes of the profiles that exist (shared dicts: copy before changing)."""
    return {row.id: row.attributes or {} for row in tx.execute(_STORED, {"ids": list(ids)}).all()}


def insert_profiles(tx: Tx, rows: list[dict[str, Any]]) -> None:
    """New profiles: ``id``, ``attributes``, ``updated_at``."""
    tx.execute(_INSERT, rows)


def update_profile(tx: Tx, profile_id: str, attributes: dict[str, Any], now: datetime) -> None:
    """Replace a profile's attributes."""
    tx.execute(update(PROFILES).where(PROFILES.c.id == profile_id).values(attributes=attributes, updated_at=now))


def read_profile(tx: Tx, profile_id: str) -> tuple[dict[str, Any], datetime] | None:
    """A profile's attributes and last change, or None."""
    row = tx.execute(_ONE, {"id": profile_id}).one_or_none()
    return None if row is None else (dict(row.attributes or {}), row.updated_at)
