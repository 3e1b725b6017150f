"""The `journeys` command: serve, worker, db upgrade, users create, openapi."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys

from backend.auth.roles import Role
from backend.config import load_settings


def _configure_logging() -> None:
    """INFO for our own loggers; the HTTP clients only warn (one line per call costs more than the call)."""
    import logging

    from backend.actions.redaction import QueryFreeLogs

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(QueryFreeLogs())
    for name in ("httpx", "httpcore", "aiohttp.access", "aiosqlite"):
        logging.getLogger(name).setLevel(logging.WARNING)


def _serve(_: argparse.Namespace) -> int:
    import uvicorn

    from backend.app import create_app
    from backend.db.migrate import upgrade
    from backend.runtime.execution.worker import WorkerOptions
    from backend.supervisor import WorkerProcesses

    _configure_logging()
    settings = load_settings()
    upgrade(settings.database_url)
    workers = WorkerProcesses(settings.workers, WorkerOptions.from_settings(settings).drain_seconds + 5)
    workers.start()  # separate processes: the API and the steps each get a core
    # uvicorn re-raises the SIGTERM/SIGINT it shut down on, against the handlers that were there before it:
    # these keep the process alive for the workers' drain below instead of ending it mid-way.
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: None)
    try:
        # uvloop and httptools halve the server's share of a request; the access log (a line per event) is opt-in.
        uvicorn.run(
            create_app(settings),
            host=settings.host,
            port=settings.port,
            log_level="info",
            access_log=settings.access_log,
            loop="uvloop",
            http="httptools",
        )
    finally:
        workers.stop()  # after the API stopped taking events: workers finish what is in flight
    return 0


def _worker(args: argparse.Namespace) -> int:
    import uvloop

    from backend.db.migrate import upgrade
    from backend.runtime.execution.standalone import run_worker

    _configure_logging()
    settings = load_settings()
    upgrade(settings.database_url)
    # uvloop: less event-loop overhead per call and per database round trip
    uvloop.run(run_worker(settings, housekeeping=not args.no_housekeeping, stop_with_parent=args.stop_with_parent))
    return 0


def _db_upgrade(_: argparse.Namespace) -> int:
    from backend.db.migrate import upgrade

    upgrade(load_settings().database_url)
    print("database is up to date")
    return 0


async def _create_user(email: str, password: str, role: Role) -> None:
    from backend.db.engine import create_engine, create_session_factory
    from backend.users.schemas import UserCreate
    from backend.users.service import create_user

    engine = create_engine(load_settings().database_url)
    try:
        async with create_session_factory(engine)() as db:
            await create_user(db, UserCreate(email=email, password=password, role=role))
    finally:
        await engine.dispose()


def _users_create(args: argparse.Namespace) -> int:
    import msgspec

    from backend.errors import DomainError
    from backend.users.schemas import UserCreate

    try:
        msgspec.convert({"email": args.email, "password": args.password, "role": args.role}, UserCreate)
        asyncio.run(_create_user(args.email, args.password, Role(args.role)))
    except (msgspec.ValidationError, DomainError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"created {args.role} {args.email}")
    return 0


def _openapi(_: argparse.Namespace) -> int:
    """Print the OpenAPI document without a server or a real database (``make types`` reads it)."""
    import os
    import tempfile
    from pathlib import Path

    import msgspec

    from backend.app import create_app
    from backend.config import Settings

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'openapi.db'}"
        app = create_app(Settings(database_url=url, secret_key=os.urandom(16).hex(), frontend_dir=None))
        document = app.openapi_schema.to_schema()
    sys.stdout.write(msgspec.json.format(msgspec.json.encode(document), indent=2).decode() + "\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; each subcommand sets ``run``."""
    parser = argparse.ArgumentParser(prog="journeys", description="Journey Builder")
    commands = parser.add_subparsers(dest="command", required=True)
    serve_help = "apply migrations, serve the API and UI, and run JOURNEYS_WORKERS worker processes"
    commands.add_parser("serve", help=serve_help).set_defaults(run=_serve)
    worker = commands.add_parser("worker", help="run a worker without the API")
    worker.add_argument("--no-housekeeping", action="store_true", help="leave pruning to another worker")
    worker.add_argument(
        "--stop-with-parent", action="store_true", help="drain and exit when the starting process is gone"
    )
    worker.set_defaults(run=_worker)
    db = commands.add_parser("db", help="database commands").add_subparsers(dest="db_command", required=True)
    db.add_parser("upgrade", help="apply pending migrations").set_defaults(run=_db_upgrade)
    users = commands.add_parser("users", help="user accounts").add_subparsers(dest="users_command", required=True)
    create = users.add_parser("create", help="create a user")
    create.add_argument("--email", required=True)
    create.add_argument("--password", required=True)
    create.add_argument("--role", required=True, choices=[r.value for r in Role])
    create.set_defaults(run=_users_create)
    commands.add_parser("openapi", help="print the OpenAPI JSON document").set_defaults(run=_openapi)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
