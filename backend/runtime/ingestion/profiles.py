"""The profile store: attributes merged from events and from ``PUT /api/profiles/{id}``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from backend.runtime.storage.database import Tx
from backend.runtime.storage.profiles import insert_profiles, profile_attributes, update_profile


def merge_profiles(
    tx: Tx, changes: Sequence[tuple[str, dict[str, Any] | None]], now: datetime
) -> dict[str, dict[str, Any]]:
    """Merge each change's attributes into its profile (creating it); returns every profile's attributes.

    Plain (not async): ingestion runs it inside its group commit, see ``backend.runtime.storage.events``.
    """
    ids = {profile_id for profile_id, _ in changes}
    if not ids:
        return {}
    stored = profile_attributes(tx, ids)
    merged = {profile_id: dict(stored.get(profile_id, {})) for profile_id in ids}
    changed: set[str] = set()
    for profile_id, attributes in changes:
        if attributes:
            merged[profile_id].update(attributes)
            changed.add(profile_id)
    new = [{"id": i, "attributes": merged[i], "updated_at": now} for i in ids if i not in stored]
    if new:
        insert_profiles(tx, new)
    for profile_id in changed - {row["id"] for row in new}:
        update_profile(tx, profile_id, merged[profile_id], now)
    return merged
