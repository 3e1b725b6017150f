"""Check an event's data against its event type's fields: declared types, and the fields marked required.

Undeclared fields pass. A required field must be present and not null; inside a list, in every item.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from backend.error_codes import REQUIRED, Params
from backend.errors import FieldProblem
from backend.json_fields import json_type

_COMPATIBLE = {"decimal": {"decimal", "integer"}}
_ABSENT = object()


def _values_at(data: Any, parts: list[str], prefix: str) -> Iterator[tuple[str, Any]]:
    """Every (concrete path, value) a declared path names; ``0`` segments stand for every array item.

    Where an object lacks the next key, the path so far is yielded with ``_ABSENT``.
    """
    if not parts:
        yield prefix, data
        return
    head, rest = parts[0], parts[1:]
    if isinstance(data, list) and head == "0":
        for index, item in enumerate(data):
            yield from _values_at(item, rest, f"{prefix}.{index}")
    elif isinstance(data, dict) and head in data:
        yield from _values_at(data[head], rest, f"{prefix}.{head}")
    elif isinstance(data, dict):
        yield f"{prefix}.{'.'.join(parts)}", _ABSENT


def type_problems(data: dict[str, Any], fields: list[dict[str, Any]]) -> list[FieldProblem]:
    """Problems naming ``data.<path>`` for every missing required field and every value of the wrong JSON type."""
    problems: list[FieldProblem] = []
    for spec in fields:
        path, wanted, required = spec.get("path"), spec.get("type", "any"), spec.get("required") is True
        if not isinstance(path, str):
            continue
        for where, value in _values_at(data, path.split("."), "data"):
            if value is _ABSENT or value is None:
                if required:
                    problems.append(FieldProblem(where, "is required by the event type and missing", REQUIRED))
                continue
            if wanted in ("any", None):
                continue
            actual = json_type(value)
            if actual != wanted and actual not in _COMPATIBLE.get(str(wanted), set()):
                params: Params = {"expected": str(wanted), "got": actual}
                problems.append(FieldProblem(where, f"expected {wanted}, got {actual}", "wrongType", params))
    return problems
