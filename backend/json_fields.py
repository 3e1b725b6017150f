"""Derive the typed field list of a JSON example (event types, action payloads and responses)."""

from __future__ import annotations

from typing import Any

import msgspec


class JsonField(msgspec.Struct, frozen=True):
    """A leaf (or container) of an example, addressed by a dotted path; arrays use ``0`` for their first item."""

    path: str
    type: str


def json_type(value: Any) -> str:
    """Our field type of a JSON value (``integer`` and ``decimal`` are kept apart; bool is not a number)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "decimal"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "any"


def derive_fields(example: Any, prefix: str = "") -> list[JsonField]:
    """Every path of ``example``: objects recurse, arrays recurse into their first item, leaves are typed.

    Containers are listed too (so a whole object or list can be mapped at once).
    """
    fields: list[JsonField] = []
    if isinstance(example, dict):
        for key, value in example.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            fields.append(JsonField(path, json_type(value)))
            fields.extend(derive_fields(value, path))
    elif isinstance(example, list) and example:
        path = f"{prefix}.0" if prefix else "0"
        fields.append(JsonField(path, json_type(example[0])))
        fields.extend(derive_fields(example[0], path))
    return fields
