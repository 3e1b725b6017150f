"""What validation needs to know about event types and custom actions, read from their tables."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from typing import Any

import msgspec
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db.tables import CustomActionRow, EventTypeRow
from backend.json_fields import derive_fields

_INDEX = re.compile(r"(?<=\.)\d+(?=\.|$)|^\d+(?=\.|$)")


def normalize_path(path: str) -> str:
    """Array indexes become ``0`` (derived fields describe an array by its first item)."""
    return _INDEX.sub("0", path)


class EventTypeInfo(msgspec.Struct, frozen=True):
    """An event type's id, name, the field paths its events carry, their types and which ones every event has."""

    id: uuid.UUID
    name: str
    fields: frozenset[str]
    types: dict[str, str] = {}
    required: frozenset[str] = frozenset()


class Variable(msgspec.Struct, frozen=True):
    """A variable of an action: ``section`` is ``headers``, ``queryParameters``, ``pathParameters`` or ``payload``.

    ``label`` is what marketers see in the inspector (the key when the technical user gave none).
    """

    section: str
    key: str
    required: bool
    type: str = "any"
    label: str = ""
    item_type: str = "any"  # for an array: the type of its items in the action's example

    @property
    def shown(self) -> str:
        """The name problems use: the label, else the key."""
        return self.label or self.key


class ActionInfo(msgspec.Struct, frozen=True):
    """A custom action's id, name, variables and the field paths of its example response."""

    id: uuid.UUID
    name: str
    variables: tuple[Variable, ...]
    response_fields: frozenset[str]
    response_types: dict[str, str] = {}


class Catalog(msgspec.Struct, frozen=True):
    """The event types and actions a definition may reference, by id."""

    event_types: dict[uuid.UUID, EventTypeInfo] = {}
    actions: dict[uuid.UUID, ActionInfo] = {}


def _variables(section: str, items: Iterable[Any], key_name: str) -> list[Variable]:
    """Variables of one stored list (headers, query parameters or payload fields), read defensively."""
    found: list[Variable] = []
    for item in items:
        if not isinstance(item, dict) or item.get("kind") != "variable":
            continue
        key = item.get(key_name)
        if isinstance(key, str) and key:
            label = item.get("label")
            field_type = item.get("type")
            found.append(
                Variable(
                    section,
                    key,
                    bool(item.get("required", True)),
                    field_type if isinstance(field_type, str) else "any",
                    label if isinstance(label, str) else "",
                )
            )
    return found


def action_info(row: CustomActionRow) -> ActionInfo:
    """An action row as validation sees it."""
    payload = row.request_payload if isinstance(row.request_payload, dict) else {}
    response = row.response_payload if isinstance(row.response_payload, dict) else {}
    example_types = {f.path: f.type for f in derive_fields(payload.get("example"))}
    variables = [
        *_variables("headers", row.headers or [], "name"),
        *_variables("queryParameters", row.query_parameters or [], "name"),
        *_variables("pathParameters", row.path_parameters or [], "name"),
        *(
            msgspec.structs.replace(v, item_type=example_types.get(f"{v.key}.0", "any"))
            for v in _variables("payload", payload.get("fields") or [], "path")
        ),
    ]
    derived = derive_fields(response.get("example"))
    types = {normalize_path(f.path): f.type for f in derived}
    return ActionInfo(row.id, row.name, tuple(variables), frozenset(types), types)


def event_type_info(row: EventTypeRow) -> EventTypeInfo:
    """An event type row as validation sees it (stored fields, else derived from the example)."""
    stored = [f for f in row.fields or [] if isinstance(f, dict) and isinstance(f.get("path"), str)]
    if not stored:
        stored = [msgspec.to_builtins(f) for f in derive_fields(row.example)]
    types = {normalize_path(f["path"]): str(f.get("type", "any")) for f in stored}
    required = frozenset(normalize_path(f["path"]) for f in stored if f.get("required") is True)
    return EventTypeInfo(row.id, row.name, frozenset(types), types, required)


async def load_catalog(
    db: AsyncSession, event_type_ids: Iterable[uuid.UUID], action_ids: Iterable[uuid.UUID]
) -> Catalog:
    """The referenced event types and actions that exist."""
    event_ids, act_ids = set(event_type_ids), set(action_ids)
    events: list[EventTypeRow] = []
    actions: list[CustomActionRow] = []
    if event_ids:
        events = list((await db.exec(select(EventTypeRow).where(col(EventTypeRow.id).in_(event_ids)))).all())
    if act_ids:
        actions = list((await db.exec(select(CustomActionRow).where(col(CustomActionRow.id).in_(act_ids)))).all())
    return Catalog(
        event_types={row.id: event_type_info(row) for row in events},
        actions={row.id: action_info(row) for row in actions},
    )
