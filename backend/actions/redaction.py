"""The one rule for texts that leave the backend: an action's secret values, in every form, become ``•••``.

A ``Redactor`` is built once per loaded action from its secrets (authentication secret, secret headers and
query parameters) and the forms they take on the wire (base64 of basic credentials, percent-encoded query
values, JSON-escaped text). An action without secrets gets ``NO_SECRETS``, whose methods return at once, so
the event hot path pays nothing for them; otherwise redacting is a few ``in`` checks. Error texts also lose
the query string of every URL they quote (HTTP clients put the full URL into their exception messages).
"""

from __future__ import annotations

import base64
import json
import logging
import re
import uuid
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, quote_plus

import msgspec

from backend.actions.schemas import (
    ActionField,
    ActionInput,
    ApiKeyAuth,
    BasicAuth,
    BearerAuth,
    OAuth2ClientCredentials,
)
from backend.actions.values import ValueTypeError, as_text, cast_value
from backend.outbound.urls import query_encoded

MASK = "•••"
_URL_QUERY = re.compile(r"(\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s?#'\"<>]*)\?[^\s#'\"<>]*")


def without_url_queries(text: str) -> str:
    """``text`` with the query string of every URL in it removed (``http://h/p?key=1`` -> ``http://h/p``)."""
    return _URL_QUERY.sub(r"\1", text) if "?" in text else text


class QueryFreeLogs(logging.Filter):
    """A handler filter: log lines and tracebacks quote URLs without their query string (API keys live there)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place; never drops it."""
        message = record.getMessage()
        if "?" in message:
            record.msg, record.args = without_url_queries(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = without_url_queries(record.exc_text)
        return True


def _wire_forms(secret: str) -> set[str]:
    """The secret and the encodings it may be seen in: URL query forms and JSON string escaping."""
    forms = {secret, quote(secret, safe=""), quote_plus(secret), query_encoded(secret)}
    forms.add(msgspec.json.encode(secret).decode()[1:-1])
    forms.add(json.dumps(secret)[1:-1])  # ASCII-only JSON (\u00e4), as many servers write it
    return forms


class Redactor:
    """Replaces the secrets it was built with (and their wire forms) by ``•••`` in texts and JSON values."""

    __slots__ = ("_bytes", "_derived", "_secrets", "_texts")

    def __init__(self, secrets: Iterable[str]) -> None:
        self._secrets = tuple(secret for secret in secrets if secret)
        forms: set[str] = set()
        for secret in self._secrets:
            forms |= _wire_forms(secret)
        # Longest first, so a secret inside a longer form (``user:pass`` base64) never leaves a partial match.
        self._texts = tuple(sorted(forms, key=len, reverse=True))
        self._bytes = tuple(form.encode() for form in self._texts)
        self._derived: tuple[tuple[str, ...], Redactor] | None = None

    def __bool__(self) -> bool:
        return bool(self._texts)

    def including(self, extra: tuple[str, ...]) -> Redactor:
        """This redactor plus ``extra`` secrets (fetched OAuth2 tokens); the last one built is reused."""
        if not extra:
            return self
        if self._derived is None or self._derived[0] != extra:
            self._derived = (extra, Redactor((*self._secrets, *extra)))
        return self._derived[1]

    def text(self, text: str) -> str:
        """``text`` with every secret masked."""
        for form in self._texts:
            if form in text:
                text = text.replace(form, MASK)
        return text

    def error(self, text: str) -> str:
        """An error text safe to store or show: URLs without query strings, secrets masked."""
        return self.text(without_url_queries(text))

    def value(self, value: Any) -> Any:
        """A JSON value (a stored response body) with secrets masked in every string, keys included.

        One C-speed encode and ``in`` checks decide; the value is only walked when a secret is in it.
        """
        if not self._texts or value is None:
            return value
        if isinstance(value, str):
            return self.text(value)
        encoded = msgspec.json.encode(value)
        if not any(form in encoded for form in self._bytes):
            return value
        return self._walk(value)

    def _walk(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {self._walk(k): self._walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self._walk(item) for item in value]
        return value


NO_SECRETS = Redactor(())


def _auth_secrets(action: ActionInput) -> list[str]:
    auth = action.authentication
    if isinstance(auth, BasicAuth) and auth.password:
        return [auth.password, base64.b64encode(f"{auth.username}:{auth.password}".encode()).decode()]
    if isinstance(auth, OAuth2ClientCredentials) and auth.client_secret:
        credentials = f"{auth.client_id}:{auth.client_secret}".encode()
        return [auth.client_secret, base64.b64encode(credentials).decode()]
    if isinstance(auth, ApiKeyAuth) and auth.value:
        return [auth.value]
    if isinstance(auth, BearerAuth) and auth.token:
        return [auth.token]
    return []


def _field_secrets(field: ActionField) -> list[str]:
    """A secret constant as configured and as sent (typed: ``1.50`` goes out as ``1.5``)."""
    if not field.secret or field.kind != "constant" or field.value is None:
        return []
    try:
        return [as_text(field.value), as_text(cast_value(field.value, field.type))]
    except ValueTypeError:
        return [as_text(field.value)]


def secret_values(action: ActionInput) -> list[str]:
    """Every secret value of an action as it is sent: authentication and secret headers/query parameters."""
    fields = [*action.headers, *action.query_parameters]
    return _auth_secrets(action) + [secret for field in fields for secret in _field_secrets(field)]


def create_redactor(action: ActionInput) -> Redactor:
    """The redactor of an action (``NO_SECRETS`` when it has none)."""
    secrets = secret_values(action)
    return Redactor(secrets) if secrets else NO_SECRETS


class RedactorCache:
    """Each loaded action's redactor, built once: the runtime's action cache hands out the same action object."""

    def __init__(self) -> None:
        self._by_action: dict[uuid.UUID, tuple[ActionInput, Redactor]] = {}

    def for_action(self, action_id: uuid.UUID, action: ActionInput) -> Redactor:
        """The redactor of ``action``, rebuilt when the action object changed (a new version was loaded)."""
        cached = self._by_action.get(action_id)
        if cached is not None and cached[0] is action:
            return cached[1]
        redactor = create_redactor(action)
        self._by_action[action_id] = (action, redactor)
        return redactor
