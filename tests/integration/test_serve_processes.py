"""`journeys serve` runs its worker processes: they do the steps, a crashed one is started again, SIGTERM drains all."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.fake_third_party import FakeThirdParty
from tests.live_server import JOURNEYS, free_port

ADMIN = {"email": "serve@example.com", "password": "Serve-Test-Admin-Heron-41"}


def _children(pid: int) -> list[int]:
    return [
        int(child) for task in Path(f"/proc/{pid}/task").iterdir() for child in (task / "children").read_text().split()
    ]


def _gone(pid: int) -> bool:
    """Exited: no process, or a zombie nobody reaped (a container's first process may never reap orphans)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def _until(check: Callable[[], bool], seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.1)


class Serve:
    """A running `journeys serve` with its log."""

    def __init__(self, process: subprocess.Popen[bytes], base_url: str, log: Path) -> None:
        self.process, self.base_url, self.log = process, base_url, log

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


@pytest.fixture(name="serve")
def serve_fixture(tmp_path: Path) -> Iterator[Serve]:
    """`journeys serve` with the shipped defaults except two worker processes, on a fresh SQLite database."""
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")},
        "JOURNEYS_HOST": "127.0.0.1",
        "JOURNEYS_PORT": str(port),
        "JOURNEYS_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'journeys.db'}",
        "JOURNEYS_ADMIN_EMAIL": ADMIN["email"],
        "JOURNEYS_ADMIN_PASSWORD": ADMIN["password"],
        "JOURNEYS_SECRET_KEY": "serve-test-secret-key-0123456789",
        "JOURNEYS_FRONTEND_DIR": str(tmp_path / "no-frontend"),
        "JOURNEYS_ALLOWED_PRIVATE_HOSTS": "127.0.0.1",
        "JOURNEYS_COOKIE_SECURE": "false",
        "JOURNEYS_WORKERS": "2",
    }
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen([str(JOURNEYS), "serve"], cwd=tmp_path, env=env, stdout=out, stderr=out)
    serve = Serve(process, f"http://127.0.0.1:{port}", log)

    def healthy() -> bool:
        assert process.poll() is None, serve.log_text()
        try:
            return httpx.get(f"{serve.base_url}/api/health", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        _until(healthy, 60)
        _until(lambda: len(_children(process.pid)) == 2)
        yield serve
    finally:
        if process.poll() is None:
            process.kill()
            for child in _children(process.pid):
                os.kill(child, signal.SIGKILL)
            process.wait()


def _publish_journey(api: httpx.Client, hook_url: str) -> str:
    """Event type -> action (POST hook_url) -> journey, published; an API token for ingestion."""
    token = api.post("/api/tokens", json={"name": "serve"}).json()["token"]
    example = {"order": {"id": "o-1"}}
    event_type = api.post("/api/event-types", json={"name": "order placed", "example": example}).json()
    fields = [{"path": "orderId", "kind": "variable", "type": "string"}]
    action = {
        "name": "notify",
        "method": "POST",
        "url": hook_url,
        "requestPayload": {"example": {"orderId": "x"}, "fields": fields},
    }
    action_id = api.post("/api/actions", json=action).json()["id"]
    mappings = {"payload": {"orderId": {"source": "field", "field": "event.order.id"}}}
    nodes = [
        {"id": "start", "type": "event", "position": {"x": 0, "y": 0}, "eventTypeId": event_type["id"]},
        {"id": "call", "type": "action", "position": {"x": 200, "y": 0}, "actionId": action_id, "mappings": mappings},
        {"id": "done", "type": "end", "position": {"x": 400, "y": 0}},
    ]
    edges = [
        {"id": "e1", "source": "start", "target": "call", "sourceHandle": "next"},
        {"id": "e2", "source": "call", "target": "done", "sourceHandle": "success"},
    ]
    journey = api.post("/api/journeys", json={"name": "serve", "definition": {"nodes": nodes, "edges": edges}}).json()
    assert api.post(f"/api/journeys/{journey['id']}/publish").status_code == 200
    return str(token)


def _send(base_url: str, token: str, order_id: str) -> None:
    event = {"type": "order placed", "profileId": f"p-{order_id}", "data": {"order": {"id": order_id}}}
    answer = httpx.post(f"{base_url}/api/events", json=event, headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert answer.status_code == 202, answer.text


def test_worker_processes_run_the_steps_and_a_killed_one_is_started_again(serve: Serve) -> None:
    with FakeThirdParty() as third_party, httpx.Client(base_url=serve.base_url, timeout=30) as api:
        third_party.route("POST", "/hook", json={"ok": True})
        assert api.post("/api/auth/login", json=ADMIN).status_code == 200
        token = _publish_journey(api, f"{third_party.url}/hook")
        _send(serve.base_url, token, "o-1")
        _until(lambda: len(third_party.requests_to("/hook")) == 1)  # the API process runs no worker: a child did

        killed = _children(serve.process.pid)[0]
        os.kill(killed, signal.SIGKILL)
        _until(lambda: killed not in _children(serve.process.pid) and len(_children(serve.process.pid)) == 2)
        assert "exited with code -9; starting it again" in serve.log_text()

        for child in _children(serve.process.pid):
            if child != killed:
                os.kill(child, signal.SIGKILL)  # the other original too: only restarted workers are left
        _until(lambda: len(_children(serve.process.pid)) == 2, 60)
        _send(serve.base_url, token, "o-2")
        _until(lambda: len(third_party.requests_to("/hook")) == 2)
        assert [r.json["orderId"] for r in third_party.requests_to("/hook")] == ["o-1", "o-2"]


def test_sigterm_stops_the_api_and_drains_every_worker(serve: Serve) -> None:
    workers = _children(serve.process.pid)
    _until(lambda: serve.log_text().count(" started\n") >= 2)  # both workers run (and handle SIGTERM)
    serve.process.terminate()
    assert serve.process.wait(timeout=60) == 0
    assert all(_gone(pid) for pid in workers)
    log = serve.log_text()
    assert log.count("stopped") >= 2  # each worker logged its drained stop
    assert "starting it again" not in log  # a stopping server does not restart its workers


def test_workers_of_a_killed_server_stop_on_their_own(serve: Serve) -> None:
    workers = _children(serve.process.pid)
    _until(lambda: serve.log_text().count(" started\n") >= 2)
    serve.process.kill()  # SIGKILL: no chance to stop its workers
    serve.process.wait()
    _until(lambda: all(_gone(pid) for pid in workers), 60)
    assert serve.log_text().count("that started this worker is gone; stopping") == 2
