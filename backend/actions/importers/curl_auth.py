"""Which headers and query parameters of a curl command are credentials, and where each one goes.

The first credential becomes the action's authentication (``-u`` → basic, ``Authorization: Bearer`` →
bearer, an ``X-Api-Key``-style header or ``api_key``-style query parameter → API key); any further one is
kept as a secret constant, so no credential is ever stored in plain text.
"""

from __future__ import annotations

import base64
import binascii
import re

from backend.actions.schemas import ActionField, ApiKeyAuth, Authentication, BasicAuth, BearerAuth, NoAuth

_NAME_PARTS = re.compile(r"[-_.\s]+")
_SECRET_PARTS = frozenset({"key", "apikey", "token", "secret", "password", "passwd", "signature", "sig", "auth"})
_SESSION_HEADERS = frozenset({"cookie", "proxy-authorization"})
_NOT_SECRET = frozenset({"idempotency-key", "x-idempotency-key", "x-auth-email", "x-auth-user", "authuser"})


def is_secret_name(name: str) -> bool:
    """``X-Api-Key``, ``Private-Token``, ``api_key``, ``access_token``: names whose value is a credential."""
    lowered = name.lower()
    if lowered in _NOT_SECRET:
        return False
    return bool(_SECRET_PARTS.intersection(_NAME_PARTS.split(lowered))) or "apikey" in lowered.replace("-", "")


class Credentials:
    """Collects the command's credentials: one authentication, the rest as secret fields."""

    def __init__(self) -> None:
        self.authentication: Authentication = NoAuth()
        self.warnings: list[str] = []

    @property
    def taken(self) -> bool:
        """The action's one authentication is already set."""
        return not isinstance(self.authentication, NoAuth)

    def user(self, value: str) -> None:
        """``-u user:password``: HTTP Basic; a key as the user name with no password is stored as a secret."""
        username, colon, password = value.partition(":")
        if colon and not password:
            # Stripe-style ``-u sk_live_…:``: the user name *is* the key, so keep the whole header secret.
            encoded = base64.b64encode(value.encode()).decode()
            self.authentication = ApiKeyAuth(name="Authorization", value=f"Basic {encoded}")
            self.warnings.append(
                "-u has a user name and no password (an API key sent as the user name): "
                "it was imported as a secret Authorization header"
            )
            return
        self.authentication = BasicAuth(username=username, password=password if colon else None)
        if not colon:
            self.warnings.append("-u has no password (curl would ask for it): enter it in the editor")

    def bearer(self, token: str) -> None:
        """``--oauth2-bearer`` or ``Authorization: Bearer``."""
        self.authentication = BearerAuth(token=token)

    def header(self, name: str, value: str) -> ActionField | None:
        """The header as an action field, or None when it became the authentication."""
        if name.lower() == "authorization":
            return self._authorization(value)
        if name.lower() in _SESSION_HEADERS:  # a browser's session: never an action's authentication, always secret
            return ActionField(name=name, value=value, secret=True)
        if not is_secret_name(name):
            return ActionField(name=name, value=value)
        if not self.taken:
            self.authentication = ApiKeyAuth(name=name, value=value, location="header")
            return None
        return ActionField(name=name, value=value, secret=True)

    def query_parameter(self, name: str, value: str) -> ActionField | None:
        """The query parameter as an action field, or None when it became the authentication."""
        if not is_secret_name(name):
            return ActionField(name=name, value=value)
        if not self.taken:
            self.authentication = ApiKeyAuth(name=name, value=value, location="query")
            return None
        return ActionField(name=name, value=value, secret=True)

    def _authorization(self, value: str) -> ActionField | None:
        scheme, _, credentials = value.partition(" ")
        if self.taken:
            self.warnings.append(
                "the command has more than one credential: the Authorization header is kept as a secret header"
            )
            return ActionField(name="Authorization", value=value, secret=True)
        if scheme.lower() == "bearer" and credentials.strip():
            self.bearer(credentials.strip())
        elif scheme.lower() == "basic" and (pair := _basic_pair(credentials.strip())):
            self.authentication = BasicAuth(username=pair[0], password=pair[1])
        else:  # "Token …", "Klaviyo-API-Key …", a bare key: sent as it is, stored as a secret
            self.authentication = ApiKeyAuth(name="Authorization", value=value, location="header")
        return None


def _basic_pair(encoded: str) -> tuple[str, str] | None:
    """User and password of a Basic credential, or None when it is not base64 of ``user:password``."""
    try:
        decoded = base64.b64decode(encoded, validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    username, colon, password = decoded.partition(":")
    return (username, password) if colon and password else None
