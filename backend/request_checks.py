"""Every request's body, path and query checked once against ``backend.input_limits`` before its handler runs.

The check is on the raw bytes first: a body with no more brackets than the nesting limit cannot nest too
deep, and NUL can only arrive as the escape ``\\u0000`` (JSON forbids the raw byte), so the usual event costs
two byte counts and a search. Only a body that might break a rule is walked, through the decoded JSON the
handler reuses (Litestar caches it on the request).
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.exceptions.http_exceptions import RequestEntityTooLarge

from backend.errors import FieldProblem, InvalidInputError, PayloadTooLargeError
from backend.input_limits import DEPTH_MESSAGE, MAX_JSON_DEPTH, NUL, NUL_MESSAGE, check_json, too_large

_WITH_BODY = frozenset({"POST", "PUT", "PATCH"})


async def check_request(request: Request[Any, Any, Any]) -> None:
    """Refuse NUL in the path or query and a JSON body that nests too deep, holds NUL or is too large."""
    scope = request.scope
    if NUL in scope["path"]:
        _path_problem(request)
    query = scope["query_string"]
    if query and (b"%00" in query or b"\x00" in query):
        _query_problem(request)
    if scope["method"] not in _WITH_BODY:
        return
    try:
        body = await request.body()  # read once, kept by Litestar for the handler
    except RequestEntityTooLarge:
        raise _too_large(request) from None
    if not body or (body.count(b"{") + body.count(b"[") <= MAX_JSON_DEPTH and b"\\u0000" not in body):
        return
    try:
        value = await request.json()
    except RecursionError:  # deeper than the decoder's stack: far over the limit
        raise InvalidInputError.field("body", DEPTH_MESSAGE) from None
    except Exception:  # not JSON: the handler answers as it always does
        return
    check_json(value)


def _too_large(request: Request[Any, Any, Any]) -> PayloadTooLargeError:
    """A 413 stating the route's limit (and the announced size when there is one)."""
    limit = request.route_handler.resolve_request_max_body_size() or 0
    size = request.content_length
    if size is None or size <= limit:
        message = f"the request body is over the limit of {limit:,} bytes"
        return PayloadTooLargeError(f"body: {message}", errors=[FieldProblem("body", message)])
    return too_large("body", "the request body", size, limit)


def _path_problem(request: Request[Any, Any, Any]) -> None:
    for name, value in request.path_params.items():
        if isinstance(value, str) and NUL in value:
            head, *rest = name.split("_")
            raise InvalidInputError.field(head + "".join(part.title() for part in rest), NUL_MESSAGE)
    raise InvalidInputError.field("path", NUL_MESSAGE)


def _query_problem(request: Request[Any, Any, Any]) -> None:
    for name, value in request.query_params.items():
        if NUL in name or NUL in value:
            raise InvalidInputError(
                f"{name}: {NUL_MESSAGE}", errors=[FieldProblem(name.replace(NUL, "\\u0000"), NUL_MESSAGE)]
            )


__all__ = ["check_request"]
