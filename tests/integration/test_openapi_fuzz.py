"""Property-based fuzzing of the whole OpenAPI document against the real server, signed in as an admin.

Every operation gets valid and invalid inputs generated from its schema; every answer must be no server error
and exactly what the document says (status code, content type, body schema, headers). ``make test`` runs a
short pass on SQLite; ``make fuzz`` a long one on both databases (``JOURNEYS_FUZZ_EXAMPLES``,
``JOURNEYS_FUZZ_DATABASES``).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis

from backend.app import create_app
from backend.config import Settings
from tests import databases
from tests.live_server import live_server

EXAMPLES = int(os.environ.get("JOURNEYS_FUZZ_EXAMPLES", "12"))
DATABASES = os.environ.get("JOURNEYS_FUZZ_DATABASES", "sqlite").split(",")
ADMIN_EMAIL = "fuzz-admin@example.com"
ADMIN_PASSWORD = "fuzz-admin-password"
CHECKS = {
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "response_headers_conformance",
}


@pytest.fixture(name="fuzz_database", scope="module", params=DATABASES)
def fuzz_database_fixture(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh, migrated database of the asked kind."""
    yield from databases.provide_database(request.param, tmp_path_factory)


@pytest.fixture(name="fuzz_server", scope="module")
def fuzz_server_fixture(fuzz_database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`journeys serve` on that database, without a worker (the runtime is not under test here)."""
    workdir = tmp_path_factory.mktemp("fuzz-server")
    env = {
        "JOURNEYS_DATABASE_URL": fuzz_database,
        "JOURNEYS_ADMIN_EMAIL": ADMIN_EMAIL,
        "JOURNEYS_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "JOURNEYS_SECRET_KEY": "fuzz-secret-key-0123456789abcdef",
        "JOURNEYS_ALLOWED_PRIVATE_HOSTS": "",
        "JOURNEYS_COOKIE_SECURE": "false",
        "JOURNEYS_FRONTEND_DIR": str(workdir / "no-frontend"),
        "JOURNEYS_EMBEDDED_WORKER": "false",
        "JOURNEYS_WORKERS": "0",
    }
    with live_server(workdir, env) as base_url:
        yield base_url


@pytest.fixture(name="admin_headers", scope="module")
def admin_headers_fixture(fuzz_server: str) -> dict[str, str]:
    """A bearer token of the first admin, made through the API as a client would."""
    with httpx.Client(base_url=fuzz_server, timeout=20) as client:
        assert client.post("/api/auth/login", json={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}).is_success
        created = client.post("/api/tokens", json={"name": "fuzz"})
        assert created.status_code == 201, created.text
        return {"Authorization": f"Bearer {created.json()['token']}"}


def openapi_document() -> dict[str, Any]:
    """The document the server serves at /schema/openapi.json, built from the same code without a server."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'openapi.db'}"
        return create_app(Settings(database_url=url, secret_key="k" * 32, frontend_dir=None)).openapi_schema.to_schema()


def fuzz_config() -> dict[str, Any]:
    """Bounded examples, valid and invalid inputs, the conformance checks only (no stateful phase)."""
    return {
        "generation": {"max-examples": EXAMPLES, "mode": "all", "database": "none", "allow-x00": True},
        "phases": {"stateful": {"enabled": False}},
        "checks": {"enabled": False, **{name: {"enabled": True} for name in CHECKS}},
        "suppress-health-check": ["all"],
    }


schema = schemathesis.openapi.from_dict(openapi_document(), config=schemathesis.Config.from_dict(fuzz_config()))


@schema.parametrize()
def test_every_operation_answers_what_the_document_says(
    case: schemathesis.Case, fuzz_server: str, admin_headers: dict[str, str]
) -> None:
    case.call_and_validate(base_url=fuzz_server, headers=admin_headers)
