"""Nulls in the body: an optional field without a value is left out, or sent as null when it allows null."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from backend.actions.request import ActionRequestError, CallValues, build_request
from backend.actions.schemas import ActionInput


def action_with(fields: list[dict[str, Any]], example: Any = None, **body: Any) -> ActionInput:
    base: dict[str, Any] = {
        "name": "a",
        "method": "POST",
        "url": "https://api.example.com/contacts",
        "requestPayload": {
            "example": example or {"email": "a@b.c", "phone": "+1", "profile": {"age": 3, "city": "x"}, "tags": ["a"]},
            "fields": fields,
        },
    }
    return msgspec.convert({**base, **body}, ActionInput)


FIELDS = [
    {"path": "email", "kind": "variable"},
    {"path": "phone", "kind": "variable", "required": False},
    {"path": "profile.age", "kind": "variable", "type": "integer", "required": False, "allowNull": True},
    {"path": "profile.city", "kind": "variable", "required": False},
]


def test_an_optional_field_without_value_is_left_out_unless_it_allows_null() -> None:
    request = build_request(action_with(FIELDS), CallValues(payload={"email": "e@x.y"}))
    assert request.json == {"email": "e@x.y", "profile": {"age": None}, "tags": ["a"]}


def test_a_mapped_null_counts_as_no_value() -> None:
    values = {"email": "e@x.y", "phone": None, "profile.age": None, "profile.city": "Oslo"}
    request = build_request(action_with(FIELDS), CallValues(payload=values))
    assert request.json == {"email": "e@x.y", "profile": {"age": None, "city": "Oslo"}, "tags": ["a"]}


def test_a_required_field_that_allows_null_is_sent_as_null() -> None:
    fields = [{"path": "email", "kind": "variable", "allowNull": True}]
    request = build_request(action_with(fields), CallValues())
    assert request.json["email"] is None
    with pytest.raises(ActionRequestError) as caught:
        build_request(action_with([{"path": "email", "kind": "variable"}]), CallValues())
    assert caught.value.field == "payload.email"


def test_a_left_out_list_item_is_dropped_not_nulled() -> None:
    example = {"tags": ["a", "b", "c"]}
    fields = [
        {"path": "tags.0", "kind": "variable", "required": False},
        {"path": "tags.1", "kind": "variable", "required": False},
        {"path": "tags.2", "kind": "variable", "required": False, "allowNull": True},
    ]
    request = build_request(action_with(fields, example), CallValues(payload={"tags.1": "x"}))
    assert request.json == {"tags": ["x"]}  # nulls inside scalar lists are dropped, allowNull or not


def test_a_form_leaves_out_fields_without_value() -> None:
    example = {"to": "+1", "note": "n"}
    fields = [{"path": "to", "kind": "variable"}, {"path": "note", "kind": "variable", "required": False}]
    request = build_request(action_with(fields, example, bodyEncoding="form"), CallValues(payload={"to": "+2"}))
    assert request.content == b"to=%2B2"
