"""What each node type does when an instance reaches it; every handler returns a StepRecord, nothing is written here."""

from __future__ import annotations

import heapq
from datetime import datetime, timedelta
from typing import Any

from backend.actions.request import CallValues
from backend.journeys.definition import (
    ERROR,
    NEXT,
    OTHERWISE,
    SUCCESS,
    ActionNode,
    ConditionNode,
    EndNode,
    EventNode,
    Node,
    WaitNode,
)
from backend.journeys.graph import next_node_id
from backend.runtime.calls.action import CallResult, CallTools, call_action, redacted
from backend.runtime.clock import Clock
from backend.runtime.execution.cache import RuntimeCache, VersionInfo
from backend.runtime.execution.state import Held, StepRecord
from backend.runtime.rules.evaluate import EvaluationError, matches, resolve_mappings
from backend.runtime.states import InstanceStatus, StepOutcome


class StepRunner:
    """Runs one node for one instance with the worker's clock, caches and call tools."""

    def __init__(self, clock: Clock, cache: RuntimeCache, tools: CallTools) -> None:
        self.clock = clock
        self.cache = cache
        self.tools = tools
        self.parked_wakes: list[float] = []  # heap of when calls parked here for their throttling slot come due

    def _record(
        self,
        node: Node,
        outcome: StepOutcome,
        version: VersionInfo,
        handle: str | None,
        *,
        started_at: datetime | None = None,
        detail: dict[str, Any] | None = None,
    ) -> StepRecord:
        """A finished step leaving through ``handle``; no handle means the instance fails here."""
        now = self.clock.now()
        record = StepRecord(node.id, type_of(node), outcome, started_at or now, now, detail=detail or {})
        record.next_node_id = next_node_id(version.definition, node.id, handle) if handle else None
        record.status = InstanceStatus.RUNNING if handle else InstanceStatus.FAILED
        return record

    async def run(self, held: Held, node: Node, version: VersionInfo, context: dict[str, Any]) -> StepRecord:
        """Execute ``node``; failures of evaluation become a failed step with the reason, never an exception."""
        try:
            if isinstance(node, ConditionNode):
                return self._condition(node, version, context)
            if isinstance(node, WaitNode):
                return self._wait(held, node, version)
            if isinstance(node, ActionNode):
                return _closing_park(held, await self._action(held, node, version, context))
        except EvaluationError as exc:
            return _closing_park(held, self._failed(node, version, str(exc)))
        if isinstance(node, EndNode):
            record = self._record(node, StepOutcome.SUCCEEDED, version, None)
            record.status = InstanceStatus.RUNNING  # no next node: the store completes the instance
            return record
        if isinstance(node, EventNode):
            return self._record(node, StepOutcome.SUCCEEDED, version, NEXT)
        return self._failed(node, version, f"node {node.id} has an unknown type")

    def _failed(self, node: Node, version: VersionInfo, reason: str) -> StepRecord:
        record = self._record(node, StepOutcome.FAILED, version, None, detail={"error": reason})
        record.error = reason
        return record

    def _condition(self, node: ConditionNode, version: VersionInfo, context: dict[str, Any]) -> StepRecord:
        for branch in node.branches:
            if matches(branch.when, context):
                return self._record(node, StepOutcome.SUCCEEDED, version, branch.id, detail={"branch": branch.id})
        return self._record(node, StepOutcome.SUCCEEDED, version, OTHERWISE, detail={"branch": OTHERWISE})

    def _wait(self, held: Held, node: WaitNode, version: VersionInfo) -> StepRecord:
        if held.status == InstanceStatus.WAITING and held.node_id == node.id:
            record = self._record(node, StepOutcome.SUCCEEDED, version, NEXT)
            record.resumed_wait = True
            return record
        now = self.clock.now()
        wake = now + timedelta(seconds=node.duration_seconds)
        record = StepRecord(node.id, "wait", StepOutcome.WAITING, now, None, detail={"wakeAt": wake.isoformat()})
        record.status, record.wake_at = InstanceStatus.WAITING, wake
        return record

    def _parked(self, node: ActionNode, started: datetime, result: CallResult) -> StepRecord:
        """The call waits for its throttling slot as a due step (its log row stays open, ``waiting``)."""
        wake = self.clock.now() + timedelta(seconds=result.parked_for)
        record = StepRecord(node.id, "action", StepOutcome.WAITING, started, None, attempts=0, detail=result.detail)
        record.status, record.wake_at = InstanceStatus.WAITING, wake
        heapq.heappush(self.parked_wakes, wake.timestamp())
        return record

    async def _action(self, held: Held, node: ActionNode, version: VersionInfo, context: dict[str, Any]) -> StepRecord:
        started = self.clock.now()
        action = await self.cache.action(node.action_id) if node.action_id else None
        if action is None:
            return self._failed(node, version, f"the custom action of node {node.id} no longer exists")
        values = resolve_mappings(node.mappings, context)
        call_values = CallValues(
            headers=values.get("headers", {}),
            query_parameters=values.get("queryParameters", {}),
            payload=values.get("payload", {}),
            path_parameters=values.get("pathParameters", {}),
        )
        assert node.action_id is not None
        # Only a throttling slot parks an instance at an action node; resuming there means that slot has come.
        resumed = held.status == InstanceStatus.WAITING and held.node_id == node.id
        key = f"{held.id}:{node.id}"
        result = await call_action(self.tools, node.action_id, action, call_values, key, slot_taken=resumed)
        result = redacted(self.tools, result, node.action_id, action)  # before anything of it is stored or logged
        if result.outcome == StepOutcome.WAITING:
            return self._parked(node, started, result)
        handle = SUCCESS if result.ok else ERROR if node.error_path else None
        record = self._record(node, result.outcome, version, handle, started_at=started, detail=result.detail)
        record.attempts = result.attempts
        record.step_data = {"status": result.status, "response": result.response}
        if handle is None:
            record.status, record.error = (
                InstanceStatus.FAILED,
                f"{node.name or node.id}: {result.error or result.status}",
            )
        return record


def _closing_park(held: Held, record: StepRecord) -> StepRecord:
    """An action step that ends after its instance was parked there (throttling) closes that open log row."""
    record.resumed_wait = (
        record.outcome != StepOutcome.WAITING
        and held.status == InstanceStatus.WAITING
        and held.node_id == record.node_id
    )
    return record


def type_of(node: Node) -> str:
    """The node's type name as the step log and the stats record it."""
    return type(node).__struct_config__.tag  # type: ignore[return-value]
