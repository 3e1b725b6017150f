"""Imports every table module so the metadata is complete (Alembic and tests use it)."""

from backend.db import journey_tables, runtime_tables, tables  # noqa: F401
