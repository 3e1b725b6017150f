"""Ingestion's per-process shortcuts stay exact: live versions, batched caller lookups, overload counting."""

from __future__ import annotations

import asyncio

import pytest
from prometheus_client import REGISTRY

from tests.conftest import Client
from tests.integration.runtime_support import edge, instance, make_event_type, node, publish, send


def _end_journey(event_type_id: str) -> dict[str, object]:
    return {
        "nodes": [node("start", "event", eventTypeId=event_type_id), node("done", "end")],
        "edges": [edge("start", "done")],
    }


async def test_publish_close_and_new_version_take_effect_on_the_next_event(admin: Client) -> None:
    event_type = await make_event_type(admin)
    assert (await send(admin, profile_id="before")).json()["instances"] == []
    journey_id = await publish(admin, _end_journey(event_type["id"]))
    first = (await send(admin, profile_id="a")).json()["instances"]
    assert len(first) == 1
    assert (await admin.post(f"/api/journeys/{journey_id}/versions")).status_code == 201
    assert (await admin.post(f"/api/journeys/{journey_id}/publish")).status_code == 200
    second = (await send(admin, profile_id="b")).json()["instances"]
    assert len(second) == 1
    versions = [(await instance(admin, i))["versionId"] for i in (first[0], second[0])]
    assert versions[0] != versions[1]
    assert (await admin.post(f"/api/journeys/{journey_id}/close")).status_code == 200
    assert (await send(admin, profile_id="c")).json()["instances"] == []


async def test_concurrent_callers_are_resolved_together_and_revocation_applies_at_once(admin: Client) -> None:
    await make_event_type(admin)
    created = await admin.post("/api/tokens", json={"name": "load"})
    token = created.json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    body = {"type": "order placed", "profileId": "p", "data": {}}
    answers = await asyncio.gather(*(admin.post("/api/events", json=body, headers=headers) for _ in range(20)))
    assert {a.status_code for a in answers} == {202}
    wrong = await admin.post("/api/events", json=body, headers={"Authorization": "Bearer jbt_wrong"})
    assert wrong.status_code == 401
    assert (await admin.delete(f"/api/tokens/{created.json()['id']}")).status_code in (200, 204)
    assert (await admin.post("/api/events", json=body, headers=headers)).status_code == 401


@pytest.mark.settings(max_due_backlog=0)
async def test_refused_for_overload_counts_as_rejected(admin: Client) -> None:
    await make_event_type(admin)
    before = _overloaded()
    assert (await send(admin)).status_code == 429
    assert _overloaded() == before + 1


def _overloaded() -> float:
    return REGISTRY.get_sample_value("journeys_events_rejected_total", {"reason": "overloaded"}) or 0.0
