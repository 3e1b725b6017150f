"""Check an event's data against the field types its event type declares (undeclared fields pass)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from backend.errors import FieldProblem
from backend.json_fields import json_type

_COMPATIBLE = {"decimal": {"decimal", "integer"}}


def _values_at(data: Any, parts: list[str], prefix: str) -> Iterator[tuple[str, Any]]:
    """Every (concrete path, value) a declared path names; ``0`` segments stand for every array item."""
    if not parts:
        yield prefix, data
        return
    head, rest = parts[0], parts[1:]
    if isinstance(data, list) and head == "0":
        for index, item in enumerate(data):
            yield from _values_at(item, rest, f"{prefix}.{index}")
    elif isinstance(data, dict) and head in data:
        yield from _values_at(data[head], rest, f"{prefix}.{head}")


def type_problems(data: dict[str, Any], fields: list[dict[str, Any]]) -> list[FieldProblem]:
    """Problems naming ``data.<path>`` for every present value whose JSON type is not the declared one."""
    problems: list[FieldProblem] = []
    for spec in fields:
        path, wanted = spec.get("path"), spec.get("type", "any")
        if not isinstance(path, str) or wanted in ("any", None):
            continue
        for where, value in _values_at(data, path.split("."), "data"):
            if value is None:
                continue
            actual = json_type(value)
            if actual != wanted and actual not in _COMPATIBLE.get(str(wanted), set()):
                problems.append(FieldProblem(where, f"expected {wanted}, got {actual}"))
    return problems
