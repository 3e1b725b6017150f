"""Body encodings: JSON or an urlencoded form of flat fields, with a Content-Type that cannot contradict the body."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from backend.actions.encoding import content_type_fits, form_body
from backend.actions.request import ActionRequestError, CallValues, build_request
from backend.actions.schemas import ActionInput
from backend.actions.validation import validate_action
from backend.errors import InvalidInputError


def action_with(**body: Any) -> ActionInput:
    base: dict[str, Any] = {
        "name": "a",
        "method": "POST",
        "url": "https://api.example.com/sms",
        "bodyEncoding": "form",
        "requestPayload": {
            "example": {"To": "+100", "Body": "hi", "Count": 1, "Urgent": False, "Note": "n"},
            "fields": [
                {"path": "To", "kind": "variable"},
                {"path": "Count", "kind": "variable", "type": "integer"},
                {"path": "Urgent", "kind": "constant", "value": True, "type": "boolean"},
                {"path": "Note", "kind": "variable", "type": "any", "required": False},
            ],
        },
    }
    return msgspec.convert({**base, **body}, ActionInput)


def problems_of(action: ActionInput) -> dict[str, str]:
    with pytest.raises(InvalidInputError) as caught:
        validate_action(action)
    return {p.field: p.message for p in caught.value.errors}


def test_a_form_body_is_urlencoded_in_example_order_with_its_content_type() -> None:
    request = build_request(action_with(), CallValues(payload={"To": "+33 6 & co", "Count": "2"}))
    assert request.content == b"To=%2B33+6+%26+co&Body=hi&Count=2&Urgent=true"  # the optional Note is left out
    assert request.json is None
    assert request.has_body
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"


def test_json_stays_the_default() -> None:
    request = build_request(action_with(bodyEncoding="json"), CallValues(payload={"To": "+1", "Count": 2}))
    assert request.content is None
    assert request.json["To"] == "+1"
    assert request.headers["Content-Type"] == "application/json"
    assert msgspec.convert({"name": "a", "method": "GET", "url": "https://x.example"}, ActionInput).body_encoding == (
        "json"
    )


def test_a_variable_bringing_an_object_into_a_form_is_named() -> None:
    with pytest.raises(ActionRequestError) as caught:
        build_request(action_with(), CallValues(payload={"To": "+1", "Count": 1, "Note": {"a": 1}}))
    assert caught.value.field == "payload.Note"


def test_nested_example_fields_are_refused_for_a_form() -> None:
    payload = {
        "example": {"to": "+1", "address": {"city": "x"}, "tags": ["a"]},
        "fields": [{"path": "to", "kind": "variable", "type": "object"}],
    }
    problems = problems_of(action_with(requestPayload=payload))
    assert problems["requestPayload.example.address"] == "a form body holds flat fields only, not objects or lists"
    assert "requestPayload.example.tags" in problems
    assert problems["requestPayload.fields[0].type"] == "a form field cannot be of type object"
    assert "requestPayload.example" in problems_of(action_with(requestPayload={"example": [1, 2]}))


@pytest.mark.parametrize(
    ("encoding", "content_type", "fits"),
    [
        ("json", "application/json", True),
        ("json", "Application/JSON; charset=utf-8", True),
        ("json", "application/vnd.api+json", True),
        ("json", "text/plain", False),
        ("json", "application/x-www-form-urlencoded", False),
        ("form", "application/x-www-form-urlencoded; charset=UTF-8", True),
        ("form", "application/json", False),
        ("form", "multipart/form-data", False),
    ],
)
def test_content_types_fit_their_encoding(encoding: Any, content_type: str, fits: bool) -> None:
    assert content_type_fits(encoding, content_type) is fits


def test_a_contradicting_or_variable_content_type_header_is_400() -> None:
    plain = [{"name": "Content-Type", "value": "text/plain"}]
    assert problems_of(action_with(bodyEncoding="json", headers=plain)) == {
        "headers[0].value": "contradicts bodyEncoding 'json': the body is sent as application/json"
    }
    variable = [{"name": "content-type", "kind": "variable"}]
    assert problems_of(action_with(headers=variable)) == {
        "headers[0].kind": "Content-Type follows bodyEncoding; it is a constant"
    }
    charset = [{"name": "Content-Type", "value": "application/x-www-form-urlencoded; charset=utf-8"}]
    validate_action(action_with(headers=charset))
    request = build_request(action_with(headers=charset), CallValues(payload={"To": "+1", "Count": 1}))
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded; charset=utf-8"


def test_form_body_leaves_nulls_out_and_writes_booleans_in_lower_case() -> None:
    assert form_body({"a": None, "b": True, "c": 1.5, "d": "é"}) == b"b=true&c=1.5&d=%C3%A9"
