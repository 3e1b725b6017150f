"""Processes of the runtime benchmark: start and stop them, read their CPU time and memory, make databases."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
POSTGRES_ADMIN_URL = os.environ.get("JOURNEYS_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
_TICK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def machine_ticks() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    total = sum(values[:8])  # user nice system idle iowait irq softirq steal
    return total - idle, total


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICK


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


@dataclass
class Started:
    """A child process and where its output goes."""

    name: str
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after 10 s."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def tail(self) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-25:])


@dataclass
class Processes:
    """Everything a run started, stopped in reverse order."""

    folder: Path
    started: list[Started] = field(default_factory=list)

    def start(self, name: str, args: list[str], env: dict[str, str] | None = None) -> Started:
        log = self.folder / f"{name}.log"
        full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
        with log.open("wb") as out:
            process = subprocess.Popen(args, cwd=ROOT, env=full_env, stdout=out, stderr=subprocess.STDOUT)
        item = Started(name, process, log)
        self.started.append(item)
        return item

    def stop_all(self) -> None:
        while self.started:
            self.started.pop().stop()

    def __enter__(self) -> Processes:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        """Stop everything; keep the logs only when the run failed."""
        self.stop_all()
        if kind is None:
            shutil.rmtree(self.folder, ignore_errors=True)
        else:
            print(f"logs kept in {self.folder}", file=sys.stderr)


def child_pids(pid: int, timeout: float = 30.0) -> list[int]:
    """The child processes of ``pid`` (``journeys serve``'s workers), waiting until at least one has started."""
    deadline = time.monotonic() + timeout
    while True:
        children = [
            int(child)
            for task in Path(f"/proc/{pid}/task").iterdir()
            for child in (task / "children").read_text().split()
        ]
        if children or time.monotonic() > deadline:
            return children
        time.sleep(0.2)


def processes(prefix: str) -> Processes:
    """A fresh temporary folder for a run's logs and database."""
    return Processes(Path(tempfile.mkdtemp(prefix=prefix)))


def wait_http(item: Started, url: str, timeout: float = 60.0) -> None:
    """Until ``url`` answers below 500; a process that exits first fails with its log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if item.process.poll() is not None:
            raise RuntimeError(f"{item.name} exited with {item.process.returncode}:\n{item.tail()}")
        try:
            if httpx.get(url, timeout=1.0).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{item.name} did not answer at {url} within {timeout} s:\n{item.tail()}")


def journeys_commands() -> set[str]:
    """The subcommands the installed ``journeys`` CLI offers (``worker`` arrives with the runtime)."""
    sys.path.insert(0, str(ROOT))
    from backend.cli import build_parser

    parser = build_parser()
    actions = [a for a in parser._actions if a.dest == "command"]  # argparse has no public accessor
    return set(getattr(actions[0], "choices", {}) or {}) if actions else set()


def _asyncpg_dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


async def _admin(statement: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(_asyncpg_dsn(POSTGRES_ADMIN_URL), timeout=3)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


def postgres_available() -> bool:
    """Whether the PostgreSQL server answers on loopback."""
    try:
        asyncio.run(_admin("SELECT 1"))
    except Exception:
        return False
    return True


def create_postgres_database() -> tuple[str, str]:
    """A fresh database for this run: its name and SQLAlchemy URL."""
    name = f"jb_bench_{uuid.uuid4().hex[:10]}"
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    base, _, _ = POSTGRES_ADMIN_URL.rpartition("/")
    return name, f"{base}/{name}"


def drop_postgres_database(name: str) -> None:
    """Drop the run's database, closing stray connections first."""
    asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
