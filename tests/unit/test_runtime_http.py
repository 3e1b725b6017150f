"""Pieces of the worker's aiohttp sender that are plain functions."""

from __future__ import annotations

from multidict import CIMultiDict

from backend.runtime.http import _joined, _parsed_url


def test_repeated_response_headers_are_joined_under_the_first_spelling() -> None:
    headers = CIMultiDict([("Set-Cookie", "a=1"), ("Content-Type", "application/json"), ("set-cookie", "b=2")])
    assert _joined(headers) == {"Set-Cookie": "a=1, b=2", "Content-Type": "application/json"}
    assert _joined(CIMultiDict()) == {}


def test_urls_are_parsed_once_and_encoded() -> None:
    url = _parsed_url("http://api.example/orders/é?q=a b")
    assert url is _parsed_url("http://api.example/orders/é?q=a b")
    assert str(url) == "http://api.example/orders/%C3%A9?q=a+b"
