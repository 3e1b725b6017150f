"""status checks: the database refuses instance statuses and step outcomes the state machine does not know

The runtime's statuses are enums with one ``transition()`` (``backend.runtime.states``); these CHECK
constraints make a bad value a refused write instead of an instance no worker and no screen understands.
The values are spelled out (a migration must not change when the code does). Each check is a chain of
``=`` comparisons: SQLite evaluates ``IN (...)`` through a temporary table built per statement, which
doubled the cost of an instance insert, while the ``OR`` chain costs next to nothing.

SQLite cannot add a constraint to a table. Copying the tables (batch mode) would take as long as every
instance and step log ever kept, and with foreign keys on, dropping the old instance table would
cascade-delete the step logs. So the constraint is added the way SQLite documents for such changes
(lang_altertable.html, "other kinds of table schema changes"): the stored rows are checked first, then
the table's CREATE statement in ``sqlite_master`` is rewritten and the schema version bumped.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import Connection, text

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# (table, constraint name, condition)
_CHECKS = (
    (
        "journey_instances",
        "ck_journey_instances_status",
        "status = 'running' OR status = 'waiting' OR status = 'completed' OR status = 'failed' OR status = 'stopped'",
    ),
    (
        "step_logs",
        "ck_step_logs_outcome",
        "outcome = 'succeeded' OR outcome = 'failed' OR outcome = 'waiting' OR outcome = 'capped'"
        " OR outcome = 'timedOut' OR outcome = 'stopped'",
    ),
)


def _clause(name: str, condition: str) -> str:
    return f",\n\tCONSTRAINT {name} CHECK ({condition})"


def _rewrite_sqlite(connection: Connection, table: str, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in the table's stored CREATE statement (one transaction with the rest)."""
    found = connection.execute(text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :t"), {"t": table})
    sql = str(found.scalar_one())
    if old not in sql:
        raise RuntimeError(f"unexpected CREATE statement of {table}: {sql}")
    schema_version = int(connection.execute(text("PRAGMA schema_version")).scalar_one())
    connection.execute(text("PRAGMA writable_schema = ON"))
    connection.execute(
        text("UPDATE sqlite_master SET sql = :sql WHERE type = 'table' AND name = :t"),
        {"sql": sql.replace(old, new, 1), "t": table},
    )
    connection.execute(text(f"PRAGMA schema_version = {schema_version + 1}"))
    connection.execute(text("PRAGMA writable_schema = OFF"))


def _add_sqlite(connection: Connection, table: str, name: str, condition: str) -> None:
    bad = connection.execute(text(f"SELECT count(*) FROM {table} WHERE NOT ({condition})")).scalar_one()  # noqa: S608
    if bad:
        raise RuntimeError(f"{bad} rows of {table} hold a value {name} refuses; fix them before upgrading")
    sql = str(
        connection.execute(
            text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :t"), {"t": table}
        ).scalar_one()
    )
    end = sql.rstrip()
    if not end.endswith(")"):
        raise RuntimeError(f"unexpected CREATE statement of {table}: {sql}")
    body = end[:-1].rstrip()
    _rewrite_sqlite(connection, table, body, body + _clause(name, condition))


def upgrade() -> None:
    connection = op.get_bind()
    for table, name, condition in _CHECKS:
        if connection.dialect.name == "sqlite":
            _add_sqlite(connection, table, name, condition)
        else:
            op.create_check_constraint(name, table, condition)


def downgrade() -> None:
    connection = op.get_bind()
    for table, name, condition in reversed(_CHECKS):
        if connection.dialect.name == "sqlite":
            _rewrite_sqlite(connection, table, _clause(name, condition), "")
        else:
            op.drop_constraint(name, table, type_="check")
