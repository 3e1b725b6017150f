"""`journeys serve` on a free loopback port, for tests that need a real server and a real HTTP client."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

JOURNEYS = Path(sys.executable).parent / "journeys"


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_healthy(base_url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}:\n{log.read_text()[-4000:]}")
        try:
            if httpx.get(f"{base_url}/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the server did not become healthy in 60 s:\n{log.read_text()[-4000:]}")


@contextmanager
def live_server(workdir: Path, env: dict[str, str]) -> Iterator[str]:
    """Run the server with ``env`` added to the environment in ``workdir``; yields its base URL."""
    port = free_port()
    full_env = {**os.environ, "JOURNEYS_HOST": "127.0.0.1", "JOURNEYS_PORT": str(port), **env}
    log = workdir / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen([str(JOURNEYS), "serve"], cwd=workdir, env=full_env, stdout=out, stderr=out)
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(base_url, process, log)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
