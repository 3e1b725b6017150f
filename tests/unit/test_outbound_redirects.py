"""The next hop of a redirect: method and body as browsers do, credentials only at the first origin."""

from __future__ import annotations

import pytest
from yarl import URL

from backend.outbound.redirects import Hop, RedirectPolicy, next_hop, origin

FIRST = URL("https://api.example.com/v1/start?key=k")
POLICY = RedirectPolicy(frozenset({"x-api-key"}), frozenset({"key"}))
HEADERS = {"Authorization": "Bearer t", "X-Api-Key": "k", "Content-Type": "application/json", "X-Plain": "p"}


def hop(method: str = "POST") -> Hop:
    return Hop(method, FIRST, dict(HEADERS), b"{}")


@pytest.mark.parametrize(
    ("status", "method", "after", "body"),
    [
        (301, "POST", "GET", None),
        (302, "POST", "GET", None),
        (303, "POST", "GET", None),
        (303, "PUT", "GET", None),
        (307, "POST", "POST", b"{}"),
        (308, "PATCH", "PATCH", b"{}"),
        (301, "PUT", "PUT", b"{}"),
        (302, "DELETE", "DELETE", b"{}"),
    ],
)
def test_the_method_and_body_of_the_next_hop(status: int, method: str, after: str, body: bytes | None) -> None:
    following = next_hop(hop(method), status, "/v1/next", FIRST, POLICY)
    assert following is not None
    assert (following.method, following.data) == (after, body)
    assert str(following.url) == "https://api.example.com/v1/next"
    assert ("Content-Type" in following.headers) is (body is not None)
    assert following.headers["Authorization"] == "Bearer t"  # same origin: credentials kept


@pytest.mark.parametrize(
    "location",
    [
        "http://api.example.com/v1/next",  # another scheme
        "https://api.example.com:8443/v1/next",  # another port
        "https://other.example.com/v1/next",  # another host
    ],
)
def test_credentials_are_dropped_at_another_origin(location: str) -> None:
    following = next_hop(hop(), 307, location + "?key=k&page=2", FIRST, POLICY)
    assert following is not None
    assert following.headers == {"Content-Type": "application/json", "X-Plain": "p"}
    assert following.url.query == {"page": "2"}
    again = next_hop(following, 307, str(FIRST), FIRST, POLICY)  # back at the first origin: stays dropped
    assert again is not None
    assert "Authorization" not in again.headers


def test_the_default_port_is_the_same_origin() -> None:
    assert origin(URL("https://API.example.com:443/x")) == origin(FIRST)


@pytest.mark.parametrize(
    ("status", "location"),
    [(200, "/x"), (304, "/x"), (302, None), (302, ""), (302, "ftp://files.example.com/x"), (302, "mailto:a@b.c")],
)
def test_answers_that_are_final(status: int, location: str | None) -> None:
    assert next_hop(hop(), status, location, FIRST, POLICY) is None
