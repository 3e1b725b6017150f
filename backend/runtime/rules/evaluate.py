"""Safe evaluation of rules, templates and mappings against an instance's context: pure, no I/O, no ``eval``.

The context is ``{event, profile, journey: {id, versionId, version, name}, steps: {<nodeId>: {status, response}}}``.
Paths are dotted (``event.order.total``); a list element is addressed by its index (``event.items.0.sku``);
keys that contain a dot cannot be addressed.

Decisions (documented in the README's runtime section):
- A missing path is an ``EvaluationError`` naming it, so the step is recorded as failed with that reason.
  Only ``exists``/``notExists`` look at a missing path without error. A present ``null`` counts as not existing.
- Groups evaluate rules then nested groups, left to right, and stop at the first deciding result: in an
  ``all`` group ``[exists x, x equals 1]`` never errors on a missing ``x``. An empty ``all`` is true, an empty
  ``any`` false.
- Operator semantics live in ``backend.runtime.rules.operators``.
- Templates know one syntax (``backend.journeys.templates``): ``{{ path }}`` and ``{{ path | default: "text" }}``;
  anything else between the braces is treated as a path (so ``{{ __import__('os') }}`` is just a missing path).
  Output is never re-parsed.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping as AbstractMapping
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import msgspec

from backend.journeys.definition import ActionMappings, ConstantMapping, FieldMapping, Mapping, Rule, RuleGroup
from backend.journeys.templates import PLACEHOLDER, TemplateSyntaxError, parse_placeholder
from backend.runtime.rules.operators import EvaluationError, apply_operator

__all__ = [
    "EvaluationError",
    "has",
    "lookup",
    "matches",
    "render_template",
    "resolve_mapping",
    "resolve_mappings",
]

_MISSING = object()


@lru_cache(maxsize=4096)
def _segments(path: str) -> tuple[str, ...]:
    """Split once per distinct path: the same few paths are looked up for every event."""
    return tuple(path.strip().split("."))


def _find(context: AbstractMapping[str, Any], path: str) -> Any:
    """The value at ``path`` or ``_MISSING``; never raises for absent keys, out-of-range indexes or scalars."""
    current: Any = context
    for segment in _segments(path):
        if type(current) is dict or isinstance(current, AbstractMapping):  # plain dicts skip the ABC check
            current = current.get(segment, _MISSING)
        elif isinstance(current, Sequence) and not isinstance(current, str | bytes):
            if not segment.isdigit() or int(segment) >= len(current):
                return _MISSING
            current = current[int(segment)]
        else:
            return _MISSING
        if current is _MISSING:
            return _MISSING
    return current


def lookup(context: AbstractMapping[str, Any], path: str) -> Any:
    """The value at the dotted ``path``; a missing one raises ``EvaluationError`` naming the path."""
    value = _find(context, path)
    if value is _MISSING:
        raise EvaluationError(f"{path.strip()} is missing")
    return value


def has(context: AbstractMapping[str, Any], path: str) -> bool:
    """Whether ``path`` leads to a value (``null`` included; ``exists`` additionally requires non-null)."""
    return _find(context, path) is not _MISSING


def _rule_matches(rule: Rule, context: AbstractMapping[str, Any]) -> bool:
    value = _find(context, rule.field)
    if rule.operator == "exists":
        return value is not _MISSING and value is not None
    if rule.operator == "notExists":
        return value is _MISSING or value is None
    if value is _MISSING:
        raise EvaluationError(f"{rule.field} is missing (rule: {rule.field} {rule.operator})")
    return apply_operator(rule.operator, rule.field, value, rule.value)


def matches(group: RuleGroup, context: AbstractMapping[str, Any]) -> bool:
    """Whether the context satisfies the group (``all`` = and, ``any`` = or), short-circuiting left to right."""
    if group.match == "all":
        return all(_rule_matches(r, context) for r in group.rules) and all(matches(g, context) for g in group.groups)
    return any(_rule_matches(r, context) for r in group.rules) or any(matches(g, context) for g in group.groups)


def as_text(value: Any) -> str:
    """How a value appears inside text: strings as is, JSON for objects/lists/booleans, empty for null."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool | dict | list | tuple):
        return msgspec.json.encode(value).decode()
    return str(value)


def _placeholder(expression: str, context: AbstractMapping[str, Any]) -> str:
    """The text of one ``{{ … }}``: a path, optionally with ``| default: "…"`` used when missing or null."""
    try:
        placeholder = parse_placeholder(expression)
    except TemplateSyntaxError as exc:
        raise EvaluationError(f"{{{{ {expression.strip()} }}}}: {exc}") from None
    value = _find(context, placeholder.path)
    if value is _MISSING or value is None:
        if placeholder.default is not None:
            return placeholder.default
        if value is _MISSING:
            raise EvaluationError(f"{placeholder.path} is missing (template placeholder)")
    return as_text(value)


def render_template(template: str, context: AbstractMapping[str, Any]) -> str:
    """Fill every ``{{ path }}`` from the context in one pass; substituted text is never parsed again."""
    if "{{" not in template:
        return template
    return PLACEHOLDER.sub(lambda m: _placeholder(m.group(1), context), template)


def _detached(value: Any) -> Any:
    """A copy of containers so one call's request never aliases the definition or the context."""
    return copy.deepcopy(value) if isinstance(value, dict | list) else value


def resolve_mapping(mapping: Mapping, context: AbstractMapping[str, Any]) -> Any:
    """A mapping's value: a constant as typed, a field with its type preserved, a template as text."""
    if isinstance(mapping, ConstantMapping):
        return _detached(mapping.value)
    if isinstance(mapping, FieldMapping):
        return _detached(lookup(context, mapping.field))
    return render_template(mapping.template, context)


def _resolve_all(where: str, mappings: dict[str, Mapping], context: AbstractMapping[str, Any]) -> dict[str, Any]:
    resolved: dict[str, Any] = {}
    for key, mapping in mappings.items():
        try:
            resolved[key] = resolve_mapping(mapping, context)
        except EvaluationError as exc:
            raise EvaluationError(f"{where}.{key}: {exc}") from None
    return resolved


def resolve_mappings(mappings: ActionMappings, context: AbstractMapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Every mapped variable of an action node; an error names the variable and the missing path."""
    return {
        "headers": _resolve_all("headers", mappings.headers, context),
        "queryParameters": _resolve_all("queryParameters", mappings.query_parameters, context),
        "pathParameters": _resolve_all("pathParameters", mappings.path_parameters, context),
        "payload": _resolve_all("payload", mappings.payload, context),
    }
