"""Settings read once from ``JOURNEYS_*`` environment variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import msgspec

from backend.outbound.guard import allowed_entry

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./var/journeys.db"


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    """Everything the process is configured with; see the README table."""

    database_url: str = DEFAULT_DATABASE_URL
    host: str = "127.0.0.1"
    port: int = 8000
    admin_email: str = "admin@example.com"
    admin_password: str | None = None
    secret_key: str = ""
    allowed_private_hosts: frozenset[str] = frozenset()
    allowed_origins: frozenset[str] = frozenset()  # besides the server's own, for cookie-authenticated changes
    cookie_secure: bool = True
    session_hours: int = 12
    login_max_failures: int = 5  # wrong sign-ins per account (email) per window, then 429
    login_address_max_failures: int = 20  # wrong sign-ins per client address per window, then 429
    login_window_seconds: int = 900
    frontend_dir: Path | None = None
    embedded_worker: bool = True
    workers: int = 0  # ``journeys worker`` processes that ``journeys serve`` runs beside the API
    retention_days: int = 30
    max_due_backlog: int = 100_000
    worker_batch_size: int = 200
    worker_concurrency: int = 400
    lease_seconds: float = 60.0
    worker_poll_seconds: float = 0.25
    housekeeping_seconds: float = 300.0
    metrics_enabled: bool = True
    worker_metrics_port: int | None = None  # ``journeys worker`` serves /metrics here when set
    access_log: bool = False  # uvicorn's line per request (a line per event costs more than the event)
    sqlite_busy_seconds: float = 30.0  # a write waits this long for another process's lock, then answers 503

    @property
    def is_sqlite(self) -> bool:
        """SQLite needs its own pragmas and a single writer."""
        return self.database_url.startswith("sqlite")


def _flag(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _optional_int(value: str | None) -> int | None:
    return int(value) if value and value.strip() else None


def _secret_key(env: Mapping[str, str], database_url: str) -> str:
    """Use the configured key, else one kept beside the SQLite file so a restart can still read secrets."""
    if key := env.get("JOURNEYS_SECRET_KEY"):
        return key
    if database_url.startswith("sqlite") and ":memory:" not in database_url:
        path = Path(database_url.split("///", 1)[-1]).with_suffix(".secret")
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            path.write_text(os.urandom(32).hex())
            path.chmod(0o600)
        return path.read_text().strip()
    raise ValueError("JOURNEYS_SECRET_KEY must be set when the database is not a local SQLite file")


def _workers(env: Mapping[str, str]) -> int:
    """``JOURNEYS_WORKERS``; by default one worker process per two cores (at least one), none beside an embedded one."""
    value = env.get("JOURNEYS_WORKERS", "").strip()
    if not value:
        return 0 if _flag(env.get("JOURNEYS_EMBEDDED_WORKER", "false")) else max(1, (os.cpu_count() or 1) // 2)
    if not value.isdigit():
        raise ValueError(f"JOURNEYS_WORKERS must be a whole number of worker processes (0 or more), not {value!r}")
    return int(value)


def _origins(value: str) -> frozenset[str]:
    """``scheme://host[:port]`` entries as browsers send them in ``Origin`` (lower case, no trailing slash)."""
    return frozenset(o.strip().rstrip("/").lower() for o in value.split(",") if o.strip())


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Build settings from the environment (``os.environ`` unless given)."""
    env = os.environ if env is None else env
    database_url = env.get("JOURNEYS_DATABASE_URL", DEFAULT_DATABASE_URL)
    frontend = env.get("JOURNEYS_FRONTEND_DIR")
    default_frontend = Path(__file__).resolve().parent.parent / "frontend" / "dist"
    return Settings(
        database_url=database_url,
        host=env.get("JOURNEYS_HOST", "127.0.0.1"),
        port=int(env.get("JOURNEYS_PORT", "8000")),
        admin_email=env.get("JOURNEYS_ADMIN_EMAIL", "admin@example.com"),
        admin_password=env.get("JOURNEYS_ADMIN_PASSWORD") or None,
        secret_key=_secret_key(env, database_url),
        allowed_private_hosts=frozenset(
            allowed_entry(h) for h in env.get("JOURNEYS_ALLOWED_PRIVATE_HOSTS", "").split(",") if h.strip()
        ),
        allowed_origins=_origins(env.get("JOURNEYS_ALLOWED_ORIGINS", "")),
        cookie_secure=_flag(env.get("JOURNEYS_COOKIE_SECURE", "true")),
        session_hours=int(env.get("JOURNEYS_SESSION_HOURS", "12")),
        login_max_failures=int(env.get("JOURNEYS_LOGIN_MAX_FAILURES", "5")),
        login_address_max_failures=int(env.get("JOURNEYS_LOGIN_ADDRESS_MAX_FAILURES", "20")),
        login_window_seconds=int(env.get("JOURNEYS_LOGIN_WINDOW_SECONDS", "900")),
        frontend_dir=Path(frontend) if frontend else default_frontend,
        embedded_worker=_flag(env.get("JOURNEYS_EMBEDDED_WORKER", "false")),
        workers=_workers(env),
        retention_days=int(env.get("JOURNEYS_RETENTION_DAYS", "30")),
        max_due_backlog=int(env.get("JOURNEYS_MAX_DUE_BACKLOG", "100000")),
        worker_batch_size=int(env.get("JOURNEYS_WORKER_BATCH_SIZE", "200")),
        worker_concurrency=int(env.get("JOURNEYS_WORKER_CONCURRENCY", "400")),
        lease_seconds=float(env.get("JOURNEYS_LEASE_SECONDS", "60")),
        worker_poll_seconds=float(env.get("JOURNEYS_WORKER_POLL_SECONDS", "0.25")),
        housekeeping_seconds=float(env.get("JOURNEYS_HOUSEKEEPING_SECONDS", "300")),
        metrics_enabled=_flag(env.get("JOURNEYS_METRICS_ENABLED", "true")),
        worker_metrics_port=_optional_int(env.get("JOURNEYS_WORKER_METRICS_PORT")),
        access_log=_flag(env.get("JOURNEYS_ACCESS_LOG", "false")),
        sqlite_busy_seconds=float(env.get("JOURNEYS_SQLITE_BUSY_SECONDS", "30")),
    )
