"""Imports every table module so the metadata is complete (Alembic and tests use it)."""

from backend.db import tables  # noqa: F401
