"""action requests: a custom action's path parameters, body encoding and redirect following

``path_parameters`` (one per ``{name}`` placeholder of the URL's path) is a JSON list like ``headers`` and
``query_parameters``; existing actions get ``[]``, which is what they meant: a URL without placeholders.
``body_encoding`` is ``json`` (what every existing action sends) or ``form``. ``follow_redirects`` starts true
for existing actions too: the new default of every action (a 3xx used to end the call as ``http_3xx``).

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("custom_actions") as batch:
        batch.add_column(sa.Column("path_parameters", sa.JSON(), nullable=False, server_default="[]"))
        batch.add_column(sa.Column("body_encoding", sa.String(length=8), nullable=False, server_default="json"))
        batch.add_column(sa.Column("follow_redirects", sa.Boolean(), nullable=False, server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table("custom_actions") as batch:
        batch.drop_column("follow_redirects")
        batch.drop_column("body_encoding")
        batch.drop_column("path_parameters")
