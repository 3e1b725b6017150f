"""The request class of the app: a JSON body it cannot read is the client's fault, answered 400 naming ``body``."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.exceptions import SerializationException, ValidationException


def body_problem(message: str) -> ValidationException:
    """A 400 whose one problem is the body as a whole (the error handler turns it into ``errors[0].field``)."""
    return ValidationException(detail=f"body: {message}", extra=[{"key": "body", "message": message}])


class BodyRequest(Request[Any, Any, Any]):
    """Litestar's request, but a body that is not UTF-8 or not JSON is a named 400 instead of a 500 or bare 400.

    msgspec raises ``UnicodeDecodeError`` (not its ``DecodeError``) for invalid UTF-8, which Litestar does not
    expect and so answers with a 500.
    """

    async def json(self) -> Any:
        """The decoded JSON body."""
        try:
            return await super().json()
        except UnicodeDecodeError:
            raise body_problem("is not valid UTF-8 text") from None
        except SerializationException as exc:
            raise body_problem(str(exc.detail)) from None
