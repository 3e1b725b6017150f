"""runtime

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("event_type_id", sa.Uuid(), nullable=False),
        sa.Column("profile_id", sa.String(length=200), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("external_id"),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_event_type_id"), ["event_type_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_profile_id"), ["profile_id"], unique=False)

    op.create_table(
        "journey_instances",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("journey_id", sa.Uuid(), nullable=False),
        sa.Column("version_id", sa.Uuid(), nullable=False),
        sa.Column("profile_id", sa.String(length=200), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("current_node_id", sa.String(length=64), nullable=True),
        sa.Column("context", sa.JSON(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lease_owner", sa.String(length=64), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("error", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("journey_instances", schema=None) as batch_op:
        batch_op.create_index("ix_journey_instances_due_at", ["due_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_journey_instances_event_id"), ["event_id"], unique=False)
        batch_op.create_index("ix_journey_instances_journey_profile", ["journey_id", "profile_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_journey_instances_profile_id"), ["profile_id"], unique=False)
        batch_op.create_index("ix_journey_instances_status_finished", ["status", "finished_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_journey_instances_version_id"), ["version_id"], unique=False)
        batch_op.create_index(
            "uq_journey_instances_active_profile",
            ["journey_id", "profile_id"],
            unique=True,
            sqlite_where=sa.text("status IN ('running', 'waiting')"),
            postgresql_where=sa.text("status IN ('running', 'waiting')"),
        )

    op.create_table(
        "profiles",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "rate_limits",
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("next_at", sa.Float(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("rate_limits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rate_limits_expires_at"), ["expires_at"], unique=False)

    op.create_table(
        "step_logs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("instance_id", sa.Uuid(), nullable=False),
        sa.Column("journey_id", sa.Uuid(), nullable=False),
        sa.Column("version_id", sa.Uuid(), nullable=False),
        sa.Column("node_id", sa.String(length=64), nullable=False),
        sa.Column("node_type", sa.String(length=16), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["instance_id"], ["journey_instances.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("step_logs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_step_logs_instance_id"), ["instance_id"], unique=False)
        batch_op.create_index("ix_step_logs_journey_node", ["journey_id", "node_id", "outcome"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("step_logs", schema=None) as batch_op:
        batch_op.drop_index("ix_step_logs_journey_node")
        batch_op.drop_index(batch_op.f("ix_step_logs_instance_id"))

    op.drop_table("step_logs")
    with op.batch_alter_table("rate_limits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rate_limits_expires_at"))

    op.drop_table("rate_limits")
    op.drop_table("profiles")
    with op.batch_alter_table("journey_instances", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_journey_instances_active_profile",
            sqlite_where=sa.text("status IN ('running', 'waiting')"),
            postgresql_where=sa.text("status IN ('running', 'waiting')"),
        )
        batch_op.drop_index(batch_op.f("ix_journey_instances_version_id"))
        batch_op.drop_index("ix_journey_instances_status_finished")
        batch_op.drop_index(batch_op.f("ix_journey_instances_profile_id"))
        batch_op.drop_index("ix_journey_instances_journey_profile")
        batch_op.drop_index(batch_op.f("ix_journey_instances_event_id"))
        batch_op.drop_index("ix_journey_instances_due_at")

    op.drop_table("journey_instances")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_profile_id"))
        batch_op.drop_index(batch_op.f("ix_events_event_type_id"))

    op.drop_table("events")
