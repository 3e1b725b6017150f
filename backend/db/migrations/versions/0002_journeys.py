"""journeys

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "journeys",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "journey_versions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("journey_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["journey_id"], ["journeys.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("journey_id", "version", name="uq_journey_versions_journey_version"),
    )
    with op.batch_alter_table("journey_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_journey_versions_journey_id"), ["journey_id"], unique=False)
        batch_op.create_index("ix_journey_versions_status", ["status"], unique=False)

    op.create_table(
        "journey_version_actions",
        sa.Column("version_id", sa.Uuid(), nullable=False),
        sa.Column("action_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["version_id"], ["journey_versions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("version_id", "action_id"),
    )
    with op.batch_alter_table("journey_version_actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_journey_version_actions_action_id"), ["action_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("journey_version_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_journey_version_actions_action_id"))

    op.drop_table("journey_version_actions")
    with op.batch_alter_table("journey_versions", schema=None) as batch_op:
        batch_op.drop_index("ix_journey_versions_status")
        batch_op.drop_index(batch_op.f("ix_journey_versions_journey_id"))

    op.drop_table("journey_versions")
    op.drop_table("journeys")
