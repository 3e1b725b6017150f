"""The cross-site decision on its own: which header combinations pass and which are refused."""

from __future__ import annotations

import pytest

from backend.auth.cross_site import cross_site_problem

HOST = {b"host": "journeys.example.com"}
JSON = {b"content-type": "application/json", b"content-length": "2"}


@pytest.mark.parametrize(
    "headers",
    [
        {**HOST, **JSON},
        {**HOST, **JSON, b"origin": "https://journeys.example.com"},
        {**HOST, **JSON, b"referer": "https://journeys.example.com/admin/users"},
        {**HOST, **JSON, b"origin": "https://partner.example"},
        {**HOST, b"content-length": "0"},
        {**HOST, b"content-type": "Application/JSON; charset=utf-8", b"transfer-encoding": "chunked"},
    ],
)
def test_same_origin_json_requests_pass(headers: dict[bytes, str]) -> None:
    assert cross_site_problem(headers, frozenset({"https://partner.example"})) is None


@pytest.mark.parametrize(
    "headers",
    [
        {**HOST, b"content-length": "2"},  # a body without a type
        {**HOST, b"content-type": "text/plain", b"content-length": "2"},
        {**HOST, b"content-type": "application/x-www-form-urlencoded", b"content-length": "0"},
        {**HOST, **JSON, b"origin": "https://journeys.example.com.evil.example"},
        {**HOST, **JSON, b"origin": "null"},
        {**HOST, **JSON, b"referer": "not a url"},
        {**JSON, b"origin": "null"},  # no Host header to compare with
    ],
)
def test_other_requests_are_refused(headers: dict[bytes, str]) -> None:
    assert cross_site_problem(headers, frozenset()) is not None
