"""The evaluation context: what entry filters, conditions, mappings and templates may read, built in one place.

``event`` is the entry event's data, ``profile`` the profile's attributes plus its ``id``, ``journey`` the
journey and version (``instanceId`` once an instance exists) and ``steps`` what earlier action steps stored.
The ``journey`` part is built once per version and shared, so a step only adds its instance id. The fixed
fields these builders give are listed in ``backend/journeys/context_fields.py`` (validation reads that list).
"""

from __future__ import annotations

import uuid
from typing import Any


def journey_fields(journey_id: uuid.UUID, version_id: uuid.UUID, version: int, name: str) -> dict[str, Any]:
    """``journey.*`` of one version, without the instance id (callers build it once per version)."""
    return {"id": str(journey_id), "versionId": str(version_id), "version": version, "name": name}


def profile_fields(profile_id: str, attributes: dict[str, Any]) -> dict[str, Any]:
    """``profile.*``: the stored attributes, and ``id`` the profile's own id (an attribute of that name is hidden)."""
    return {**attributes, "id": profile_id}


def evaluation_context(
    journey: dict[str, Any],
    profile: dict[str, Any],
    event: dict[str, Any],
    steps: dict[str, Any],
    instance_id: str | None = None,
) -> dict[str, Any]:
    """The context one evaluation reads; ``journey`` and ``profile`` come from the two builders above."""
    if instance_id is not None:
        journey = {**journey, "instanceId": instance_id}
    return {"event": event, "profile": profile, "journey": journey, "steps": steps}
