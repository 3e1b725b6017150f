"""The typed table handles are the very tables SQLModel maps (so statements on them hit the real columns)."""

from __future__ import annotations

from sqlalchemy import Table
from sqlmodel import SQLModel

import backend.db.all_tables  # noqa: F401  (registers every table on SQLModel.metadata)
from backend.db import handles


def test_each_handle_is_the_table_registered_under_its_name() -> None:
    found = {name: value for name, value in vars(handles).items() if isinstance(value, Table)}
    assert len(found) >= 14
    for name, table in found.items():
        assert SQLModel.metadata.tables[table.name] is table, name
