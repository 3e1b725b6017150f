"""Path parameters: ``{name}`` placeholders filled with one encoded segment each, and checked against the URL."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from backend.actions.request import ActionRequestError, CallValues, build_request
from backend.actions.schemas import ActionInput
from backend.actions.validation import validate_action
from backend.errors import InvalidInputError
from backend.outbound.urls import filled_url, path_segment, placeholders

USERS_URL = "https://api.example.com/v1/users/{userId}/messages/{messageId}?source=jb"


def action_with(url: str = USERS_URL, **body: Any) -> ActionInput:
    base: dict[str, Any] = {
        "name": "a",
        "method": "GET",
        "url": url,
        "pathParameters": [
            {"name": "userId", "kind": "variable"},
            {"name": "messageId", "kind": "constant", "value": 7, "type": "integer"},
        ],
    }
    return msgspec.convert({**base, **body}, ActionInput)


def problems_of(action: ActionInput) -> dict[str, str]:
    with pytest.raises(InvalidInputError) as caught:
        validate_action(action)
    return {p.field: p.message for p in caught.value.errors}


@pytest.mark.parametrize(
    ("value", "segment"),
    [
        ("u-1", "u-1"),
        ("a/b", "a%2Fb"),
        ("a?b", "a%3Fb"),
        ("a#b", "a%23b"),
        ("100%", "100%25"),
        ("%2F", "%252F"),  # an existing escape is encoded again, never kept
        ("%2e%2e", "%252e%252e"),
        (".", "%2E"),
        ("..", "%2E%2E"),
        ("...", "..."),  # not a dot segment
        ("../admin", "..%2Fadmin"),
        ("a b", "a%20b"),
        ("é", "%C3%A9"),
        ("@evil.com:80", "%40evil.com%3A80"),
    ],
)
def test_a_value_is_encoded_as_exactly_one_segment(value: str, segment: str) -> None:
    assert path_segment(value) == segment


def test_placeholders_are_found_in_order_once() -> None:
    assert placeholders("/v1/{a}/x/{b-c}.json/{a}") == ["a", "b-c"]


def test_the_url_is_filled_and_keeps_its_query_and_own_encoding() -> None:
    url = filled_url("https://api.example.com/v1/é/{id}/x?q=a b", {"id": "../../admin"})
    assert url == "https://api.example.com/v1/%C3%A9/..%2F..%2Fadmin/x?q=a+b"
    assert filled_url("http://h:8080/{id}", {"id": ".."}) == "http://h:8080/%2E%2E"


def test_build_request_fills_constants_and_variables() -> None:
    request = build_request(action_with(), CallValues(path_parameters={"userId": "a/b?c#d"}))
    assert request.url == "https://api.example.com/v1/users/a%2Fb%3Fc%23d/messages/7?source=jb"
    assert request.url_encoded
    plain = build_request(action_with("https://api.example.com/x", pathParameters=[]), CallValues())
    assert (plain.url, plain.url_encoded) == ("https://api.example.com/x", False)


@pytest.mark.parametrize("value", [None, ""])
def test_a_path_parameter_without_value_is_named(value: Any) -> None:
    with pytest.raises(ActionRequestError) as caught:
        build_request(action_with(), CallValues(path_parameters={"userId": value}))
    assert caught.value.field == "pathParameters.userId"


def test_a_typed_path_parameter_refuses_a_wrong_value() -> None:
    action = action_with(
        pathParameters=[{"name": "userId", "kind": "variable", "type": "integer"}, {"name": "messageId", "value": "m"}]
    )
    with pytest.raises(ActionRequestError) as caught:
        build_request(action, CallValues(path_parameters={"userId": "abc"}))
    assert caught.value.field == "pathParameters.userId"


def test_matching_placeholders_and_parameters_are_valid() -> None:
    validate_action(action_with())


def test_a_placeholder_without_parameter_and_a_parameter_without_placeholder_are_named() -> None:
    action = action_with(pathParameters=[{"name": "userId", "kind": "variable"}, {"name": "other", "value": "x"}])
    problems = problems_of(action)
    assert problems["pathParameters"] == "the URL's placeholder {messageId} has no path parameter"
    assert problems["pathParameters[1].name"] == "'other' is not a {placeholder} of the URL's path"


@pytest.mark.parametrize(
    "url",
    [
        "https://{host}.example.com/v1",
        "https://api.example.com:{port}/v1",
        "https://api.example.com/v1?user={userId}",
        "https://api.example.com/v1/{{event.id}}",
        "https://api.example.com/v1/{user id}",
        "https://api.example.com/v1/%7BuserId%7D",
    ],
)
def test_braces_outside_path_placeholders_are_refused(url: str) -> None:
    assert "url" in problems_of(action_with(url, pathParameters=[]))


def test_a_path_parameter_is_required_and_never_secret() -> None:
    action = action_with(
        "https://api.example.com/{a}/{b}",
        pathParameters=[
            {"name": "a", "kind": "variable", "required": False},
            {"name": "b", "value": "k", "secret": True},
        ],
    )
    problems = problems_of(action)
    assert problems["pathParameters[0].required"] == "a path parameter is always required"
    assert "cannot be secret" in problems["pathParameters[1].secret"]


def test_duplicate_path_parameters_are_named() -> None:
    action = action_with(
        "https://api.example.com/{a}", pathParameters=[{"name": "a", "value": "1"}, {"name": "a", "value": "2"}]
    )
    assert problems_of(action)["pathParameters[1].name"] == "duplicate name 'a'"


@pytest.mark.parametrize("url", ["https://a]b/users/{id}", "//a]b", "https://[::1/x"])
def test_a_url_that_cannot_be_split_is_a_400_on_url_not_a_crash(url: str) -> None:
    action = msgspec.convert({"name": "n", "method": "GET", "url": url}, ActionInput)
    with pytest.raises(InvalidInputError) as caught:
        validate_action(action)
    assert "url" in [problem.field for problem in caught.value.errors]
