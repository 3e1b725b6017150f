"""The error answers in the OpenAPI document, as the API sends them: ``{status, detail, errors: [{field, message}]}``.

Litestar documents its own ``{status_code, detail, extra}`` shape for 400 and nothing for the other 4xx answers.
``ErrorResponsesPlugin`` replaces that on every operation: the answers any handler of its kind can give are
derived here from what it reads (body, parameters, an id in the path) and who may call it (its ``RoleGuard``);
the answers only its service gives (409, 422, 429) are declared on the handler with ``responses=error_responses()``.
"""

from __future__ import annotations

from collections.abc import Callable

from litestar.constants import RESERVED_KWARGS
from litestar.handlers import HTTPRouteHandler
from litestar.openapi.datastructures import ResponseSpec
from litestar.plugins import ReceiveRoutePlugin
from litestar.routes import BaseRoute, HTTPRoute

from backend.errors import ErrorBody

DESCRIPTIONS = {
    400: "Bad input: each bad field is named in errors (the field body when the body is not JSON)",
    401: "Not signed in: no valid session cookie or API token",
    403: "The caller's role may not do this, or a cookie-signed change came from another site or not as JSON",
    404: "No record with that id",
    409: "Conflicts with what is stored (a duplicate name, a record in use, a published version)",
    413: "The body is larger than this endpoint accepts",
    422: "The journey is not valid; extra.problems lists why",
    429: "Overloaded or too many failed sign-ins: retry after the Retry-After header's seconds",
}


def error_responses(*codes: int) -> dict[int, ResponseSpec]:
    """OpenAPI responses with the error body for ``codes`` (only those in ``DESCRIPTIONS``)."""
    return {
        code: ResponseSpec(data_container=ErrorBody, description=DESCRIPTIONS[code], generate_examples=False)
        for code in codes
    }


def _framework_codes(handler: HTTPRouteHandler, path_parameters: set[str]) -> set[int]:
    """What any handler like this one can answer before its own code runs."""
    parameters = set(handler.parsed_fn_signature.parameters)
    reads_body = bool(parameters & {"data", "body"})
    inputs = parameters - RESERVED_KWARGS - set(handler.resolve_dependencies())
    codes: set[int] = set()
    if reads_body or inputs or path_parameters:  # Litestar's own rule for when validation can fail
        codes.add(400)
    if reads_body:
        codes.add(413)
    if path_parameters:  # an unknown or malformed id
        codes.add(404)
    return codes


AccessCodes = Callable[[HTTPRouteHandler], set[int]]
"""What a handler's access rules can answer (401, 403); the auth package knows them, this one does not."""


class ErrorResponsesPlugin(ReceiveRoutePlugin):
    """Document the error body on every operation of every route the app registers."""

    def __init__(self, access_codes: AccessCodes) -> None:
        self._access_codes = access_codes

    def receive_route(self, route: BaseRoute) -> None:
        """Add the framework's error answers to each handler's declared ones."""
        if not isinstance(route, HTTPRoute):
            return
        path_parameters = set(route.path_parameters)
        for handler in route.route_handlers:
            declared = dict(handler.responses or {})
            derived = error_responses(*_framework_codes(handler, path_parameters), *self._access_codes(handler))
            handler.responses = {**derived, **declared}
