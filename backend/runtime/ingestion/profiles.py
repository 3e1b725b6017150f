"""The profile store: attributes merged from events and from ``PUT /api/profiles/{id}``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from backend.db.runtime_tables import ProfileRow

_PROFILES = ProfileRow.__table__  # type: ignore[attr-defined]
# Built once: ingestion runs these on every group commit.
_STORED = select(_PROFILES.c.id, _PROFILES.c.attributes).where(_PROFILES.c.id.in_(bindparam("ids", expanding=True)))
_INSERT = insert(_PROFILES)


def merge_profiles(
    connection: Connection, changes: Sequence[tuple[str, dict[str, Any] | None]], now: datetime
) -> dict[str, dict[str, Any]]:
    """Merge each change's attributes into its profile (creating it); returns every profile's attributes.

    Plain (not async): ingestion runs it inside its group commit, see ``backend.db.sync_work``.
    """
    ids = {profile_id for profile_id, _ in changes}
    if not ids:
        return {}
    rows = connection.execute(_STORED, {"ids": list(ids)}).all()
    stored = {row.id: dict(row.attributes or {}) for row in rows}
    merged = {profile_id: dict(stored.get(profile_id, {})) for profile_id in ids}
    changed: set[str] = set()
    for profile_id, attributes in changes:
        if attributes:
            merged[profile_id].update(attributes)
            changed.add(profile_id)
    new = [{"id": i, "attributes": merged[i], "updated_at": now} for i in ids if i not in stored]
    if new:
        connection.execute(_INSERT, new)
    for profile_id in changed - {row["id"] for row in new}:
        statement = update(_PROFILES).where(_PROFILES.c.id == profile_id)
        connection.execute(statement.values(attributes=merged[profile_id], updated_at=now))
    return merged


async def read_profile(connection: AsyncConnection, profile_id: str) -> tuple[dict[str, Any], datetime] | None:
    """A profile's attributes and last change, or None."""
    query = select(_PROFILES.c.attributes, _PROFILES.c.updated_at).where(_PROFILES.c.id == profile_id)
    row = (await connection.execute(query)).one_or_none()
    return None if row is None else (dict(row.attributes or {}), row.updated_at)
