"""hot-path indexes: fewer random-key index writes per event

Every index an insert or a step write touches costs SQLite a B-tree descent and a dirty page in the
write-ahead log, inside the one writer lock every ingest and step write shares. Profile ids are random,
so each index keyed by one touches a random page per event. This revision keeps what queries use:
- instances: one (profile_id, journey_id) index replaces profile_id and (journey_id, profile_id): it
  answers both "this profile's instances" and the entry check's (journey, profile) pairs;
- instances: due_at is indexed only while set (finished instances leave the index);
- events: the event_type_id and profile_id indexes had no reader.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_DUE = sa.text("due_at IS NOT NULL")


def upgrade() -> None:
    with op.batch_alter_table("journey_instances", schema=None) as batch_op:
        batch_op.drop_index("ix_journey_instances_profile_id")
        batch_op.drop_index("ix_journey_instances_journey_profile")
        batch_op.drop_index("ix_journey_instances_due_at")
        batch_op.create_index("ix_journey_instances_profile_journey", ["profile_id", "journey_id"], unique=False)
        batch_op.create_index(
            "ix_journey_instances_due_at", ["due_at"], unique=False, sqlite_where=_DUE, postgresql_where=_DUE
        )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_event_type_id")
        batch_op.drop_index("ix_events_profile_id")


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index("ix_events_profile_id", ["profile_id"], unique=False)
        batch_op.create_index("ix_events_event_type_id", ["event_type_id"], unique=False)
    with op.batch_alter_table("journey_instances", schema=None) as batch_op:
        batch_op.drop_index("ix_journey_instances_due_at")
        batch_op.drop_index("ix_journey_instances_profile_journey")
        batch_op.create_index("ix_journey_instances_due_at", ["due_at"], unique=False)
        batch_op.create_index("ix_journey_instances_journey_profile", ["journey_id", "profile_id"], unique=False)
        batch_op.create_index("ix_journey_instances_profile_id", ["profile_id"], unique=False)
