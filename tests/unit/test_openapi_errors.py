"""The OpenAPI document describes the error answers the API really sends: ``{status, detail, errors}``."""

from __future__ import annotations

from typing import Any

import pytest
from litestar import Litestar

from backend.app import create_app
from backend.config import Settings


@pytest.fixture(name="app", scope="module")
def app_fixture(tmp_path_factory: pytest.TempPathFactory) -> Litestar:
    folder = tmp_path_factory.mktemp("openapi")
    url = f"sqlite+aiosqlite:///{folder / 'x.db'}"
    return create_app(Settings(database_url=url, secret_key="k" * 32, frontend_dir=None))


@pytest.fixture(name="document", scope="module")
def document_fixture(app: Litestar) -> dict[str, Any]:
    return app.openapi_schema.to_schema()


def operations(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {op["operationId"]: op for item in document["paths"].values() for op in item.values() if "operationId" in op}


def resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    return document["components"]["schemas"][ref.rsplit("/", 1)[1]] if ref else schema


def test_every_4xx_answer_is_documented_as_status_detail_errors(document: dict[str, Any]) -> None:
    for operation_id, operation in operations(document).items():
        for code, response in operation["responses"].items():
            if not code.startswith("4"):
                continue
            schema = resolve(document, response["content"]["application/json"]["schema"])
            assert set(schema["required"]) == {"status", "detail", "errors"}, (operation_id, code, schema)
            problem = resolve(document, schema["properties"]["errors"]["items"])
            assert set(problem["required"]) == {"field", "message"}, (operation_id, code)


@pytest.mark.parametrize(
    ("operation_id", "codes"),
    [
        ("login", {"400", "401", "403", "413", "429"}),
        ("me", {"401", "404"}),
        ("listJourneys", {"401"}),
        ("createJourney", {"400", "401", "403", "413"}),
        ("updateJourney", {"400", "401", "403", "404", "409", "413"}),
        ("publishJourney", {"400", "401", "403", "404", "409", "422"}),
        ("createAction", {"400", "401", "403", "409", "413"}),
        ("deleteEventType", {"400", "401", "403", "404", "409"}),
        ("updateUser", {"400", "401", "403", "404", "409", "413", "429"}),
        ("sendEvent", {"400", "401", "403", "413", "429"}),
        ("sendEvents", {"400", "401", "403", "413", "429"}),
        ("listInstances", {"400", "401"}),
        ("getInstance", {"400", "401", "404"}),
        ("health", {"503"}),
    ],
)
def test_each_operation_documents_the_errors_it_can_answer(
    document: dict[str, Any], operation_id: str, codes: set[str]
) -> None:
    documented = {code for code in operations(document)[operation_id]["responses"] if code[0] in "45"}
    assert documented == codes


def test_no_dependency_shares_its_name_with_a_body_field(app: Litestar, document: dict[str, Any]) -> None:
    """Litestar reports an invalid body field named like a dependency as a server fault (500), so none may be."""
    fields = {name for schema in document["components"]["schemas"].values() for name in schema.get("properties", {})}
    assert set(app.dependencies) == {"db", "app_settings", "action_auth", "intake", "monitoring", "stopped_versions"}
    assert not set(app.dependencies) & fields
