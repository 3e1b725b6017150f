"""Data migrations on a real SQLite file: what earlier revisions stored is carried into later ones."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from backend.db.migrate import upgrade


def test_node_counts_are_filled_from_the_step_logs_already_stored(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    upgrade(f"sqlite+aiosqlite:///{path}", "0004")
    journey, version = uuid.uuid4().hex, uuid.uuid4().hex
    rows = [("start", "succeeded")] * 3 + [("pause", "waiting")] * 2 + [("pause", "succeeded")]
    with sqlite3.connect(path) as connection:
        connection.executemany(
            "INSERT INTO step_logs (instance_id, journey_id, version_id, node_id, node_type, started_at, attempts,"
            " outcome, detail) VALUES (?, ?, ?, ?, 'wait', '2026-11-27 00:00:00', 1, ?, '{}')",
            [(uuid.uuid4().hex, journey, version, node, outcome) for node, outcome in rows],
        )
    upgrade(f"sqlite+aiosqlite:///{path}")
    with sqlite3.connect(path) as connection:
        counts = connection.execute(
            "SELECT node_id, outcome, count FROM node_counts WHERE journey_id = ? ORDER BY node_id, outcome", (journey,)
        ).fetchall()
    assert counts == [("pause", "succeeded", 1), ("pause", "waiting", 2), ("start", "succeeded", 3)]
