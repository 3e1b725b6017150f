"""Building an action's request: constants, variables, payload paths, types and authentication."""

from __future__ import annotations

import base64
from typing import Any

import msgspec
import pytest

from backend.actions.auth import TokenCache, apply_static_auth, token_key
from backend.actions.request import ActionRequestError, CallValues, build_request
from backend.actions.schemas import ActionInput, ApiKeyAuth, BasicAuth, BearerAuth, NoAuth, OAuth2ClientCredentials
from backend.actions.values import ValueTypeError, cast_value, path_exists


def make_action(**overrides: Any) -> ActionInput:
    body: dict[str, Any] = {
        "name": "send_sms",
        "method": "POST",
        "url": "https://api.example.com/v1/sms?source=jb",
        "headers": [
            {"name": "X-Tenant", "kind": "constant", "value": "acme"},
            {"name": "X-Trace", "kind": "variable", "required": False},
        ],
        "queryParameters": [{"name": "priority", "kind": "variable", "type": "integer"}],
        "requestPayload": {
            "example": {"to": "+100", "text": "hi", "meta": {"count": 1, "vip": False}, "items": [{"sku": "a"}]},
            "fields": [
                {"path": "to", "kind": "variable"},
                {"path": "text", "kind": "constant", "value": "Hello"},
                {"path": "meta.count", "kind": "variable", "type": "integer"},
                {"path": "meta.vip", "kind": "variable", "type": "boolean", "required": False},
                {"path": "items.0.sku", "kind": "variable"},
            ],
        },
    }
    body.update(overrides)
    return msgspec.convert(body, ActionInput)


def test_constants_and_variables_fill_headers_query_and_payload() -> None:
    values = CallValues(
        headers={"X-Trace": "t-1"},
        query_parameters={"priority": "2"},
        payload={"to": "+33", "meta.count": "7", "meta.vip": "true", "items.0.sku": "sku-9"},
    )
    request = build_request(make_action(), values)
    assert request.method == "POST"
    assert request.url == "https://api.example.com/v1/sms?source=jb"
    assert request.headers == {"X-Tenant": "acme", "X-Trace": "t-1", "Content-Type": "application/json"}
    assert request.params == [("priority", "2")]
    assert request.has_body
    assert request.json == {
        "to": "+33",
        "text": "Hello",
        "meta": {"count": 7, "vip": True},
        "items": [{"sku": "sku-9"}],
    }


def test_optional_variables_without_value_are_omitted_or_null() -> None:
    values = CallValues(query_parameters={"priority": 1}, payload={"to": "+1", "meta.count": 1, "items.0.sku": "x"})
    request = build_request(make_action(), values)
    assert "X-Trace" not in request.headers
    assert request.json["meta"] == {"count": 1}  # left out: the field does not allow null


def test_the_example_is_not_modified_by_building() -> None:
    action = make_action()
    build_request(
        action, CallValues(query_parameters={"priority": 1}, payload={"to": "a", "meta.count": 2, "items.0.sku": "b"})
    )
    assert action.request_payload is not None
    assert action.request_payload.example["to"] == "+100"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        (CallValues(payload={"to": "a", "meta.count": 1, "items.0.sku": "b"}), "queryParameters.priority"),
        (CallValues(query_parameters={"priority": 1}, payload={"meta.count": 1, "items.0.sku": "b"}), "payload.to"),
        (
            CallValues(query_parameters={"priority": 1}, payload={"to": "a", "meta.count": "many", "items.0.sku": "b"}),
            "payload.meta.count",
        ),
        (
            CallValues(query_parameters={"priority": 1.5}, payload={"to": "a", "meta.count": 1, "items.0.sku": "b"}),
            "queryParameters.priority",
        ),
    ],
)
def test_missing_or_mistyped_values_name_the_field(values: CallValues, field: str) -> None:
    with pytest.raises(ActionRequestError) as caught:
        build_request(make_action(), values)
    assert caught.value.field == field


def test_get_without_payload_has_no_body() -> None:
    action = make_action(method="GET", requestPayload=None, queryParameters=[])
    request = build_request(action, CallValues(headers={}))
    assert not request.has_body
    assert request.json is None
    assert "Content-Type" not in request.headers


@pytest.mark.parametrize(
    ("value", "field_type", "expected"),
    [
        ("12", "integer", 12),
        (12.0, "integer", 12),
        ("1.5", "decimal", 1.5),
        (3, "decimal", 3),
        ("TRUE", "boolean", True),
        (False, "string", "false"),
        (42, "string", "42"),
        ("2024-05-01T10:00:00Z", "dateTime", "2024-05-01T10:00:00Z"),
        ('{"a": 1}', "object", {"a": 1}),
        ("[1, 2]", "array", [1, 2]),
        ({"x": [1]}, "any", {"x": [1]}),
    ],
)
def test_values_are_cast_to_the_field_type(value: Any, field_type: str, expected: Any) -> None:
    assert cast_value(value, field_type) == expected


@pytest.mark.parametrize(
    ("value", "field_type"),
    [
        ("x", "integer"),
        (True, "integer"),
        (1.5, "integer"),
        ("yes", "boolean"),
        ({}, "string"),
        ("May 1st", "dateTime"),
        ("[1]", "object"),
        (3, "array"),
    ],
)
def test_values_of_the_wrong_type_are_refused(value: Any, field_type: str) -> None:
    with pytest.raises(ValueTypeError):
        cast_value(value, field_type)


def test_paths_address_objects_and_first_array_items() -> None:
    example = {"a": {"b": [{"c": 1}]}, "n": None}
    assert path_exists(example, "a.b.0.c")
    assert path_exists(example, "n")
    assert not path_exists(example, "a.b.1.c")
    assert not path_exists(example, "a.x")
    assert not path_exists(example, "n.deeper")


def test_static_authentication_is_applied_on_headers_or_query() -> None:
    request = build_request(make_action(method="GET", requestPayload=None, queryParameters=[]), CallValues())
    basic = apply_static_auth(request, BasicAuth(username="u", password="p:w"))
    assert basic.headers["Authorization"] == "Basic " + base64.b64encode(b"u:p:w").decode()
    header_key = apply_static_auth(request, ApiKeyAuth(name="X-Api-Key", value="k1"))
    assert header_key.headers["X-Api-Key"] == "k1"
    query_key = apply_static_auth(request, ApiKeyAuth(name="key", value="k2", location="query"))
    assert ("key", "k2") in query_key.params
    assert "key" not in query_key.headers
    bearer = apply_static_auth(request, BearerAuth(token="t0k"))
    assert bearer.headers["Authorization"] == "Bearer t0k"
    assert apply_static_auth(request, NoAuth()) == request


def test_token_cache_expires_before_the_token_does_and_can_be_invalidated() -> None:
    import uuid

    cache = TokenCache(margin_s=60)
    action_id = uuid.uuid4()
    key = (action_id, "https://idp/token", "client", "f1")
    cache.put(key, "fresh", expires_in=3600)
    cache.put((uuid.uuid4(), "https://idp/token", "client", "f1"), "other", expires_in=3600)
    assert cache.get(key) == "fresh"
    cache.put(key, "short", expires_in=30)  # shorter than the margin: never served
    assert cache.get(key) is None
    cache.put(key, "fresh", expires_in=3600)
    cache.invalidate(action_id)
    assert cache.get(key) is None


def test_a_changed_client_secret_or_scope_gets_a_token_of_its_own() -> None:
    import uuid

    action_id = uuid.uuid4()
    auth = OAuth2ClientCredentials(token_url="https://idp/token", client_id="c", client_secret="s1")
    same = OAuth2ClientCredentials(token_url="https://idp/token", client_id="c", client_secret="s1")
    assert token_key(action_id, auth) == token_key(action_id, same)
    new_secret = OAuth2ClientCredentials(token_url="https://idp/token", client_id="c", client_secret="s2")
    new_scope = OAuth2ClientCredentials(token_url="https://idp/token", client_id="c", client_secret="s1", scope="x")
    keys = {token_key(action_id, a) for a in (auth, new_secret, new_scope)}
    assert len(keys) == 3
    assert all("s1" not in part and "s2" not in part for key in keys for part in map(str, key))
