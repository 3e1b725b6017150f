"""The benchmark's peer: Node-RED doing the runtime bench's work (event -> condition -> call -> answer).

``bench/node_red_flow.json`` is the flow: ``http in`` POST /api/events -> ``switch`` on ``order.total > 0`` ->
``change`` (Idempotency-Key header, ``{orderId, sentAt}`` body) -> ``http request`` POST to the sink -> ``http
response`` 202. Nothing is persisted, unlike Journey Builder, and the answer waits for the call. Node-RED is
installed with npm into a cache folder on first use (``JB_BENCH_CACHE``, default ``~/.cache/journeys-bench``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from runtime_procs import ROOT, Processes, Started, free_port, wait_http

NODE_RED_VERSION = "4.1.15"
FLOW = ROOT / "bench" / "node_red_flow.json"


def node_red_available() -> bool:
    """Node.js and npm are here (the README's prerequisites; a bench machine may lack them)."""
    return shutil.which("node") is not None and shutil.which("npm") is not None


def cache_folder() -> Path:
    """Where the pinned Node-RED is installed once and reused."""
    base = Path(os.environ.get("JB_BENCH_CACHE", Path.home() / ".cache" / "journeys-bench"))
    return base / f"node-red-{NODE_RED_VERSION}"


def install_node_red() -> Path:
    """Node-RED's ``red.js``, installed with npm on first use."""
    folder = cache_folder()
    red = folder / "node_modules" / "node-red" / "red.js"
    if not red.exists():
        folder.mkdir(parents=True, exist_ok=True)
        print(f"installing Node-RED {NODE_RED_VERSION} into {folder} (once)", flush=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(folder), "--no-audit", "--no-fund", f"node-red@{NODE_RED_VERSION}"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return red


def start_node_red(procs: Processes, sink_hook: str) -> tuple[Started, str]:
    """Node-RED with the bench flow, its user folder inside the run's folder; returns it and its base URL."""
    red = install_node_red()
    user_dir = procs.folder / "node-red"
    user_dir.mkdir()
    shutil.copy(FLOW, user_dir / "flows.json")
    settings = user_dir / "settings.js"
    # Loopback only, quiet logs, no credential file to encrypt (the flow has none).
    settings.write_text(
        'module.exports = { uiHost: "127.0.0.1", flowFile: "flows.json", credentialSecret: false,'
        ' logging: { console: { level: "warn", metrics: false, audit: false } } };\n'
    )
    port = free_port()
    args = ["node", str(red), "--port", str(port), "--userDir", str(user_dir), "--settings", str(settings)]
    started = procs.start("node-red", args, {"JB_BENCH_SINK_URL": sink_hook, "NODE_ENV": "production"})
    base = f"http://127.0.0.1:{port}"
    wait_http(started, f"{base}/")
    return started, base
