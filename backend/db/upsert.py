"""``INSERT … ON CONFLICT`` for the two databases we run on (SQLAlchemy has it per dialect only)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite


def insert_for(dialect: str, table: Table) -> Any:
    """The dialect's insert construct for ``table``, which offers ``on_conflict_do_update``."""
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
