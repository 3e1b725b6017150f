"""The worker processes `journeys serve` runs beside its API: started, watched, restarted, drained.

Each worker is the `journeys worker` command in a child process (its own interpreter and core), sharing the
server's environment and its log stream. A worker that exits while the server runs is reported and started
again after a back-off; on shutdown every worker gets SIGTERM, drains its steps and releases its leases.
Built on the standard library's ``subprocess``: uvicorn's own supervisor only runs copies of the app.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
from collections.abc import Sequence

logger = logging.getLogger("journeys.supervisor")

RESTART_DELAYS_S = (1.0, 2.0, 5.0, 10.0, 30.0)  # a worker failing at start is not restarted in a tight loop
STABLE_AFTER_S = 60.0  # a worker that ran this long starts again after the shortest delay


def worker_command(housekeeping: bool) -> list[str]:
    """The child's command line: this interpreter running the CLI's ``worker``."""
    command = [sys.executable, "-m", "backend", "worker", "--stop-with-parent"]
    return command if housekeeping else [*command, "--no-housekeeping"]


class WorkerProcesses:
    """``count`` workers; the first also runs housekeeping (one pruner is enough and avoids lock contention)."""

    def __init__(
        self,
        count: int,
        drain_seconds: float,
        commands: Sequence[list[str]] | None = None,
        restart_delays: Sequence[float] = RESTART_DELAYS_S,
    ) -> None:
        self._commands = list(commands) if commands is not None else [worker_command(i == 0) for i in range(count)]
        self._drain_seconds = drain_seconds
        self._restart_delays = tuple(restart_delays)
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._running: dict[int, subprocess.Popen[bytes]] = {}
        self._watchers: list[threading.Thread] = []
        self.restarts = 0

    def start(self) -> None:
        """Start every worker and a watcher thread per worker."""
        for index, command in enumerate(self._commands):
            watcher = threading.Thread(target=self._watch, args=(index, command), name=f"worker-{index}", daemon=True)
            self._watchers.append(watcher)
            watcher.start()

    def pids(self) -> list[int]:
        """Process ids of the workers running now."""
        with self._lock:
            return [process.pid for process in self._running.values()]

    def _watch(self, index: int, command: list[str]) -> None:
        failures = 0
        while not self._stopping.is_set():
            with self._lock:
                if self._stopping.is_set():
                    return
                # Our own interpreter and CLI, no user input; stdout/stderr inherited: one log stream.
                process = subprocess.Popen(command)  # noqa: S603
                self._running[index] = process
            logger.info("worker %d started (pid %d)", index, process.pid)
            ran_long = _still_running_after(process, STABLE_AFTER_S)
            code = process.wait()
            with self._lock:
                self._running.pop(index, None)
            if self._stopping.is_set():
                return
            failures = 1 if ran_long else failures + 1
            delay = self._restart_delays[min(failures, len(self._restart_delays)) - 1]
            self.restarts += 1
            logger.error(
                "worker %d (pid %d) exited with code %s; starting it again in %.0f s", index, process.pid, code, delay
            )
            if self._stopping.wait(delay):
                return

    def stop(self) -> None:
        """SIGTERM to every worker, wait for them to drain, then kill what is left."""
        with self._lock:
            self._stopping.set()
            running = list(self._running.values())
        for process in running:
            process.terminate()
        for process in running:
            try:
                process.wait(timeout=self._drain_seconds)
            except subprocess.TimeoutExpired:
                logger.error("worker pid %d did not drain in %.0f s; killing it", process.pid, self._drain_seconds)
                process.kill()
                process.wait()
        for watcher in self._watchers:
            watcher.join(timeout=5)


def _still_running_after(process: subprocess.Popen[bytes], seconds: float) -> bool:
    """True when the process is still running after ``seconds``."""
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        return True
    return False
