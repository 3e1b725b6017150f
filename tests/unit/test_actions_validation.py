"""Rules of a custom action beyond its types, and the sealing of its secrets."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from backend.actions.schemas import ActionInput
from backend.actions.secrets_box import (
    SecretDecryptionError,
    decrypt_secret,
    encrypt_secret,
    redact,
    seal,
    unseal,
)
from backend.actions.validation import url_problem, validate_action
from backend.errors import InvalidInputError


def problems_of(**body: Any) -> dict[str, str]:
    base: dict[str, Any] = {"name": "a", "method": "POST", "url": "https://api.example.com/x"}
    action = msgspec.convert({**base, **body}, ActionInput)
    with pytest.raises(InvalidInputError) as caught:
        validate_action(action)
    return {p.field: p.message for p in caught.value.errors}


def test_a_complete_action_is_valid() -> None:
    body = {
        "name": "ok",
        "method": "PUT",
        "url": "http://api.example.com:8080/x",
        "headers": [{"name": "X-A", "value": "1"}, {"name": "X-B", "kind": "variable"}],
        "queryParameters": [{"name": "q", "value": 3, "type": "integer"}],
        "authentication": {
            "type": "oauth2ClientCredentials",
            "tokenUrl": "https://idp/t",
            "clientId": "c",
            "clientSecret": "s",
        },
        "requestPayload": {
            "example": {"a": {"b": 1}},
            "fields": [{"path": "a.b", "kind": "variable", "type": "integer"}],
        },
    }
    validate_action(msgspec.convert(body, ActionInput))


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/x",
        "/relative",
        "https://",
        "http://exa mple.com",
        "https://user:pw@example.com",
        "http://h:99999",
    ],
)
def test_bad_urls_are_named(url: str) -> None:
    assert url_problem(url) is not None
    assert "url" in problems_of(url=url)


@pytest.mark.parametrize(
    "url",
    [
        "http://0177.0.0.1/",
        "http://999.1.1.1/",
        "http://0x7f.1/",
        "http://127.1/",
        "http://2130706433/",
        "https://1.2.3/x",
        "http://01.2.3.4:8080/",
        "http://1.2.3.0x4/",
        "http://1.2.3.4.5/",
    ],
)
def test_non_canonical_ipv4_hosts_are_refused(url: str) -> None:
    assert "canonical IPv4" in (url_problem(url) or "")
    assert "url" in problems_of(url=url)


@pytest.mark.parametrize("url", ["http://[v1.x]/", "http://xn--/", "http://xn--a/", "http://a\x00b/", "http://☃.net/"])
def test_urls_the_http_client_cannot_parse_are_refused(url: str) -> None:
    assert "HTTP client" in (url_problem(url) or "")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/x",
        "https://192.0.2.10/",
        "http://api.example.com/v1",
        "http://3com.example/",
        "http://[::ffff:192.0.2.1]/",
        "http://[2001:db8::1]:8080/",
    ],
)
def test_canonical_ipv4_hosts_and_names_pass(url: str) -> None:
    assert url_problem(url) is None


def test_constants_need_a_value_and_variables_have_none() -> None:
    problems = problems_of(
        headers=[{"name": "X-A", "kind": "constant"}, {"name": "X-B", "kind": "variable", "value": "v"}],
        queryParameters=[{"name": "n", "value": "abc", "type": "integer"}],
    )
    assert set(problems) == {"headers[0].value", "headers[1].value", "queryParameters[0].value"}


def test_duplicate_and_invalid_names_are_named() -> None:
    problems = problems_of(
        headers=[{"name": "X-A", "value": "1"}, {"name": "x-a", "value": "2"}, {"name": "Bad Header", "value": "3"}],
        queryParameters=[{"name": "q", "value": "1"}, {"name": "q", "value": "2"}],
    )
    assert set(problems) == {"headers[1].name", "headers[2].name", "queryParameters[1].name"}


def test_payload_paths_must_exist_once_and_not_overlap() -> None:
    problems = problems_of(
        requestPayload={
            "example": {"a": {"b": 1}, "c": [1]},
            "fields": [
                {"path": "a.x", "value": 1},
                {"path": "c.0", "value": 1, "type": "integer"},
                {"path": "c.0", "value": 2, "type": "integer"},
                {"path": "a", "kind": "variable", "type": "object"},
                {"path": "a.b", "kind": "variable"},
            ],
        }
    )
    assert set(problems) == {
        "requestPayload.fields[0].path",
        "requestPayload.fields[2].path",
        "requestPayload.fields[3].path",
    }


@pytest.mark.parametrize("method", ["GET", "DELETE"])
def test_get_and_delete_may_not_have_a_payload(method: str) -> None:
    assert "requestPayload" in problems_of(method=method, requestPayload={"example": {}})


@pytest.mark.parametrize(
    ("auth", "field"),
    [
        ({"type": "basic", "username": "u"}, "authentication.password"),
        ({"type": "apiKey", "name": "k"}, "authentication.value"),
        ({"type": "bearer"}, "authentication.token"),
        (
            {"type": "oauth2ClientCredentials", "tokenUrl": "https://idp/t", "clientId": "c"},
            "authentication.clientSecret",
        ),
        (
            {"type": "oauth2ClientCredentials", "tokenUrl": "idp/t", "clientId": "c", "clientSecret": "s"},
            "authentication.tokenUrl",
        ),
        ({"type": "apiKey", "name": "X-A", "value": "v"}, "authentication.name"),
    ],
)
def test_authentication_problems_are_named(auth: dict[str, Any], field: str) -> None:
    assert field in problems_of(authentication=auth, headers=[{"name": "X-A", "value": "1"}])


def test_blank_name_is_refused() -> None:
    assert "name" in problems_of(name="   ")


def test_secrets_are_sealed_with_the_key_and_hidden_in_answers() -> None:
    auth = {"type": "basic", "username": "u", "password": "hunter2"}
    sealed = seal("key-1", auth)
    assert "hunter2" not in str(sealed)
    assert sealed["username"] == "u"
    assert unseal("key-1", sealed) == auth
    assert redact(sealed) == {"type": "basic", "username": "u", "password": None}
    assert seal("key-1", {"type": "none"}) == {"type": "none"}


def test_a_secret_cannot_be_read_with_another_key() -> None:
    stored = encrypt_secret("key-1", "s3cret")
    assert stored != encrypt_secret("key-1", "s3cret")  # a fresh IV each time
    assert decrypt_secret("key-1", stored) == "s3cret"
    with pytest.raises(SecretDecryptionError):
        decrypt_secret("key-2", stored)
    with pytest.raises(SecretDecryptionError):
        decrypt_secret("key-1", "plain-text")
