"""The one place a worker and its collaborators are built (``journeys worker`` and the embedded worker)."""

from __future__ import annotations

import contextlib
import os
import socket
import uuid

from sqlalchemy.ext.asyncio import AsyncEngine

from backend.actions.auth import Authenticator
from backend.config import Settings
from backend.db.sync_work import SyncTransactions
from backend.outbound.sender import create_sender
from backend.runtime.calls.action import CallTools
from backend.runtime.calls.limits import RateLimits
from backend.runtime.clock import Clock
from backend.runtime.execution.cache import RuntimeCache
from backend.runtime.execution.engine import Engine
from backend.runtime.execution.steps import StepRunner
from backend.runtime.execution.store import InstanceStore
from backend.runtime.execution.worker import Worker, WorkerOptions
from backend.runtime.wake import WorkSignal


def worker_owner() -> str:
    """The lease owner name of a new worker: host, process and a random suffix (several workers per process)."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def create_worker(
    settings: Settings,
    engine: AsyncEngine,
    clock: Clock,
    work: WorkSignal | None = None,
    options: WorkerOptions | None = None,
) -> Worker:
    """A worker on ``engine`` and ``clock``, woken through ``work`` (the ingestion of its process, if any)."""
    options = options or WorkerOptions.from_settings(settings)
    resources = contextlib.AsyncExitStack()
    transactions = SyncTransactions(engine)
    resources.callback(transactions.close)
    sender = create_sender(settings.allowed_private_hosts)
    resources.push_async_callback(sender.aclose)
    store = InstanceStore(transactions, clock, worker_owner(), options.lease_seconds)
    cache = RuntimeCache(transactions, settings.secret_key)
    tools = CallTools(Authenticator(sender.send), RateLimits(transactions, clock), clock)
    runner = StepRunner(clock, cache, tools)
    return Worker(
        clock=clock,
        options=options,
        store=store,
        engine=Engine(transactions, store, cache, runner),
        runner=runner,
        work=work or WorkSignal(),
        resources=resources,
    )
