"""The event types ingestion validates against, re-read only when the table changed."""

from __future__ import annotations

from typing import Any

from backend.runtime.storage.database import Tx
from backend.runtime.storage.event_types import event_types, event_types_stamp


class EventTypeCatalog:
    """Event types keyed by name key and by id text, checked against the table on every flush.

    Every create, edit and delete changes the row count or the latest ``updated_at``, so one aggregate query
    per flush tells whether the copy is current; an edit takes effect with the next flush, as before. (An edit
    stamped earlier than the latest change, i.e. a clock stepped back, would go unseen until the next change.)
    """

    def __init__(self) -> None:
        self._stamp: tuple[Any, ...] | None = None
        self._types: dict[str, dict[str, Any]] = {}

    def current(self, tx: Tx) -> dict[str, dict[str, Any]]:
        """``{name_key or id text: {"id", "fields"}}`` as the database has them now."""
        stamp = event_types_stamp(tx)
        if stamp != self._stamp:
            found: dict[str, dict[str, Any]] = {}
            for row in event_types(tx):
                info = {"id": row.id, "fields": row.fields or []}
                found[row.name_key] = info
                found[str(row.id)] = info
            self._types, self._stamp = found, stamp
        return self._types
