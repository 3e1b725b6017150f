"""Encrypt action secrets at rest with a Fernet key derived from ``JOURNEYS_SECRET_KEY``."""

from __future__ import annotations

import base64
import json
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

# Wire name of the secret field of each authentication type (camelCase, as stored).
SECRET_FIELDS = {"basic": "password", "apiKey": "value", "bearer": "token", "oauth2ClientCredentials": "clientSecret"}
_PREFIX = "enc:v1:"


class SecretDecryptionError(Exception):
    """A stored secret cannot be read with the current key (the key changed)."""


@lru_cache(maxsize=8)
def _fernet(secret_key: str) -> Fernet:
    """HKDF turns an operator-chosen key of any length into the 32 bytes Fernet needs."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"journey-builder", info=b"custom action secrets v1")
    return Fernet(base64.urlsafe_b64encode(hkdf.derive(secret_key.encode())))


def encrypt_secret(secret_key: str, plain: str) -> str:
    """The stored form of a secret."""
    return _PREFIX + _fernet(secret_key).encrypt(plain.encode()).decode()


def decrypt_secret(secret_key: str, stored: str) -> str:
    """The plain secret of a stored value."""
    if not stored.startswith(_PREFIX):
        raise SecretDecryptionError("stored secret is not encrypted")
    try:
        return _fernet(secret_key).decrypt(stored[len(_PREFIX) :].encode()).decode()
    except InvalidToken:
        raise SecretDecryptionError("stored secret cannot be decrypted with JOURNEYS_SECRET_KEY") from None


def secret_field(auth: dict[str, Any]) -> str | None:
    """The key holding the secret in an authentication dict, if its type has one."""
    return SECRET_FIELDS.get(str(auth.get("type")))


def seal(secret_key: str, auth: dict[str, Any]) -> dict[str, Any]:
    """An authentication dict with its secret encrypted (for the row)."""
    name = secret_field(auth)
    if name is None or auth.get(name) is None:
        return dict(auth)
    return {**auth, name: encrypt_secret(secret_key, str(auth[name]))}


def unseal(secret_key: str, auth: dict[str, Any]) -> dict[str, Any]:
    """An authentication dict with its secret decrypted (for calls)."""
    name = secret_field(auth)
    if name is None or auth.get(name) is None:
        return dict(auth)
    return {**auth, name: decrypt_secret(secret_key, str(auth[name]))}


def redact(auth: dict[str, Any]) -> dict[str, Any]:
    """An authentication dict with its secret replaced by null (for answers)."""
    name = secret_field(auth)
    return dict(auth) if name is None else {**auth, name: None}


def _is_secret(field: dict[str, Any]) -> bool:
    return bool(field.get("secret")) and field.get("value") is not None


def seal_fields(secret_key: str, fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Header or query parameter dicts with the values of secret ones encrypted (as JSON, keeping their type)."""
    return [
        {**f, "value": encrypt_secret(secret_key, json.dumps(f["value"]))} if _is_secret(f) else dict(f) for f in fields
    ]


def unseal_fields(secret_key: str, fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Header or query parameter dicts with the values of secret ones decrypted (for calls)."""
    return [
        {**f, "value": json.loads(decrypt_secret(secret_key, str(f["value"])))} if _is_secret(f) else dict(f)
        for f in fields
    ]


def redact_fields(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Header or query parameter dicts with the values of secret ones replaced by null (for answers)."""
    return [{**f, "value": None} if f.get("secret") else dict(f) for f in fields]
