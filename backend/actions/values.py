"""Typed values and dotted paths into JSON examples, shared by validation and request building."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

_MISSING = object()
LEFT_OUT: Any = object()  # set where a field without a value goes, then removed with its key or list slot


class ValueTypeError(ValueError):
    """A value cannot be read as the field's declared type."""


def _as_json(value: str, kind: type) -> Any:
    try:
        parsed = json.loads(value)
    except ValueError:
        raise ValueTypeError(f"expected {kind.__name__} JSON") from None
    if not isinstance(parsed, kind):
        raise ValueTypeError(f"expected {kind.__name__} JSON")
    return parsed


def _cast_number(value: Any, kind: str) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueTypeError(f"expected {kind}")
    try:
        number = float(value) if isinstance(value, str) else value
    except ValueError:
        raise ValueTypeError(f"expected {kind}") from None
    if kind == "decimal":
        return number
    if isinstance(number, float):
        if not number.is_integer():
            raise ValueTypeError("expected integer")
        return int(number)
    return number


def _cast_boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "false"}:
        return value.strip().lower() == "true"
    raise ValueTypeError("expected boolean")


def _cast_datetime(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueTypeError("expected an ISO 8601 date-time string")
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueTypeError("expected an ISO 8601 date-time string") from None
    return value


def _cast_string(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    raise ValueTypeError("expected string")


def cast_value(value: Any, field_type: str) -> Any:
    """``value`` as the field type wants it on the wire (mapped values often arrive as strings)."""
    if field_type in {"integer", "decimal"}:
        return _cast_number(value, field_type)
    if field_type == "boolean":
        return _cast_boolean(value)
    if field_type == "dateTime":
        return _cast_datetime(value)
    if field_type == "string":
        return _cast_string(value)
    if field_type == "object":
        return value if isinstance(value, dict) else _as_json(value, dict) if isinstance(value, str) else _bad("object")
    if field_type == "array":
        return value if isinstance(value, list) else _as_json(value, list) if isinstance(value, str) else _bad("array")
    return value


def _bad(kind: str) -> Any:
    raise ValueTypeError(f"expected {kind}")


def as_text(value: Any) -> str:
    """A header or query value as text (JSON for containers, lowercase booleans)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, separators=(",", ":"))
    return str(value)


def _step(node: Any, key: str) -> Any:
    if isinstance(node, dict):
        return node.get(key, _MISSING)
    if isinstance(node, list) and key.isdigit() and int(key) < len(node):
        return node[int(key)]
    return _MISSING


def path_exists(example: Any, path: str) -> bool:
    """Whether the dotted ``path`` (``items.0.sku``) addresses a value in ``example``."""
    node = example
    for key in path.split("."):
        node = _step(node, key)
        if node is _MISSING:
            return False
    return True


def set_path(document: Any, path: str, value: Any) -> None:
    """Set the value at an existing dotted ``path`` of ``document`` in place."""
    keys = path.split(".")
    node = document
    for key in keys[:-1]:
        node = _step(node, key)
    last = keys[-1]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


def in_list(document: Any, path: str) -> bool:
    """Whether the existing dotted ``path`` of ``document`` addresses an item of a list."""
    node = document
    for key in path.split(".")[:-1]:
        node = _step(node, key)
    return isinstance(node, list)


def without_left_out(node: Any) -> Any:
    """``node`` without the ``LEFT_OUT`` markers: their keys and list items are removed."""
    if isinstance(node, dict):
        return {key: without_left_out(value) for key, value in node.items() if value is not LEFT_OUT}
    if isinstance(node, list):
        return [without_left_out(item) for item in node if item is not LEFT_OUT]
    return node
