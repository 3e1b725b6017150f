"""Bodies the API cannot read are the client's fault: 400 naming ``body``, never a 500."""

from __future__ import annotations

import pytest

from tests.conftest import Client

JSON = {"content-type": "application/json"}
BAD_UTF8 = [b'{"name": "\xff\xfe"}', b'{"name": "x", "description": "\xc3\x28"}', b'{"\xe2\x82": 1}']


def assert_names_the_body(response: object, problem: str) -> None:
    status = getattr(response, "status_code", None)
    body = response.json()  # type: ignore[attr-defined]
    assert status == 400, body
    assert body["status"] == 400
    assert [e["field"] for e in body["errors"]] == ["body"], body
    assert problem in body["errors"][0]["message"], body


@pytest.mark.parametrize("content", BAD_UTF8)
async def test_a_body_that_is_not_utf8_is_a_400_naming_the_body(marketer: Client, content: bytes) -> None:
    response = await marketer.post("/api/journeys", content=content, headers=JSON)
    assert_names_the_body(response, "UTF-8")
    assert (await marketer.get("/api/journeys")).json() == []


async def test_an_event_that_is_not_utf8_is_a_400_naming_the_body(marketer: Client) -> None:
    response = await marketer.post("/api/events", content=b'{"type": "t\xff", "profileId": "p"}', headers=JSON)
    assert_names_the_body(response, "UTF-8")


async def test_a_login_that_is_not_utf8_is_a_400_naming_the_body(client: Client) -> None:
    response = await client.post("/api/auth/login", content=b'{"email": "\xff", "password": "x"}', headers=JSON)
    assert_names_the_body(response, "UTF-8")


@pytest.mark.parametrize(
    ("content", "problem"), [(b'{"name": x}', "malformed"), (b'{"name": ', "truncated"), (b"\xff", "malformed")]
)
async def test_malformed_json_is_a_400_naming_the_body(marketer: Client, content: bytes, problem: str) -> None:
    response = await marketer.post("/api/journeys", content=content, headers=JSON)
    assert_names_the_body(response, problem)
