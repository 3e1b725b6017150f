"""An action's contract with the journeys that call it, and what an edit changes in it (pure: no database).

The contract is what a published journey's mappings rely on: the method, and the names, kinds (constant or
variable), types and required flags of headers, query parameters and payload fields. While a live version
(or a closed one with running instances) uses the action, an edit may add an *optional* variable, add a
constant or change a constant's value (nothing for the journeys to map), and change everything else (name, URL,
authentication, timeout, retries, limits), but not the contract: every new call of those journeys would fail.
"""

from __future__ import annotations

from collections.abc import Iterator

from backend.actions.schemas import ActionField, ActionInput, PayloadField
from backend.errors import FieldProblem

Spec = ActionField | PayloadField
_SECTIONS = ("headers", "queryParameters", "requestPayload.fields")


def _specs(action: ActionInput) -> dict[str, list[Spec]]:
    payload: list[Spec] = list(action.request_payload.fields) if action.request_payload else []
    return {
        "headers": list(action.headers),
        "queryParameters": list(action.query_parameters),
        "requestPayload.fields": payload,
    }


def _key(section: str, spec: Spec) -> str:
    name = spec.path if isinstance(spec, PayloadField) else spec.name
    return name.lower() if section == "headers" else name  # header names are case-insensitive


def _text(value: object) -> str:
    """A contract attribute as the UI shows it: ``true``/``false`` for the required flag, else as is."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def _section_changes(section: str, old: list[Spec], new: list[Spec]) -> Iterator[FieldProblem]:
    before = {_key(section, s): s for s in old}
    after = {_key(section, s): (index, s) for index, s in enumerate(new)}
    for key, spec in before.items():
        if key not in after:
            yield FieldProblem(
                section, f"{key!r} is removed, but the journeys send it", "contractRemoved", {"key": key}
            )
            continue
        index, changed = after[key]
        for attribute in ("kind", "type", "required"):
            was, now = getattr(spec, attribute), getattr(changed, attribute)
            if was != now:
                yield FieldProblem(
                    f"{section}[{index}].{attribute}",
                    f"{key!r} is {was!r} in the journeys' contract, not {now!r}",
                    "contractChanged",
                    {"key": key, "was": _text(was), "now": _text(now)},
                )
    for key, (index, spec) in after.items():
        if key in before:
            continue
        if spec.kind == "variable" and spec.required:
            yield FieldProblem(
                f"{section}[{index}].required",
                f"a new variable {key!r} must be optional: the journeys do not map it",
                "contractNewRequired",
                {"key": key},
            )


def contract_changes(stored: ActionInput, edited: ActionInput) -> list[FieldProblem]:
    """Every change of ``edited`` to the contract of ``stored``, each naming the field; empty when compatible."""
    problems: list[FieldProblem] = []
    if stored.method != edited.method:
        message = f"is {stored.method} in the journeys' contract, not {edited.method}"
        problems.append(FieldProblem("method", message, "contractMethod", {"was": stored.method, "now": edited.method}))
    old, new = _specs(stored), _specs(edited)
    for section in _SECTIONS:
        problems.extend(_section_changes(section, old[section], new[section]))
    return problems
