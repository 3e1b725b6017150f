"""The engine over time: durable waits (hand-moved clock), conditions, stop/close, leases, housekeeping, overload."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from litestar import Litestar

from backend.config import Settings
from backend.runtime.clock import ManualClock
from backend.runtime.execution.state import StepRecord
from backend.runtime.ingestion.overload import REFRESH_SECONDS
from backend.runtime.observe.housekeeping import prune
from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD, Client, sign_in
from tests.fake_third_party import FakeThirdParty
from tests.integration.runtime_support import (
    edge,
    instance,
    make_action,
    make_event_type,
    make_worker,
    node,
    publish,
    runtime_of,
    send,
)


def _straight_to_the_end(event_type_id: str) -> dict[str, Any]:
    """event -> end."""
    return {
        "nodes": [node("start", "event", eventTypeId=event_type_id), node("done", "end")],
        "edges": [edge("start", "done")],
    }


def _wait_journey(event_type_id: str, seconds: int = 3600) -> dict[str, Any]:
    """event -> condition (total > 100 ? big : otherwise) -> wait -> end."""
    big = {"match": "all", "rules": [{"field": "event.order.total", "operator": "greaterThan", "value": 100}]}
    return {
        "nodes": [
            node("start", "event", eventTypeId=event_type_id),
            node("check", "condition", branches=[{"id": "big", "when": big}]),
            node("pause", "wait", durationSeconds=seconds),
            node("big-end", "end"),
            node("done", "end"),
        ],
        "edges": [
            edge("start", "check"),
            edge("check", "big-end", "big"),
            edge("check", "pause", "otherwise"),
            edge("pause", "done"),
        ],
    }


async def test_wait_resumes_when_due_and_conditions_branch(
    app: Litestar, clock: ManualClock, settings: Settings, admin: Client
) -> None:
    event_type = await make_event_type(admin)
    journey_id = await publish(admin, _wait_journey(event_type["id"]))
    worker = make_worker(app, settings, clock)
    try:
        waiting_id = (await send(admin, "small")).json()["instances"][0]
        big_id = (await send(admin, "big", data={"order": {"id": "o", "total": 500.0}})).json()["instances"][0]
        await worker.run_until_idle()
        assert (await instance(admin, big_id))["steps"][-1]["nodeId"] == "big-end"
        waiting = await instance(admin, waiting_id)
        assert (waiting["status"], waiting["currentNodeId"]) == ("waiting", "pause")
        stats = {n["nodeId"]: n for n in (await admin.get(f"/api/journeys/{journey_id}/stats")).json()["nodes"]}
        assert (stats["pause"]["entered"], stats["pause"]["waiting"]) == (1, 1)
        clock.advance(3599)
        assert await worker.run_until_idle() == 0
        clock.advance(2)
        assert await worker.run_until_idle() == 1
        done = await instance(admin, waiting_id)
        assert done["status"] == "completed"
        assert [s["nodeId"] for s in done["steps"]] == ["start", "check", "pause", "done"]
        stats = {n["nodeId"]: n for n in (await admin.get(f"/api/journeys/{journey_id}/stats")).json()["nodes"]}
        assert (stats["pause"]["entered"], stats["pause"]["waiting"], stats["pause"]["succeeded"]) == (1, 0, 1)
        assert (await admin.get(f"/api/journeys/{journey_id}/stats", params={"version": 1})).status_code == 200
        assert (await admin.get(f"/api/journeys/{journey_id}/stats", params={"version": 9})).status_code == 404
    finally:
        await worker.close()


async def test_stop_exits_instances_and_close_lets_them_finish(
    app: Litestar, clock: ManualClock, settings: Settings, admin: Client
) -> None:
    event_type = await make_event_type(admin)
    worker = make_worker(app, settings, clock)
    try:
        closing = await publish(admin, _wait_journey(event_type["id"]))
        kept = (await send(admin, "a")).json()["instances"][0]
        await worker.run_until_idle()
        assert (await admin.post(f"/api/journeys/{closing}/close")).status_code == 200
        assert (await send(admin, "b")).json()["instances"] == []  # closed: no new entries
        clock.advance(3601)
        await worker.run_until_idle()
        assert (await instance(admin, kept))["status"] == "completed"

        stopping = await publish(admin, _wait_journey(event_type["id"]))
        stopped = (await send(admin, "c")).json()["instances"][0]
        await worker.run_until_idle()
        assert (await admin.post(f"/api/journeys/{stopping}/stop")).status_code == 200
        await prune(runtime_of(app).storage, clock, 30)  # makes waiting instances of stopped journeys due now
        await worker.run_until_idle()
        found = await instance(admin, stopped)
        assert (found["status"], found["error"]) == ("stopped", "the journey was stopped")
        listed = (await admin.get("/api/instances", params={"journeyId": stopping, "status": "stopped"})).json()
        assert [i["id"] for i in listed] == [stopped]
    finally:
        await worker.close()


async def test_an_expired_lease_is_taken_over(
    app: Litestar, clock: ManualClock, settings: Settings, admin: Client
) -> None:
    event_type = await make_event_type(admin)
    await publish(admin, _wait_journey(event_type["id"]))
    first = make_worker(app, settings, clock, lease_seconds=30)
    second = make_worker(app, settings, clock, lease_seconds=30)
    try:
        instance_id = (await send(admin)).json()["instances"][0]
        claimed = await first.store.claim(10)  # the first worker "dies" holding the lease
        assert [str(h.id) for h in claimed] == [instance_id]
        assert await second.run_until_idle() == 0
        clock.advance(31)
        assert await second.run_until_idle() == 1
        assert (await instance(admin, instance_id))["status"] == "waiting"
        assert not await first.store.persist(claimed[0], [_noop_step()])  # fenced: the old owner cannot write
    finally:
        await first.close()
        await second.close()


def _noop_step() -> StepRecord:
    now = datetime.now(UTC)
    return StepRecord("check", "condition", "succeeded", now, now, next_node_id="pause")


async def test_housekeeping_prunes_old_finished_instances(
    app: Litestar, clock: ManualClock, settings: Settings, admin: Client
) -> None:
    event_type = await make_event_type(admin)
    journey_id = await publish(admin, _straight_to_the_end(event_type["id"]))
    worker = make_worker(app, settings, clock)
    try:
        instance_id = (await send(admin)).json()["instances"][0]
        await worker.run_until_idle()
        stats_before = (await admin.get(f"/api/journeys/{journey_id}/stats")).json()
        clock.advance(29 * 86_400)
        assert await prune(runtime_of(app).storage, clock, 30) == 0
        clock.advance(2 * 86_400)
        assert await prune(runtime_of(app).storage, clock, 30) == 1
        await sign_in(admin, ADMIN_EMAIL, ADMIN_PASSWORD)  # expired sessions went too (31 days on)
        assert (await admin.get(f"/api/instances/{instance_id}")).status_code == 404
        # The counts are kept in node counters, so pruning history does not make them shrink.
        assert (await admin.get(f"/api/journeys/{journey_id}/stats")).json() == stats_before
        assert {n["nodeId"]: n["entered"] for n in stats_before["nodes"]} == {"start": 1, "done": 1}
    finally:
        await worker.close()


async def test_pruning_goes_in_chunks_until_everything_old_is_gone(
    app: Litestar, clock: ManualClock, settings: Settings, admin: Client
) -> None:
    event_type = await make_event_type(admin)
    await publish(admin, _straight_to_the_end(event_type["id"]))
    worker = make_worker(app, settings, clock)
    try:
        for profile in ("p-1", "p-2", "p-3", "p-4", "p-5"):
            assert (await send(admin, profile)).status_code == 202
        await worker.run_until_idle()
        clock.advance(31 * 86_400)
        assert await prune(runtime_of(app).storage, clock, 30, chunk=2) == 5
        await sign_in(admin, ADMIN_EMAIL, ADMIN_PASSWORD)  # the session expired with the rest
        assert (await admin.get("/api/instances")).json() == []
        assert await prune(runtime_of(app).storage, clock, 30, chunk=2) == 0
    finally:
        await worker.close()


@pytest.mark.settings(max_due_backlog=2)
async def test_overload_answers_429_and_keeps_what_was_accepted(clock: ManualClock, admin: Client) -> None:
    event_type = await make_event_type(admin)
    await publish(admin, _wait_journey(event_type["id"]))
    accepted = [(await send(admin, f"p{i}")).json()["instances"][0] for i in range(2)]
    assert (await send(admin, "p8")).status_code == 202  # the backlog counted before these two still holds
    clock.advance(REFRESH_SECONDS)  # counted afresh on the hand-moved clock: three due now
    refused = await send(admin, "p9")
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "5"
    for instance_id in accepted:
        assert (await instance(admin, instance_id))["status"] == "running"


async def test_missing_field_fails_the_instance_with_the_reason(
    app: Litestar, clock: ManualClock, settings: Settings, admin: Client
) -> None:
    event_type = await make_event_type(admin)
    with FakeThirdParty() as api:
        action = await make_action(admin, api.url + "/hook")
        mapping = {"payload": {"orderId": {"source": "field", "field": "profile.customerId"}}}
        definition = {
            "nodes": [
                node("start", "event", eventTypeId=event_type["id"]),
                node("call", "action", actionId=action["id"], mappings=mapping),
                node("done", "end"),
            ],
            "edges": [edge("start", "call"), edge("call", "done", "success")],
        }
        await publish(admin, definition)
        worker = make_worker(app, settings, clock)
        try:
            instance_id = (await send(admin)).json()["instances"][0]
            await worker.run_until_idle()
        finally:
            await worker.close()
        assert api.requests_to("/hook") == []
    found = await instance(admin, instance_id)
    assert found["status"] == "failed"
    assert "customerId" in found["error"]
    assert found["steps"][-1]["outcome"] == "failed"
