"""Apply an action's authentication to a built request; OAuth2 access tokens are cached per ``Authenticator``.

Each process makes one ``Authenticator`` beside its sender. Callers ``authorize`` before each call and, on a 401
from an OAuth2-protected endpoint, ``forget`` the token once and retry so a revoked token is replaced. Tokens
are keyed by the credentials they were fetched with, so an action whose credentials change gets a new token in
every process without being told.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import time
import uuid
from dataclasses import dataclass
from urllib.parse import urlencode

import msgspec

from backend.actions.schemas import (
    ApiKeyAuth,
    Authentication,
    BasicAuth,
    BearerAuth,
    OAuth2ClientCredentials,
)
from backend.outbound.messages import OutboundRequest, Send

TOKEN_EXPIRY_MARGIN_S = 60.0
DEFAULT_TOKEN_LIFETIME_S = 3600.0
TOKEN_TIMEOUT_S = 10.0
RECENT_TOKENS = 4

TokenKey = tuple[uuid.UUID, str, str, str]  # action id, token URL, client id, credentials fingerprint


class TokenRequestError(Exception):
    """The OAuth2 token endpoint refused the credentials or answered something unusable."""


@dataclass
class _CachedToken:
    value: str
    expires_at: float


class TokenCache:
    """Access tokens keyed by action and credentials, valid until ``expires_in`` minus a margin."""

    def __init__(self, margin_s: float = TOKEN_EXPIRY_MARGIN_S) -> None:
        self._tokens: dict[TokenKey, _CachedToken] = {}
        self._locks: dict[TokenKey, asyncio.Lock] = {}
        self._issued: dict[uuid.UUID, tuple[str, ...]] = {}
        self._margin_s = margin_s

    def get(self, key: TokenKey) -> str | None:
        """The cached token, or None when absent or about to expire."""
        cached = self._tokens.get(key)
        if cached is None or cached.expires_at <= time.monotonic():
            return None
        return cached.value

    def put(self, key: TokenKey, value: str, expires_in: float) -> None:
        """Remember a token for ``expires_in`` seconds minus the margin (never negative)."""
        lifetime = max(expires_in - self._margin_s, 0.0)
        now = time.monotonic()
        for stale in [k for k, cached in self._tokens.items() if cached.expires_at <= now]:
            del self._tokens[stale]  # tokens of replaced credentials are never asked for again
        self._tokens[key] = _CachedToken(value, now + lifetime)
        self._issued[key[0]] = (*self._issued.get(key[0], ())[-(RECENT_TOKENS - 1) :], value)

    def recent(self, action_id: uuid.UUID) -> tuple[str, ...]:
        """The last tokens fetched for an action, invalidated ones included (a late answer may echo one)."""
        return self._issued.get(action_id, ())

    def lock(self, key: TokenKey) -> asyncio.Lock:
        """One lock per key so concurrent calls fetch a token once, not once each."""
        return self._locks.setdefault(key, asyncio.Lock())

    def release(self, key: TokenKey) -> None:
        """Drop an idle lock so no lock outlives the event loop it was used on."""
        lock = self._locks.get(key)
        if lock is not None and not lock.locked():
            del self._locks[key]

    def invalidate(self, action_id: uuid.UUID) -> None:
        """Forget every token of an action (after a 401, or when the action changes)."""
        for key in [k for k in self._tokens if k[0] == action_id]:
            del self._tokens[key]


def _basic(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def apply_static_auth(request: OutboundRequest, auth: Authentication) -> OutboundRequest:
    """Basic, API key and bearer authentication (no I/O); other types return the request unchanged."""
    if isinstance(auth, BasicAuth):
        return request.with_header("Authorization", _basic(auth.username, auth.password or ""))
    if isinstance(auth, ApiKeyAuth):
        if auth.location == "query":
            return request.with_param(auth.name, auth.value or "")
        return request.with_header(auth.name, auth.value or "")
    if isinstance(auth, BearerAuth):
        return request.with_header("Authorization", f"Bearer {auth.token or ''}")
    return request


class _TokenAnswer(msgspec.Struct):
    access_token: str
    expires_in: float = DEFAULT_TOKEN_LIFETIME_S


async def fetch_token(send: Send, auth: OAuth2ClientCredentials) -> tuple[str, float]:
    """POST the client-credentials grant (client id/secret via HTTP Basic); returns token and lifetime.

    Through the same sender as the calls themselves, so the token endpoint passes the same guard.
    """
    form = {"grant_type": "client_credentials"}
    if auth.scope:
        form["scope"] = auth.scope
    headers = {
        "Authorization": _basic(auth.client_id, auth.client_secret or ""),
        "Accept": "application/json",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    request = OutboundRequest("POST", auth.token_url, headers, content=urlencode(form).encode())
    response = await send(request, TOKEN_TIMEOUT_S)
    if response.status != 200:
        raise TokenRequestError(f"token endpoint answered {response.status}")
    try:
        answer = msgspec.json.decode(response.body, type=_TokenAnswer)
    except msgspec.DecodeError:
        raise TokenRequestError("token endpoint answer has no access_token") from None
    return answer.access_token, answer.expires_in


def token_key(action_id: uuid.UUID, auth: OAuth2ClientCredentials) -> TokenKey:
    """The cache key of a token: a changed secret or scope makes a new key, so the old token is never reused."""
    fingerprint = hashlib.sha256(f"{auth.client_secret or ''}\0{auth.scope or ''}".encode()).hexdigest()[:16]
    return (action_id, auth.token_url, auth.client_id, fingerprint)


class Authenticator:
    """Signs requests with an action's credentials; fetches OAuth2 tokens through ``send`` and caches them."""

    def __init__(self, send: Send, tokens: TokenCache | None = None) -> None:
        self.send = send  # the process's one sender: token requests pass the same guard as the calls
        self._tokens = tokens or TokenCache()

    async def authorize(self, request: OutboundRequest, auth: Authentication, action_id: uuid.UUID) -> OutboundRequest:
        """The request with the action's credentials applied (fetching an OAuth2 token when needed)."""
        if isinstance(auth, OAuth2ClientCredentials):
            token = await self._oauth2_token(action_id, auth)
            return request.with_header("Authorization", f"Bearer {token}")
        return apply_static_auth(request, auth)

    def forget(self, action_id: uuid.UUID) -> None:
        """Drop the action's cached OAuth2 tokens (after a 401) so the next call fetches a new one."""
        self._tokens.invalidate(action_id)

    def recent(self, action_id: uuid.UUID) -> tuple[str, ...]:
        """Access tokens recently fetched for ``action_id``: secrets to mask in what its calls store."""
        return self._tokens.recent(action_id)

    async def _oauth2_token(self, action_id: uuid.UUID, auth: OAuth2ClientCredentials) -> str:
        key = token_key(action_id, auth)
        if token := self._tokens.get(key):
            return token
        try:
            async with self._tokens.lock(key):
                if token := self._tokens.get(key):
                    return token
                token, expires_in = await fetch_token(self.send, auth)
                self._tokens.put(key, token, expires_in)
                return token
        finally:
            self._tokens.release(key)
