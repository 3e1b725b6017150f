"""Custom action rows to wire structs and back: the one place secrets are sealed, opened or hidden."""

from __future__ import annotations

from typing import Any

import msgspec

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
from backend.actions.secrets_box import redact, seal, unseal
from backend.db.tables import CustomActionRow


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
        "headers": msgspec.to_builtins(data.headers),
        "query_parameters": msgspec.to_builtins(data.query_parameters),
        "authentication": seal(secret_key, msgspec.to_builtins(data.authentication)),
        "request_payload": msgspec.to_builtins(data.request_payload),
        "response_payload": msgspec.to_builtins(data.response_payload),
        "timeout_ms": data.timeout_ms,
        "max_retries": data.max_retries,
        "capping": msgspec.to_builtins(data.capping),
        "throttling": msgspec.to_builtins(data.throttling),
    }


def _fields(row: CustomActionRow, authentication: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": row.name,
        "method": row.method,
        "url": row.url,
        "description": row.description,
        "headers": msgspec.convert(row.headers, list[ActionField]),
        "query_parameters": msgspec.convert(row.query_parameters, list[ActionField]),
        "authentication": msgspec.convert(authentication, Authentication),
        "request_payload": msgspec.convert(row.request_payload, RequestPayload | None),
        "response_payload": msgspec.convert(row.response_payload, ResponsePayload | None),
        "timeout_ms": row.timeout_ms,
        "max_retries": row.max_retries,
        "capping": msgspec.convert(row.capping, Capping),
        "throttling": msgspec.convert(row.throttling, Throttling | None),
    }


def action_out(row: CustomActionRow, used_in: list[JourneyRef]) -> ActionOut:
    """The action as answered: secrets are null."""
    return ActionOut(
        **_fields(row, redact(row.authentication)),
        id=row.id,
        used_in=used_in,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def stored_action(row: CustomActionRow, secret_key: str) -> ActionInput:
    """The action with its secret decrypted, for making calls (never answered to a client)."""
    return ActionInput(**_fields(row, unseal(secret_key, row.authentication)))
