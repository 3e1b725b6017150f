"""status checks: the database refuses instance statuses and step outcomes the state machine does not know

The runtime's statuses are enums with one ``transition()`` (``backend.runtime.states``); these CHECK
constraints make a bad value a refused write instead of an instance no worker and no screen understands.
The values are spelled out (a migration must not change when the code does). SQLite cannot add a
constraint to a table, so batch mode copies each table once.

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0005"  # re-pointed at 0006 when the branch adding it is merged
branch_labels = None
depends_on = None

_INSTANCE_STATUSES = "status IN ('running', 'waiting', 'completed', 'failed', 'stopped')"
_STEP_OUTCOMES = "outcome IN ('succeeded', 'failed', 'waiting', 'capped', 'timedOut', 'stopped')"


def upgrade() -> None:
    with op.batch_alter_table("journey_instances", schema=None) as batch_op:
        batch_op.create_check_constraint("ck_journey_instances_status", _INSTANCE_STATUSES)
    with op.batch_alter_table("step_logs", schema=None) as batch_op:
        batch_op.create_check_constraint("ck_step_logs_outcome", _STEP_OUTCOMES)


def downgrade() -> None:
    with op.batch_alter_table("step_logs", schema=None) as batch_op:
        batch_op.drop_constraint("ck_step_logs_outcome", type_="check")
    with op.batch_alter_table("journey_instances", schema=None) as batch_op:
        batch_op.drop_constraint("ck_journey_instances_status", type_="check")
