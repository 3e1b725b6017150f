"""What Validate answers: one problem per thing that would fail, errors blocking publishing, warnings not."""

from __future__ import annotations

from typing import Literal

import msgspec

Severity = Literal["error", "warning"]


class Problem(msgspec.Struct, rename="camel", forbid_unknown_fields=True, omit_defaults=True, frozen=True):
    """One reason the journey would fail; ``nodeId`` points the canvas at the node to badge.

    ``severity`` ``warning`` marks what may fail for some profiles only (an optional field mapped to a required
    variable): it is shown but never blocks publishing. ``mapping`` (``payload.amount``: section, then the
    variable's key) points the inspector at the mapping row the problem is about.
    """

    message: str
    node_id: str | None = None
    severity: Severity = "error"
    mapping: str | None = None


def blocking(problems: list[Problem]) -> list[Problem]:
    """The problems that keep a journey from being published (warnings do not)."""
    return [p for p in problems if p.severity == "error"]
