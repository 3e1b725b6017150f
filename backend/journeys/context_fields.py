"""The fixed fields a journey may read besides event fields and profile attributes, with their types.

The field picker offers these (``GET /api/journeys/context-fields``), validation accepts them, and the runtime's
context builder (``backend/runtime/rules/context.py``) puts exactly these in the context (a test holds the two
together). ``journey.instanceId`` exists once an instance does, so an entry filter cannot read it.
"""

from __future__ import annotations

CONTEXT_FIELDS: dict[str, str] = {
    "profile.id": "string",
    "journey.id": "string",
    "journey.versionId": "string",
    "journey.version": "integer",
    "journey.name": "string",
    "journey.instanceId": "string",
}
ENTRY_UNAVAILABLE = frozenset({"journey.instanceId"})
