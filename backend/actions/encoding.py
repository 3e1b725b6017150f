"""The body encodings of a custom action: JSON (the default) or an urlencoded form of flat fields.

The ``Content-Type`` follows the encoding, so a configured header can never contradict the body that is sent.
"""

from __future__ import annotations

from typing import Any, Literal
from urllib.parse import urlencode

from backend.actions.values import as_text
from backend.errors import FieldProblem

BodyEncoding = Literal["json", "form"]
CONTENT_TYPES: dict[str, str] = {"json": "application/json", "form": "application/x-www-form-urlencoded"}
_NESTED_TYPES = frozenset({"object", "array"})


class NestedFormFieldError(ValueError):
    """A form body field holds an object or a list; ``key`` names it."""

    def __init__(self, key: str) -> None:
        super().__init__(f"{key}: a form body holds flat fields only, not objects or lists")
        self.key = key


def media_type(content_type: str) -> str:
    """``application/json`` of ``Application/JSON; charset=utf-8``."""
    return content_type.partition(";")[0].strip().lower()


def content_type_fits(encoding: BodyEncoding, content_type: str) -> bool:
    """Whether a configured ``Content-Type`` names the body's encoding (``+json`` types are JSON too)."""
    media = media_type(content_type)
    if encoding == "form":
        return media == CONTENT_TYPES["form"]
    return media == CONTENT_TYPES["json"] or (media.startswith("application/") and media.endswith("+json"))


def form_body(body: Any) -> bytes:
    """The body as ``application/x-www-form-urlencoded``: fields in example order, nulls left out."""
    if not isinstance(body, dict):
        raise NestedFormFieldError("requestPayload.example")
    pairs: list[tuple[str, str]] = []
    for key, value in body.items():
        if isinstance(value, dict | list):
            raise NestedFormFieldError(key)
        if value is not None:  # a form has no null; an optional field without a value is omitted
            pairs.append((key, as_text(value)))
    return urlencode(pairs).encode()


def form_problems(example: Any, fields: list[tuple[str, str]]) -> list[FieldProblem]:
    """Why a request example and its declared ``(path, type)`` fields cannot be sent as a form, or nothing."""
    if not isinstance(example, dict):
        return [FieldProblem("requestPayload.example", "a form body must be a JSON object of flat fields")]
    problems = [
        FieldProblem(f"requestPayload.example.{key}", "a form body holds flat fields only, not objects or lists")
        for key, value in example.items()
        if isinstance(value, dict | list)
    ]
    problems += [
        FieldProblem(f"requestPayload.fields[{index}].type", f"a form field cannot be of type {field_type}")
        for index, (_, field_type) in enumerate(fields)
        if field_type in _NESTED_TYPES
    ]
    return problems
