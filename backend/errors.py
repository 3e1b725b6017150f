"""Domain errors raised below the HTTP layer, and the one place that turns them into 4xx JSON."""

from __future__ import annotations

import re
from typing import Any

import msgspec
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from sqlalchemy.exc import OperationalError

from backend.error_codes import INVALID, REQUIRED, UNKNOWN_FIELD, Params, classify


class FieldProblem(msgspec.Struct, frozen=True):
    """One bad field and why, as answered to clients.

    ``message`` is English for API clients; ``code`` and ``params`` are stable, for a UI to word the problem in
    its user's language (``backend/error_codes.py`` lists the codes).
    """

    field: str
    message: str
    code: str = INVALID
    params: Params = msgspec.field(default_factory=dict)


class ErrorBody(msgspec.Struct, frozen=True, omit_defaults=True):
    """The JSON body of every error answer: ``errors`` names the bad fields (empty when no field is to blame)."""

    status: int
    detail: str
    errors: list[FieldProblem]
    extra: dict[str, Any] | None = None


class DomainError(Exception):
    """Base of the errors the service layer raises; each maps to one status code."""

    status_code = 400

    def __init__(self, detail: str, *, errors: list[FieldProblem] | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []
        self.extra = extra or None


class InvalidInputError(DomainError):
    """The request is well-formed JSON but a field breaks a rule."""

    status_code = 400

    @classmethod
    def field(cls, field: str, message: str, code: str = INVALID, **params: str | float) -> InvalidInputError:
        """A one-field problem, the common case."""
        return cls(f"{field}: {message}", errors=[FieldProblem(field, message, code, params)])


class NotFoundError(DomainError):
    """No record with that id."""

    status_code = 404


class ConflictError(DomainError):
    """The change conflicts with what is stored (duplicate name, record in use, published version)."""

    status_code = 409


class UnprocessableError(DomainError):
    """The request is valid but the record is not in a state that allows it (e.g. publishing an invalid journey)."""

    status_code = 422


class OverloadedError(DomainError):
    """The runtime's backlog is over its bound; clients retry after a delay."""

    status_code = 429

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


class PayloadTooLargeError(DomainError):
    """A body, event, profile or example over its size limit (``backend.input_limits``)."""

    status_code = 413


class UnavailableError(OverloadedError):
    """The database cannot take writes now (SQLite locked by another process); clients retry after a delay."""

    status_code = 503


LOCKED_RETRY_AFTER = 5


_MSGSPEC_PATH = re.compile(r" - at `\$\.?(?P<path>[^`]*)`$")
_UNKNOWN_FIELD = re.compile(r"Object contains unknown field `([^`]*)`")
_MISSING_FIELD = re.compile(r"Object missing required field `([^`]*)`")


def _field_from_validation(item: dict[str, Any]) -> FieldProblem:
    """Turn Litestar's msgspec message ("Expected `str`, got `int` - at `$.name`") into field + reason."""
    message = str(item.get("message", "invalid value"))
    match = _MSGSPEC_PATH.search(message)
    path = match.group("path") if match else ""
    if not match and item.get("source") == "body" and item.get("key") != "data":  # nested path in ``key``
        path = str(item.get("key") or "")
    reason = message[: match.start()] if match else message
    unknown = _UNKNOWN_FIELD.match(reason)
    if unknown:
        name = f"{path}.{unknown.group(1)}" if path else unknown.group(1)
        return FieldProblem(name, "is not a known field", UNKNOWN_FIELD)
    missing = _MISSING_FIELD.match(reason)
    if missing:
        return FieldProblem(f"{path}.{missing.group(1)}" if path else missing.group(1), "is required", REQUIRED)
    code, params = classify(reason)
    if match:
        return FieldProblem(path or "body", reason, code, params)
    return FieldProblem(str(item.get("key") or "body"), message, code, params)


def _json(body: ErrorBody, status: int, headers: dict[str, str] | None = None) -> Response[ErrorBody]:
    return Response(body, status_code=status, headers=headers, media_type="application/json")


def domain_error_handler(_: Request[Any, Any, Any], exc: DomainError) -> Response[ErrorBody]:
    """Map a domain error to its status code and JSON body."""
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, OverloadedError) else None
    body = ErrorBody(exc.status_code, exc.detail, exc.errors, exc.extra)
    return _json(body, exc.status_code, headers)


def validation_error_handler(request: Request[Any, Any, Any], exc: ValidationException) -> Response[ErrorBody]:
    """Answer framework-level decoding errors (wrong types, missing fields, bad JSON) with named fields."""
    extra = exc.extra if isinstance(exc.extra, list) else []
    problems = [_field_from_validation(item) for item in extra if isinstance(item, dict)]
    if not problems:
        problems = [FieldProblem("body", str(exc.detail))]
    detail = "; ".join(f"{p.field}: {p.message}" for p in problems)
    return _json(ErrorBody(400, detail, problems), 400)


def http_error_handler(_: Request[Any, Any, Any], exc: HTTPException) -> Response[ErrorBody]:
    """Keep the same JSON shape for the framework's own 4xx answers (401, 403, 404, 405, 413)."""
    headers = dict(exc.headers or {})
    return _json(ErrorBody(exc.status_code, str(exc.detail), []), exc.status_code, headers or None)


def database_locked_handler(request: Request[Any, Any, Any], exc: OperationalError) -> Response[ErrorBody]:
    """SQLite locked by another process past the busy timeout: 503 with Retry-After, anything else is a bug."""
    if getattr(exc.orig, "sqlite_errorname", "") != "SQLITE_BUSY":
        return internal_error_handler(request, exc)
    locked = UnavailableError("the database is locked by another process; retry shortly", LOCKED_RETRY_AFTER)
    return domain_error_handler(request, locked)


def internal_error_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[ErrorBody]:
    """Log the bug and answer without leaking internals."""
    request.logger.exception("unhandled error on %s %s", request.method, request.url.path)
    return _json(ErrorBody(500, "internal error", []), HTTP_500_INTERNAL_SERVER_ERROR)


EXCEPTION_HANDLERS: dict[int | type[Exception], Any] = {
    DomainError: domain_error_handler,
    ValidationException: validation_error_handler,
    HTTPException: http_error_handler,
    OperationalError: database_locked_handler,
    Exception: internal_error_handler,
}
