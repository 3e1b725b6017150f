"""The instance state machine: every legal move passes, every other one is refused, the database agrees."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime

import pytest

from backend.db.runtime_tables import INSTANCE_STATUSES, STEP_OUTCOMES
from backend.runtime.execution.state import Held, StepRecord
from backend.runtime.execution.store import advance
from backend.runtime.states import (
    IllegalTransitionError,
    InstanceStatus,
    StepOutcome,
    allowed_transitions,
    transition,
)

S = InstanceStatus
# Written out by hand, so a change to the table in ``states.py`` has to be made here too.
ALLOWED = {
    (S.RUNNING, S.RUNNING),  # on to the next node
    (S.RUNNING, S.WAITING),  # a wait node, or a call parked for its throttling slot
    (S.RUNNING, S.COMPLETED),
    (S.RUNNING, S.FAILED),
    (S.RUNNING, S.STOPPED),
    (S.WAITING, S.RUNNING),  # the wait is over, or the parked call's slot has come
    (S.WAITING, S.COMPLETED),  # a wait that was the last node
    (S.WAITING, S.FAILED),
    (S.WAITING, S.STOPPED),
}
PAIRS = list(itertools.product(InstanceStatus, repeat=2))


@pytest.mark.parametrize(("current", "target"), sorted(ALLOWED), ids=[f"{a}->{b}" for a, b in sorted(ALLOWED)])
def test_allowed_transitions_pass(current: InstanceStatus, target: InstanceStatus) -> None:
    assert transition(current, target) is target


REFUSED = [pair for pair in PAIRS if pair not in ALLOWED]


@pytest.mark.parametrize(("current", "target"), REFUSED, ids=[f"{a}->{b}" for a, b in REFUSED])
def test_every_other_transition_is_refused(current: InstanceStatus, target: InstanceStatus) -> None:
    with pytest.raises(IllegalTransitionError):
        transition(current, target)


def test_the_table_is_the_one_tested() -> None:
    assert allowed_transitions() == ALLOWED
    assert len(REFUSED) == len(PAIRS) - len(ALLOWED)


def test_statuses_are_the_strings_stored_and_answered() -> None:
    assert [str(s) for s in InstanceStatus] == list(INSTANCE_STATUSES)
    assert [str(o) for o in StepOutcome] == list(STEP_OUTCOMES)
    assert InstanceStatus.WAITING == "waiting"
    assert StepOutcome.TIMED_OUT == "timedOut"


def test_a_finished_instance_is_not_advanced_again() -> None:
    held = Held(uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), "p-1", S.COMPLETED, None, {})
    now = datetime(2026, 1, 1, tzinfo=UTC)
    step = StepRecord("n1", "wait", StepOutcome.WAITING, now, None, status=S.WAITING)
    with pytest.raises(IllegalTransitionError, match="'completed' to 'waiting'"):
        advance(held, step)
    assert held.status is S.COMPLETED


def test_the_last_step_completes_a_running_instance() -> None:
    held = Held(uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), "p-1", S.RUNNING, "done", {})
    now = datetime(2026, 1, 1, tzinfo=UTC)
    step = StepRecord("done", "end", StepOutcome.SUCCEEDED, now, now)
    advance(held, step)
    assert (held.status, step.status) == (S.COMPLETED, S.COMPLETED)
