"""What the access rules of a handler can answer, for the OpenAPI document's error responses."""

from __future__ import annotations

from litestar.handlers import HTTPRouteHandler

from backend.auth.cross_site import CHANGING_METHODS
from backend.auth.middleware import RoleGuard
from backend.auth.roles import EVERYONE


def access_error_codes(handler: HTTPRouteHandler) -> set[int]:
    """401 behind a role guard; 403 when some roles are refused or a change must pass the cross-site check."""
    guards = [guard for guard in handler.resolve_guards() if isinstance(guard, RoleGuard)]
    codes: set[int] = {401} if guards else set()
    changes_state = bool(handler.http_methods & CHANGING_METHODS)  # cookie-signed changes pass CrossSiteGuard first
    if any(guard.roles != EVERYONE for guard in guards) or changes_state:
        codes.add(403)
    return codes
