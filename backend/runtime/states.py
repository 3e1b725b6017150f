"""The instance state machine: every status an instance or a step can have, and the moves between them.

Statuses are ``StrEnum`` members, so they are stored and answered as the same plain strings as before; the
database refuses any other value (CHECK constraints, migration 0007). ``transition`` is the one place that
decides whether an instance may move from one status to another.
"""

from __future__ import annotations

from enum import StrEnum


class InstanceStatus(StrEnum):
    """Where an instance stands in its journey."""

    RUNNING = "running"  # due or held by a worker, stepping through nodes
    WAITING = "waiting"  # at a wait node, or at an action parked until its throttling slot
    COMPLETED = "completed"  # reached a node with no way on
    FAILED = "failed"  # a step failed without an error path, or the version or node went away
    STOPPED = "stopped"  # its journey was stopped


class StepOutcome(StrEnum):
    """How one step ended, as the step log and the per-node counters record it."""

    SUCCEEDED = "succeeded"
    FAILED = "failed"
    WAITING = "waiting"  # still open: a wait, or a call parked for its throttling slot
    CAPPED = "capped"
    TIMED_OUT = "timedOut"
    STOPPED = "stopped"  # an open wait closed because the journey was stopped


class CallStatus(StrEnum):
    """``steps.<nodeId>.status`` of a call that got no HTTP answer (an answer is ``http_<code>``)."""

    TIMED_OUT = "timedout"
    CAPPED = "capped"
    THROTTLED = "throttled"
    ERROR = "error"
    WAITING = "waiting"


ACTIVE_STATUSES = (InstanceStatus.RUNNING, InstanceStatus.WAITING)
FINISHED_STATUSES = (InstanceStatus.COMPLETED, InstanceStatus.FAILED, InstanceStatus.STOPPED)
# Instances start ``running`` (or ``completed`` when the entry node leads nowhere); finished ones never move.
_ALLOWED: dict[InstanceStatus, frozenset[InstanceStatus]] = {
    # running -> running: the instance moved on to its next node
    InstanceStatus.RUNNING: frozenset(InstanceStatus),
    # a wait ends (or a parked call goes) and the instance runs on, completes there, fails or is stopped
    InstanceStatus.WAITING: frozenset(InstanceStatus) - {InstanceStatus.WAITING},
    InstanceStatus.COMPLETED: frozenset(),
    InstanceStatus.FAILED: frozenset(),
    InstanceStatus.STOPPED: frozenset(),
}


_BY_VALUE = {status.value: status for status in InstanceStatus}


def instance_status(value: str) -> InstanceStatus:
    """The status a stored value names (a dict lookup: claims parse one per instance)."""
    return _BY_VALUE[value]


class IllegalTransitionError(ValueError):
    """An instance was asked to move between two statuses the state machine does not connect."""

    def __init__(self, current: str, target: str) -> None:
        super().__init__(f"an instance cannot go from {str(current)!r} to {str(target)!r}")
        self.current = current
        self.target = target


def transition(current: InstanceStatus, target: InstanceStatus) -> InstanceStatus:
    """``target`` when an instance may move there from ``current``; raises ``IllegalTransitionError`` otherwise."""
    if target not in _ALLOWED.get(current, ()):
        raise IllegalTransitionError(current, target)
    return target


def allowed_transitions() -> frozenset[tuple[InstanceStatus, InstanceStatus]]:
    """Every legal (from, to) move, for tests and documentation."""
    return frozenset((current, target) for current, targets in _ALLOWED.items() for target in targets)
