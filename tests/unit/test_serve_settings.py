"""How many worker processes `journeys serve` runs, from JOURNEYS_WORKERS and JOURNEYS_EMBEDDED_WORKER."""

from __future__ import annotations

import os
import sys

import pytest

from backend.config import load_settings
from backend.supervisor import WorkerProcesses, worker_command

BASE = {"JOURNEYS_SECRET_KEY": "k"}


def test_by_default_one_worker_process_per_two_cores_and_no_embedded_worker() -> None:
    settings = load_settings(BASE)
    assert settings.embedded_worker is False
    assert settings.workers == max(1, (os.cpu_count() or 1) // 2)


def test_an_embedded_worker_means_no_worker_processes_unless_asked() -> None:
    assert load_settings({**BASE, "JOURNEYS_EMBEDDED_WORKER": "true"}).workers == 0
    assert load_settings({**BASE, "JOURNEYS_EMBEDDED_WORKER": "true", "JOURNEYS_WORKERS": "2"}).workers == 2
    assert load_settings({**BASE, "JOURNEYS_WORKERS": "0"}).workers == 0


@pytest.mark.parametrize("value", ["-1", "two", "1.5"])
def test_a_worker_count_that_is_not_a_whole_number_is_refused_by_name(value: str) -> None:
    with pytest.raises(ValueError, match="JOURNEYS_WORKERS must be a whole number"):
        load_settings({**BASE, "JOURNEYS_WORKERS": value})


def test_only_the_first_worker_runs_housekeeping() -> None:
    assert worker_command(True)[-2:] == ["worker", "--stop-with-parent"]
    assert worker_command(False)[-3:] == ["worker", "--stop-with-parent", "--no-housekeeping"]


def test_a_worker_failing_at_start_is_restarted_with_growing_delays_and_stop_ends_it() -> None:
    failing = [sys.executable, "-c", "raise SystemExit(3)"]
    processes = WorkerProcesses(1, drain_seconds=5, commands=[failing], restart_delays=(0.05, 0.1, 0.2))
    processes.start()
    import time

    deadline = time.monotonic() + 20
    while processes.restarts < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    processes.stop()
    assert processes.restarts >= 3
    settled = processes.restarts
    time.sleep(0.3)
    assert processes.restarts == settled  # nothing is started after stop
    assert processes.pids() == []
