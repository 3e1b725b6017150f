"""An unknown email costs the same argon2 work as a known one, so answer times do not reveal accounts."""

from __future__ import annotations

import statistics
import time

from argon2 import extract_parameters

from backend.auth import secrets


def _cpu_seconds(password_hash: str | None) -> float:
    # CPU time of the whole process (argon2's lane threads included), not wall time: other load cannot skew it.
    started = time.process_time()
    assert secrets.verify_password(password_hash, "a guess") is False
    return time.process_time() - started


def test_unknown_email_is_verified_against_a_hash_as_costly_as_a_real_one() -> None:
    real = secrets.hash_password("the real password")
    assert extract_parameters(secrets._dummy_hash()) == extract_parameters(real)
    known = statistics.median(_cpu_seconds(real) for _ in range(3))
    unknown = statistics.median(_cpu_seconds(None) for _ in range(3))
    assert 0.5 < unknown / known < 2, (known, unknown)
