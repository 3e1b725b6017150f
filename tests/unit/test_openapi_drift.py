"""The committed frontend/src/api/openapi.json is what `journeys openapi` prints for this backend."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backend.cli import main

COMMITTED = Path(__file__).resolve().parents[2] / "frontend" / "src" / "api" / "openapi.json"


def test_committed_openapi_matches_the_server(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["openapi"]) == 0
    served = json.loads(capsys.readouterr().out)
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    if served != committed:
        changed = sorted(
            path
            for path in served.get("paths", {}).keys() | committed.get("paths", {}).keys()
            if served.get("paths", {}).get(path) != committed.get("paths", {}).get(path)
        )
        schemas = served.get("components", {}).get("schemas", {})
        old = committed.get("components", {}).get("schemas", {})
        changed += sorted(name for name in schemas.keys() | old.keys() if schemas.get(name) != old.get(name))
        pytest.fail(
            f"{COMMITTED.relative_to(COMMITTED.parents[3])} differs from `journeys openapi` "
            f"(changed: {', '.join(changed) or 'top-level fields'}); run `make types` and commit the result.",
            pytrace=False,
        )
