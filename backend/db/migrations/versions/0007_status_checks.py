"""status checks: the database refuses instance statuses and step outcomes the state machine does not know

The runtime's statuses are enums with one ``transition()`` (``backend.runtime.states``); these checks make a
bad value a refused write instead of an instance no worker and no screen understands. The values are spelled
out (a migration must not change when the code does).

PostgreSQL gets CHECK constraints. SQLite cannot add one to an existing table: it would have to copy both
tables (every instance and step log ever kept), and with foreign keys on, dropping the old instance table
would cascade-delete the step logs. Triggers that abort the write refuse the same values without a copy.

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

# (table, column, constraint name, allowed values)
_CHECKS = (
    (
        "journey_instances",
        "status",
        "ck_journey_instances_status",
        ("running", "waiting", "completed", "failed", "stopped"),
    ),
    (
        "step_logs",
        "outcome",
        "ck_step_logs_outcome",
        ("succeeded", "failed", "waiting", "capped", "timedOut", "stopped"),
    ),
)


def _condition(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _sqlite_triggers(table: str, column: str, name: str, values: tuple[str, ...]) -> None:
    bad = f"NEW.{column} NOT IN ({', '.join(repr(v) for v in values)})"
    message = f"CHECK constraint failed: {name}"
    for event, suffix in (("INSERT", "insert"), (f"UPDATE OF {column}", "update")):
        op.execute(
            f"CREATE TRIGGER {name}_{suffix} BEFORE {event} ON {table} "
            f"FOR EACH ROW WHEN {bad} BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, column, name, values in _CHECKS:
        if sqlite:
            _sqlite_triggers(table, column, name, values)
        else:
            op.create_check_constraint(name, table, _condition(column, values))


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, _, name, _ in reversed(_CHECKS):
        if sqlite:
            op.execute(f"DROP TRIGGER IF EXISTS {name}_insert")
            op.execute(f"DROP TRIGGER IF EXISTS {name}_update")
        else:
            op.drop_constraint(name, table, type_="check")
