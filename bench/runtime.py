"""Runtime benchmark: events in through the API, a journey event -> condition -> action -> end, calls at a sink.

Run: ``.venv/bin/python bench/runtime.py`` (or ``make bench``). Loopback only. Starts a fast sink, then for each
topology (SQLite with the embedded worker; SQLite and PostgreSQL with ``journeys worker`` beside the API when the
CLI has it and PostgreSQL answers at 127.0.0.1:5432, each run in its own temporary database) sets the journey up
through the API and sends events at fixed concurrencies. Each row: events/s from the first POST to the last call
at the sink, p50/p99 of POST -> call latency, ingest p99, CPU-ms per event of the app processes and of the harness
(load generator + sink, on the same cores), how busy the machine was, worker RSS, lost and duplicate calls, 429s;
and the "limit" (a bare ASGI app forwarding each event to the same sink with the same HTTP sender) with the ratio.
``--soak N`` sends N events at 32 concurrent and reports RSS over time.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import uvloop
from runtime_load import Sent, send_events, set_up_journey, sink_json, wait_delivered
from runtime_node_red import NODE_RED_VERSION, node_red_available, start_node_red
from runtime_procs import (
    VENV_BIN,
    Processes,
    child_pids,
    cpu_seconds,
    create_postgres_database,
    drop_postgres_database,
    free_port,
    journeys_commands,
    machine_ticks,
    postgres_available,
    processes,
    rss_mb,
    wait_http,
)
from runtime_report import Row, print_table

ADMIN_EMAIL = "bench@example.com"
ADMIN_PASSWORD = secrets.token_urlsafe(16)
HARNESS_PIDS: list[int] = [os.getpid()]  # this process (the load) and the sink: their CPU is reported apart


@dataclass
class Target:
    """Where events go and which processes do the work."""

    setup: str
    base_url: str
    token: str
    pids: list[int]  # the API process first, then the worker's when it runs apart
    worker_pid: int


def measure(target: Target, sink: str, count: int, concurrency: int) -> Row:
    """Send ``count`` events at ``concurrency`` and wait until the sink has every call (or stalls)."""
    httpx.post(f"{sink}/reset", timeout=10)
    cpu_before = [cpu_seconds(pid) for pid in target.pids]
    harness_before = sum(cpu_seconds(pid) for pid in HARNESS_PIDS)
    busy_before, total_before = machine_ticks()
    tag = f"c{concurrency}-{secrets.token_hex(3)}"
    sent: Sent = uvloop.run(send_events(target.base_url, target.token, tag, count, concurrency))
    wait_delivered(sink, sent.accepted)
    cpu_ms = [
        (cpu_seconds(pid) - before) * 1000 / max(1, count) for pid, before in zip(target.pids, cpu_before, strict=True)
    ]
    busy_after, total_after = machine_ticks()
    harness_ms = (sum(cpu_seconds(pid) for pid in HARNESS_PIDS) - harness_before) * 1000 / max(1, count)
    busy = 100 * (busy_after - busy_before) / max(1, total_after - total_before)
    stats = sink_json(sink, "/stats")
    for error in sent.errors:
        print(f"  {target.setup}: refused event: {error}", file=sys.stderr)
    rate = stats["count"] / stats["spanS"] if stats["spanS"] else 0.0
    lost = count - int(stats["unique"])
    duplicates = int(stats["count"]) - int(stats["unique"])
    return Row(
        target.setup, concurrency, count, rate, stats["p50Ms"], stats["p99Ms"], sent.ingest_p99_ms(), cpu_ms,
        rss_mb(target.worker_pid), lost, duplicates, sent.overloaded, harness_ms, busy,
    )  # fmt: skip


def app_env(database_url: str, port: int, folder: Path, topology: str) -> dict[str, str]:
    """The app's configuration for a run: ``embedded`` worker, ``split`` (the bench starts ``journeys worker``) or
    ``shipped`` (what ``make run`` does: ``journeys serve`` with its default worker processes)."""
    workers = {"embedded": {"JOURNEYS_EMBEDDED_WORKER": "true"}, "split": {"JOURNEYS_WORKERS": "0"}}.get(topology, {})
    return {
        **workers,
        "JOURNEYS_DATABASE_URL": database_url,
        "JOURNEYS_HOST": "127.0.0.1",
        "JOURNEYS_PORT": str(port),
        "JOURNEYS_ADMIN_EMAIL": ADMIN_EMAIL,
        "JOURNEYS_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "JOURNEYS_SECRET_KEY": secrets.token_hex(16),
        "JOURNEYS_ALLOWED_PRIVATE_HOSTS": "127.0.0.1",
        "JOURNEYS_COOKIE_SECURE": "false",
        "JOURNEYS_FRONTEND_DIR": str(folder / "no-frontend"),
    }


def start_app(procs: Processes, setup: str, database_url: str, topology: str, sink: str) -> Target:
    """``journeys serve`` (and ``journeys worker`` when split) on ``database_url``, with the journey published."""
    port = free_port()
    env = app_env(database_url, port, procs.folder, topology)
    base = f"http://127.0.0.1:{port}"
    api = procs.start("api", [str(VENV_BIN / "journeys"), "serve"], env)
    wait_http(api, f"{base}/api/health")
    token = set_up_journey(base, ADMIN_EMAIL, ADMIN_PASSWORD, f"{sink}/hook")
    if topology == "split":
        worker_pids = [procs.start("worker", [str(VENV_BIN / "journeys"), "worker"], env).pid]
    else:  # the shipped default's worker processes; none when the worker is embedded
        worker_pids = child_pids(api.pid) if topology == "shipped" else []
    pids = [api.pid, *worker_pids]
    target = Target(setup, base, token, pids, worker_pids[0] if worker_pids else api.pid)
    measure(target, sink, 200, 8)  # warm-up: connections, caches, JIT-free but lazy imports
    return target


def run_setup(setup: str, topology: str, postgres: bool, args: argparse.Namespace, sink: str) -> list[Row]:
    """All concurrencies on one topology, in its own folder and database."""
    with processes("jb-bench-") as procs:
        sqlite_url = f"sqlite+aiosqlite:///{procs.folder / 'bench.db'}"
        pg_name, url = create_postgres_database() if postgres else (None, sqlite_url)
        try:
            target = start_app(procs, setup, url, topology, sink)
            return [measure(target, sink, args.events, c) for c in args.concurrency]
        finally:
            procs.stop_all()  # before dropping: the app holds connections
            if pg_name:
                drop_postgres_database(pg_name)


def run_limit(args: argparse.Namespace, sink: str) -> list[Row]:
    """The bare forwarding app at the same concurrencies."""
    port = free_port()
    with processes("jb-bench-limit-") as procs:
        limit = procs.start("limit", [sys.executable, "bench/runtime_limit.py", str(port), f"{sink}/hook"])
        wait_http(limit, f"http://127.0.0.1:{port}/")
        target = Target("limit (bare ASGI)", f"http://127.0.0.1:{port}", "-", [limit.pid], limit.pid)
        measure(target, sink, 200, 8)
        return [measure(target, sink, args.events, c) for c in args.concurrency]


def run_node_red(args: argparse.Namespace, sink: str) -> list[Row]:
    """Node-RED doing the same work (nothing persisted) at the same concurrencies: the peer we measure against."""
    with processes("jb-bench-node-red-") as procs:
        node_red, base = start_node_red(procs, f"{sink}/hook")
        target = Target(f"Node-RED {NODE_RED_VERSION} (nothing persisted)", base, "-", [node_red.pid], node_red.pid)
        measure(target, sink, 200, 8)
        return [measure(target, sink, args.events, c) for c in args.concurrency]


def soak(args: argparse.Namespace, sink: str, split: bool) -> None:
    """Send ``--soak`` events at 32 concurrent and print RSS of the API and worker over time."""
    with processes("jb-bench-soak-") as procs:
        url = f"sqlite+aiosqlite:///{procs.folder / 'bench.db'}"
        target = start_app(procs, "soak", url, "split" if split else "embedded", sink)
        httpx.post(f"{sink}/reset", timeout=10)
        samples: list[tuple[float, int, float, float]] = []
        done = threading.Event()
        started = time.monotonic()

        def sample() -> None:
            while not done.wait(args.sample_seconds):
                count = int(sink_json(sink, "/count")["count"])
                samples.append((time.monotonic() - started, count, rss_mb(target.pids[0]), rss_mb(target.worker_pid)))
                print(f"  {samples[-1][0]:7.0f} s  delivered {count:>9,}  API RSS {samples[-1][2]:6.0f} MB  "
                      f"worker RSS {samples[-1][3]:6.0f} MB", flush=True)  # fmt: skip

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        sent = uvloop.run(send_events(target.base_url, target.token, "soak", args.soak, 32))
        delivered = wait_delivered(sink, sent.accepted)
        done.set()
        sampler.join()
        stats = sink_json(sink, "/stats")
        elapsed = time.monotonic() - started
        lost, duplicates = args.soak - int(stats["unique"]), int(stats["count"]) - int(stats["unique"])
        print(f"soak: {args.soak:,} sent, {delivered:,} delivered, {lost} lost, {duplicates} duplicates, "
              f"{delivered / elapsed:,.0f} ev/s overall")  # fmt: skip
        if len(samples) >= 2:
            print(f"worker RSS first/last sample: {samples[0][3]:.0f} MB -> {samples[-1][3]:.0f} MB")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line flags."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--events", type=int, default=10_000, help="events per concurrency (default 10,000)")
    parser.add_argument("--concurrency", type=lambda s: [int(x) for x in s.split(",")], default=[8, 32, 128])
    parser.add_argument(
        "--setups", default="shipped,sqlite,sqlite-split,postgres-split", help="which topologies to run"
    )
    parser.add_argument("--no-limit", action="store_true", help="skip the bare ASGI limit")
    parser.add_argument("--no-node-red", action="store_true", help="skip the Node-RED row")
    parser.add_argument("--soak", type=int, default=0, help="run N events at 32 concurrent and report RSS over time")
    parser.add_argument("--sample-seconds", type=float, default=10.0, help="RSS sampling period of --soak")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    args = parse_args(argv)
    has_worker = "worker" in journeys_commands()
    sink_port = free_port()
    sink = f"http://127.0.0.1:{sink_port}"
    with processes("jb-bench-sink-") as procs:
        sink_process = procs.start("sink", [sys.executable, "bench/runtime_sink.py", str(sink_port)])
        wait_http(sink_process, f"{sink}/count")
        HARNESS_PIDS.append(sink_process.pid)
        if args.soak:
            soak(args, sink, split=has_worker)
            return 0
        wanted = args.setups.split(",")
        plans = [("make run as shipped (SQLite)", "shipped", False, "shipped")]
        plans.append(("SQLite, embedded worker", "embedded", False, "sqlite"))
        if has_worker:
            plans.append(("SQLite, API + worker", "split", False, "sqlite-split"))
            plans.append(("PostgreSQL, API + worker", "split", True, "postgres-split"))
        else:
            print("note: `journeys worker` is not available; only the embedded worker is measured", file=sys.stderr)
        if "postgres-split" in wanted and has_worker and not postgres_available():
            print("note: PostgreSQL is not reachable at 127.0.0.1:5432; skipped", file=sys.stderr)
            wanted.remove("postgres-split")
        rows: list[Row] = []
        for setup, topology, postgres, key in plans:
            if key in wanted:
                rows += run_setup(setup, topology, postgres, args, sink)
        peer_rows: list[Row] = []
        if not args.no_node_red and node_red_available():
            peer_rows = run_node_red(args, sink)
        elif not args.no_node_red:
            print("note: node and npm are not on PATH; the Node-RED row is skipped", file=sys.stderr)
        limit_rows = [] if args.no_limit else run_limit(args, sink)
        print_table(
            rows + peer_rows + limit_rows,
            limits={row.concurrency: row.rate for row in limit_rows},
            peer={row.concurrency: row.rate for row in peer_rows},
        )
        print(f"load average (1/5/15 min) at the end: {' / '.join(f'{x:.1f}' for x in os.getloadavg())}"
              f" on {os.cpu_count()} CPUs; numbers are only comparable on a quiet machine")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
