"""The SQLite single-writer machinery of the hot path: the writer queue, plain-driver transactions, bulk writes.

Used by ``backend.runtime.storage`` and by auth's credential look-ups; on PostgreSQL the same calls run through
SQLAlchemy's async layer.
"""
