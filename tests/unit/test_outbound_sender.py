"""Pieces of the sender that are plain functions: the response headers and the URL parse cache."""

from __future__ import annotations

from multidict import CIMultiDict

from backend.outbound.reader import joined_headers
from backend.outbound.urls import parsed_url


def test_repeated_response_headers_are_joined_under_one_lower_cased_name() -> None:
    headers = CIMultiDict([("Set-Cookie", "a=1"), ("Content-Type", "application/json"), ("set-cookie", "b=2")])
    assert joined_headers(headers) == {"set-cookie": "a=1, b=2", "content-type": "application/json"}
    assert joined_headers(CIMultiDict()) == {}


def test_urls_are_parsed_once_and_encoded() -> None:
    url = parsed_url("http://api.example/orders/é?q=a b")
    assert url is parsed_url("http://api.example/orders/é?q=a b")
    assert str(url) == "http://api.example/orders/%C3%A9?q=a+b"
