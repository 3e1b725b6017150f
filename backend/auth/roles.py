"""The three roles and what each may do."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A user's one role."""

    ADMIN = "admin"
    TECHNICAL = "technical"
    MARKETER = "marketer"


EVERYONE = frozenset(Role)
CONFIGURERS = frozenset({Role.ADMIN, Role.TECHNICAL})
ADMINS = frozenset({Role.ADMIN})
