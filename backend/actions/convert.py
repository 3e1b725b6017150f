"""Custom action rows to wire structs and back: the one place secrets are sealed, opened or hidden.

Secrets are the authentication's secret field and the values of headers and query parameters marked secret.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import msgspec
from sqlalchemy import Row

from backend.actions.schemas import (
    ActionField,
    ActionInput,
    ActionOut,
    Authentication,
    Capping,
    JourneyRef,
    RequestPayload,
    ResponsePayload,
    Throttling,
)
from backend.actions.secrets_box import redact, redact_fields, seal, seal_fields, unseal, unseal_fields
from backend.db.tables import CustomActionRow

# An ORM row, or a Core row of the same table (the runtime's action cache reads those).
ActionRow = CustomActionRow | Row[Any]


def name_key(name: str) -> str:
    """The case-insensitive unique key of a name."""
    return name.strip().casefold()


def row_values(data: ActionInput, secret_key: str) -> dict[str, Any]:
    """Column values of an action, with its secret encrypted."""
    return {
        "name": data.name.strip(),
        "name_key": name_key(data.name),
        "description": data.description,
        "method": data.method,
        "url": data.url,
        "headers": seal_fields(secret_key, msgspec.to_builtins(data.headers)),
        "query_parameters": seal_fields(secret_key, msgspec.to_builtins(data.query_parameters)),
        "path_parameters": msgspec.to_builtins(data.path_parameters),  # never secret (validation refuses it)
        "authentication": seal(secret_key, msgspec.to_builtins(data.authentication)),
        "request_payload": msgspec.to_builtins(data.request_payload),
        "body_encoding": data.body_encoding,
        "response_payload": msgspec.to_builtins(data.response_payload),
        "timeout_ms": data.timeout_ms,
        "follow_redirects": data.follow_redirects,
        "max_retries": data.max_retries,
        "capping": msgspec.to_builtins(data.capping),
        "throttling": msgspec.to_builtins(data.throttling),
    }


def _fields(row: ActionRow, secrets: Callable[[list[dict[str, Any]]], list[dict[str, Any]]]) -> dict[str, Any]:
    """The wire fields of a row, with ``secrets`` applied to its headers and query parameters."""
    return {
        "name": row.name,
        "method": row.method,
        "url": row.url,
        "description": row.description,
        "headers": msgspec.convert(secrets(row.headers or []), list[ActionField]),
        "query_parameters": msgspec.convert(secrets(row.query_parameters or []), list[ActionField]),
        "path_parameters": msgspec.convert(row.path_parameters or [], list[ActionField]),
        "request_payload": msgspec.convert(row.request_payload, RequestPayload | None),
        "body_encoding": row.body_encoding,
        "response_payload": msgspec.convert(row.response_payload, ResponsePayload | None),
        "timeout_ms": row.timeout_ms,
        "follow_redirects": row.follow_redirects,
        "max_retries": row.max_retries,
        "capping": msgspec.convert(row.capping, Capping),
        "throttling": msgspec.convert(row.throttling, Throttling | None),
    }


def action_out(row: CustomActionRow, used_in: list[JourneyRef], locked_by: list[JourneyRef] | None = None) -> ActionOut:
    """The action as answered: secrets are null."""
    return ActionOut(
        **_fields(row, redact_fields),
        authentication=msgspec.convert(redact(row.authentication), Authentication),
        id=row.id,
        used_in=used_in,
        locked_by=locked_by or [],
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def stored_action(row: ActionRow, secret_key: str) -> ActionInput:
    """The action with its secret decrypted, for making calls (never answered to a client)."""
    authentication = msgspec.convert(unseal(secret_key, row.authentication), Authentication)
    return ActionInput(**_fields(row, partial(unseal_fields, secret_key)), authentication=authentication)
