"""Data migrations on a real SQLite file: what earlier revisions stored is carried into later ones."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest
from alembic import command

from backend.db.migrate import alembic_config, upgrade
from backend.db.runtime_tables import INSTANCE_STATUSES, STEP_OUTCOMES, one_of


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


def test_status_checks_keep_what_is_stored_and_refuse_unknown_statuses(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    upgrade(f"sqlite+aiosqlite:///{path}", "0005")
    instance = uuid.uuid4().hex
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO journey_instances (id, journey_id, version_id, profile_id, status, context, attempt,"
            " created_at, updated_at) VALUES (?, ?, ?, 'p', 'waiting', '{}', 0, '2026-12-01', '2026-12-01')",
            (instance, uuid.uuid4().hex, uuid.uuid4().hex),
        )
        connection.execute(
            "INSERT INTO step_logs (instance_id, journey_id, version_id, node_id, node_type, started_at, attempts,"
            " outcome, detail) VALUES (?, ?, ?, 'pause', 'wait', '2026-12-01', 1, 'waiting', '{}')",
            (instance, uuid.uuid4().hex, uuid.uuid4().hex),
        )
    upgrade(f"sqlite+aiosqlite:///{path}")
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA foreign_keys=ON")
        assert connection.execute("SELECT count(*) FROM step_logs").fetchone() == (1,)
        connection.execute("UPDATE journey_instances SET status = 'completed' WHERE id = ?", (instance,))
        with pytest.raises(sqlite3.IntegrityError, match="ck_journey_instances_status"):
            connection.execute("UPDATE journey_instances SET status = 'done' WHERE id = ?", (instance,))
        with pytest.raises(sqlite3.IntegrityError, match="ck_step_logs_outcome"):
            connection.execute("UPDATE step_logs SET outcome = 'ok'")
    with sqlite3.connect(path) as connection:
        schema = " ".join(row[0] for row in connection.execute("SELECT sql FROM sqlite_master WHERE type = 'table'"))
    assert one_of("status", INSTANCE_STATUSES) in schema  # the tables declare what the migration made
    assert one_of("outcome", STEP_OUTCOMES) in schema
    command.downgrade(alembic_config(f"sqlite+aiosqlite:///{path}"), "0005")
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE step_logs SET outcome = 'ok'")  # no check any more
        assert connection.execute("SELECT count(*) FROM step_logs").fetchone() == (1,)
        assert "CHECK" not in connection.execute("SELECT group_concat(sql) FROM sqlite_master").fetchone()[0]


def test_user_locale_column_is_added_empty_and_removed_on_downgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    upgrade(f"sqlite+aiosqlite:///{path}", "0007")
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO users (id, email, password_hash, role, active, created_at, updated_at)"
            " VALUES (?, 'a@b.c', 'h', 'admin', 1, '2026-12-01', '2026-12-01')",
            (uuid.uuid4().hex,),
        )
    upgrade(f"sqlite+aiosqlite:///{path}")
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT email, locale FROM users").fetchall() == [("a@b.c", None)]
    command.downgrade(alembic_config(f"sqlite+aiosqlite:///{path}"), "0007")
    with sqlite3.connect(path) as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(users)")]
        assert "locale" not in columns
        assert connection.execute("SELECT email FROM users").fetchall() == [("a@b.c",)]


def test_stored_actions_get_no_path_parameters_json_bodies_and_redirects_followed(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    upgrade(f"sqlite+aiosqlite:///{path}", "0007")
    action = uuid.uuid4().hex
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO custom_actions (id, name, name_key, description, method, url, headers, query_parameters,"
            " authentication, timeout_ms, max_retries, capping, created_at, updated_at) VALUES (?, 'a', 'a', '',"
            " 'GET', 'https://api.example.com/x', '[]', '[]', '{\"type\": \"none\"}', 1000, 0, '{}', '2026-12-01',"
            " '2026-12-01')",
            (action,),
        )
    upgrade(f"sqlite+aiosqlite:///{path}")
    with sqlite3.connect(path) as connection:
        row = connection.execute(
            "SELECT path_parameters, body_encoding, follow_redirects FROM custom_actions WHERE id = ?", (action,)
        ).fetchone()
    assert row == ("[]", "json", 1)
    command.downgrade(alembic_config(f"sqlite+aiosqlite:///{path}"), "0007")
    with sqlite3.connect(path) as connection:
        columns = [c[1] for c in connection.execute("PRAGMA table_info(custom_actions)")]
        assert connection.execute("SELECT count(*) FROM custom_actions").fetchone() == (1,)
    assert "path_parameters" not in columns
    assert "follow_redirects" not in columns
