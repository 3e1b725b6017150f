"""Creating, reading, changing and deleting custom actions (validated fully before anything is written)."""

from __future__ import annotations

import contextlib
import uuid
from typing import Any
from urllib.parse import urlsplit

import msgspec
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.actions.convert import action_out, name_key, row_values, stored_action
from backend.actions.schemas import ActionField, ActionInput, ActionOut
from backend.actions.secrets_box import SecretDecryptionError, secret_field
from backend.actions.usage import blocking_journeys, used_in
from backend.actions.validation import validate_action
from backend.db.tables import CustomActionRow
from backend.db.types import utcnow
from backend.errors import ConflictError, InvalidInputError, NotFoundError


async def list_actions(db: AsyncSession) -> list[ActionOut]:
    """Every action by name, secrets hidden."""
    rows = list((await db.exec(select(CustomActionRow).order_by(col(CustomActionRow.name_key)))).all())
    usage = await used_in(db, [row.id for row in rows])
    return [action_out(row, usage.get(row.id, [])) for row in rows]


async def get_row(db: AsyncSession, action_id: uuid.UUID) -> CustomActionRow:
    """The stored row, or 404."""
    row = await db.get(CustomActionRow, action_id)
    if row is None:
        raise NotFoundError(f"no custom action {action_id}")
    return row


async def get_action(db: AsyncSession, action_id: uuid.UUID) -> ActionOut:
    """One action, secrets hidden."""
    row = await get_row(db, action_id)
    return action_out(row, (await used_in(db, [row.id])).get(row.id, []))


async def load_action(db: AsyncSession, action_id: uuid.UUID, secret_key: str) -> ActionInput:
    """One action with its secret decrypted, for calls (the runtime and the test call)."""
    return stored_action(await get_row(db, action_id), secret_key)


async def _check_name_free(db: AsyncSession, name: str, own_id: uuid.UUID | None) -> None:
    query = select(CustomActionRow.id).where(CustomActionRow.name_key == name_key(name))
    existing = (await db.exec(query)).first()
    if existing is not None and existing != own_id:
        raise ConflictError(f"a custom action named {name.strip()!r} already exists")


async def _commit(db: AsyncSession, name: str) -> None:
    try:
        await db.commit()
    except IntegrityError:  # a concurrent request took the name between check and write
        await db.rollback()
        raise ConflictError(f"a custom action named {name.strip()!r} already exists") from None


async def create_action(db: AsyncSession, data: ActionInput, secret_key: str) -> ActionOut:
    """A new action; 400 naming each bad field, 409 for a taken name."""
    validate_action(data)
    await _check_name_free(db, data.name, None)
    row = CustomActionRow(**row_values(data, secret_key))
    db.add(row)
    await _commit(db, data.name)
    return action_out(row, [])


def _secret_destination(action: ActionInput, auth: dict[str, Any]) -> str:
    """The origin a secret is sent to: the token URL for OAuth2, the action's URL otherwise."""
    parts = urlsplit(str(auth.get("tokenUrl") or action.url))
    return f"{parts.scheme}://{parts.netloc}".lower()


def _keep_secret(data: ActionInput, stored: ActionInput) -> ActionInput:
    """A PUT that sends null for the secret keeps the stored one, for the same auth type and destination.

    Keeping it after the destination changed would let an edit send the stored secret to any server.
    """
    new = msgspec.to_builtins(data.authentication)
    old = msgspec.to_builtins(stored.authentication)
    if new["type"] != old["type"]:
        return data
    secret = secret_field(new)
    if secret and new.get(secret) is None and _secret_destination(data, new) != _secret_destination(stored, old):
        raise InvalidInputError.field(
            f"authentication.{secret}", "must be entered again: the address it is sent to has changed"
        )
    merged = {k: (old.get(k) if v is None and k in old else v) for k, v in new.items()}
    return msgspec.structs.replace(data, authentication=msgspec.convert(merged, type(data.authentication)))


def _keep_field_secrets(data: ActionInput, stored: ActionInput, where: str) -> list[ActionField]:
    """Secret headers or query parameters sent with a null value keep the stored value of the same name."""
    new: list[ActionField] = getattr(data, where)
    case = str.lower if where == "headers" else str  # header names are case-insensitive
    label = "headers" if where == "headers" else "queryParameters"
    kept = {case(f.name): f.value for f in getattr(stored, where) if f.secret and f.value is not None}
    moved = _secret_destination(data, {}) != _secret_destination(stored, {})
    fields: list[ActionField] = []
    for index, spec in enumerate(new):
        if spec.secret and spec.kind == "constant" and spec.value is None and case(spec.name) in kept:
            if moved:
                raise InvalidInputError.field(
                    f"{label}[{index}].value", "must be entered again: the address it is sent to has changed"
                )
            spec = msgspec.structs.replace(spec, value=kept[case(spec.name)])
        fields.append(spec)
    return fields


def _keep_secrets(data: ActionInput, stored: ActionInput) -> ActionInput:
    """A PUT keeps every secret it sends as null (authentication, secret headers and query parameters)."""
    data = _keep_secret(data, stored)
    headers = _keep_field_secrets(data, stored, "headers")
    query_parameters = _keep_field_secrets(data, stored, "query_parameters")
    return msgspec.structs.replace(data, headers=headers, query_parameters=query_parameters)


async def update_action(db: AsyncSession, action_id: uuid.UUID, data: ActionInput, secret_key: str) -> ActionOut:
    """Replace an action's configuration; secrets sent as null are kept."""
    row = await get_row(db, action_id)
    # When the key changed the stored secret is unreadable: it must be sent again, which validation asks for.
    with contextlib.suppress(SecretDecryptionError):
        data = _keep_secrets(data, stored_action(row, secret_key))
    validate_action(data)
    await _check_name_free(db, data.name, row.id)
    for column, value in row_values(data, secret_key).items():
        setattr(row, column, value)
    row.updated_at = utcnow()
    await _commit(db, data.name)
    return action_out(row, (await used_in(db, [row.id])).get(row.id, []))


async def delete_action(db: AsyncSession, action_id: uuid.UUID) -> None:
    """Delete an action no published journey uses; 409 names the journeys that do."""
    row = await get_row(db, action_id)
    blocking = await blocking_journeys(db, action_id)
    if blocking:
        names = ", ".join(f"{j.name} ({j.status})" for j in blocking)
        raise ConflictError(
            f"custom action {row.name!r} is used by journeys: {names}",
            journeys=[msgspec.to_builtins(j) for j in blocking],
        )
    await db.delete(row)
    await db.commit()
