"""UTCDateTime writes on SQLite exactly the text SQLAlchemy's own DATETIME would, and reads it back in UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, select, text
from sqlalchemy.dialects import sqlite

from backend.db.types import UTCDateTime

VALUES = [
    datetime(2026, 11, 27, 5, 17, 0, 123456, tzinfo=UTC),
    datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),  # no microseconds: still six digits
    datetime(999, 12, 31, 23, 59, 59, 1, tzinfo=UTC),  # a three-digit year is padded
    datetime(2026, 6, 1, 2, 30, 0, 500, tzinfo=timezone(timedelta(hours=5, minutes=30))),  # stored in UTC
]


@pytest.mark.parametrize("value", VALUES)
def test_sqlite_text_is_sqlalchemy_datetime_text(value: datetime) -> None:
    dialect = sqlite.dialect()
    generic = sqlite.DATETIME().bind_processor(dialect)
    assert generic is not None
    fast = UTCDateTime().bind_processor(dialect)
    assert fast is not None
    assert fast(value) == generic(value.astimezone(UTC))
    assert fast(None) is None


def test_round_trip_and_naive_values_refused() -> None:
    table = Table("t", MetaData(), Column("id", Integer, primary_key=True), Column("at", UTCDateTime))
    engine = create_engine("sqlite://")
    table.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(insert(table), [{"id": i, "at": v} for i, v in enumerate(VALUES)])
        assert connection.execute(select(table.c.at).order_by(table.c.id)).scalars().all() == VALUES
        stored = connection.execute(text("SELECT at FROM t WHERE id = 1")).scalar_one()
        assert stored == "2026-01-02 03:04:05.000000"
        with pytest.raises(Exception, match="naive datetime"):
            connection.execute(insert(table), [{"id": 9, "at": datetime(2026, 1, 1)}])


def test_repeated_and_alternating_values() -> None:
    dialect = sqlite.dialect()
    generic, fast = sqlite.DATETIME().bind_processor(dialect), UTCDateTime().bind_processor(dialect)
    assert generic is not None
    assert fast is not None
    first, second, shifted = VALUES[0], VALUES[1], VALUES[3]
    order = [first, first, second, first, shifted, shifted, first]
    assert [fast(v) for v in order] == [generic(v.astimezone(UTC)) for v in order]
