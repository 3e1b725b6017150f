"""The one evaluation context builder: the same fields for entry filters, conditions, mappings and templates."""

from __future__ import annotations

import uuid

from backend.journeys.context_fields import CONTEXT_FIELDS, ENTRY_UNAVAILABLE
from backend.json_fields import json_type
from backend.runtime.rules.context import evaluation_context, journey_fields, profile_fields

JOURNEY, VERSION = uuid.uuid4(), uuid.uuid4()


def test_the_context_has_event_profile_journey_and_steps() -> None:
    journey = journey_fields(JOURNEY, VERSION, 3, "Welcome")
    profile = profile_fields("p-1", {"tier": "gold"})
    context = evaluation_context(journey, profile, {"total": 5}, {"n1": {"status": "http_200"}}, "instance-1")
    assert context == {
        "event": {"total": 5},
        "profile": {"tier": "gold", "id": "p-1"},
        "journey": {
            "id": str(JOURNEY),
            "versionId": str(VERSION),
            "version": 3,
            "name": "Welcome",
            "instanceId": "instance-1",
        },
        "steps": {"n1": {"status": "http_200"}},
    }
    assert "instanceId" not in journey  # the per-version part is shared, never written to


def test_without_an_instance_there_is_no_instance_id() -> None:
    context = evaluation_context(journey_fields(JOURNEY, VERSION, 1, "J"), profile_fields("p", {}), {}, {})
    assert "instanceId" not in context["journey"]


def test_profile_id_is_the_profiles_own_id() -> None:
    assert profile_fields("p-1", {"id": "from-an-event", "a": 1}) == {"id": "p-1", "a": 1}


def test_the_context_fields_validate_accepts_are_the_ones_the_builders_give() -> None:
    journey = journey_fields(JOURNEY, VERSION, 3, "Welcome")
    context = evaluation_context(journey, profile_fields("p-1", {}), {}, {}, "instance-1")
    given = {f"{part}.{key}": value for part in ("profile", "journey") for key, value in context[part].items()}
    assert set(given) == set(CONTEXT_FIELDS)
    assert {path: json_type(value) for path, value in given.items()} == CONTEXT_FIELDS
    entry = evaluation_context(journey, profile_fields("p-1", {}), {}, {})
    assert {f"journey.{key}" for key in entry["journey"]} == {
        f for f in CONTEXT_FIELDS if f.startswith("journey.")
    } - ENTRY_UNAVAILABLE
