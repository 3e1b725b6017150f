"""Whether each mapping of an action node gives a value of its variable's type, and whether it may be absent.

The type table (``ACCEPTS``) says which source types a variable of each type takes without failing at run time:
a whole number is a fine decimal, a decimal is not an integer, text is not a number, a number or a boolean
becomes text. A template always gives text. Unknown types (``any``: profile attributes, fields of an
untyped example) are not checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import msgspec

from backend.actions.values import ValueTypeError, cast_value
from backend.journeys.catalog import ActionInfo, EventTypeInfo, Variable, normalize_path
from backend.journeys.context_fields import CONTEXT_FIELDS
from backend.journeys.definition import ActionNode, ConstantMapping, FieldMapping, Mapping, TemplateMapping
from backend.journeys.problems import Problem
from backend.journeys.references import FieldScope, is_mapped
from backend.journeys.templates import TemplateSyntaxError, parse_placeholder, placeholder_texts

ACCEPTS: dict[str, frozenset[str]] = {
    "string": frozenset({"string", "integer", "decimal", "boolean", "dateTime"}),
    "dateTime": frozenset({"dateTime", "string"}),
    "integer": frozenset({"integer"}),
    "decimal": frozenset({"integer", "decimal"}),
    "boolean": frozenset({"boolean"}),
    "object": frozenset({"object"}),
    "array": frozenset({"array"}),
}
TEXT_TYPES = frozenset({"string", "dateTime", "any"})
_A = {
    "string": "a text",
    "dateTime": "a date-time",
    "integer": "an integer",
    "decimal": "a decimal",
    "boolean": "a boolean",
    "object": "an object",
    "array": "a list",
}
_FIELD_OF = {
    "string": "a text field",
    "dateTime": "a date-time field",
    "integer": "a whole-number field",
    "decimal": "a number field",
    "boolean": "a true/false field",
    "object": "an object field",
    "array": "a list field",
}

_LIST_OF = {
    "string": "texts",
    "dateTime": "date-times",
    "integer": "whole numbers",
    "decimal": "numbers",
    "boolean": "true/false values",
    "object": "objects",
    "array": "lists",
}


def accepts(target: str, source: str) -> bool:
    """Whether a variable of type ``target`` takes a value of type ``source`` (unknown types always pass)."""
    if target == "any" or source == "any" or target not in ACCEPTS:
        return True
    return source in ACCEPTS[target]


def source_type(path: str, scope: FieldScope, event_type: EventTypeInfo | None) -> str:
    """The type of the value a context path gives, ``any`` when it is not known."""
    path = path.strip()
    if path in CONTEXT_FIELDS:
        return CONTEXT_FIELDS[path]
    head, _, rest = path.partition(".")
    if head == "event" and event_type is not None:
        return event_type.types.get(normalize_path(rest), "any")
    if head == "steps":
        node_id, _, tail = rest.partition(".")
        if tail == "status":
            return "string"  # http_200, timedout, capped, …
        info = scope.steps.get(node_id)
        if info is not None and tail.startswith("response."):
            return info.response_types.get(normalize_path(tail.removeprefix("response.")), "any")
    return "any"


def item_type(path: str, scope: FieldScope, event_type: EventTypeInfo | None) -> str:
    """The type of the items of the list at ``path`` (from the example's first item), ``any`` when not known."""
    return source_type(f"{path.strip()}.0", scope, event_type)


def absent_reason(path: str, event_type: EventTypeInfo | None) -> str | None:
    """Why the value at ``path`` may be missing for some profiles, or None when it is always there."""
    path = path.strip()
    if path in CONTEXT_FIELDS:
        return None
    head, _, rest = path.partition(".")
    if head == "profile":
        return "not every profile has this attribute"
    if head == "event" and event_type is not None and rest:
        normal = normalize_path(rest)
        if "0" in normal.split("."):
            return "a list in the event may be empty"
        # Ingestion refuses events without a required field, so a field with a required field inside is there too.
        if not any(r == normal or r.startswith(normal + ".") for r in event_type.required):
            return "the event type does not mark it required"
    return None


def _type_mismatch(variable: Variable, path: str, found: str) -> str:
    label, wanted = variable.shown, variable.type
    return (
        f"{label} expects {_A[wanted]}, but {path} is {_A.get(found, found)}: map {_FIELD_OF[wanted]}, "
        f"or ask a technical user to make {label} {_A.get(found, found)}"
    )


def _item_mismatch(variable: Variable, path: str, found: str) -> str:
    label, wanted = variable.shown, _LIST_OF[variable.item_type]
    return (
        f"{label} expects a list of {wanted}, but {path} is a list of {_LIST_OF.get(found, found)}: "
        f"map a list of {wanted}, or ask a technical user to change the items of {label}"
    )


def _absent_warning(variable: Variable, path: str, reason: str) -> str:
    fix = (
        f'use a template with a default, e.g. {{{{ {path} | default: "…" }}}}'
        if variable.type in TEXT_TYPES
        else "ask a technical user to make the source required or the variable optional"
    )
    return f"{variable.shown} is required, but {path} may be missing ({reason}), and then the call fails: {fix}"


def _field_problems(
    variable: Variable, mapping: FieldMapping, scope: FieldScope, event_type: EventTypeInfo | None
) -> Iterator[tuple[str, str]]:
    found = source_type(mapping.field, scope, event_type)
    if not accepts(variable.type, found):
        yield "error", _type_mismatch(variable, mapping.field.strip(), found)
    elif variable.type == "array" and found == "array":
        items = item_type(mapping.field, scope, event_type)
        if not accepts(variable.item_type, items):
            yield "error", _item_mismatch(variable, mapping.field.strip(), items)
    reason = absent_reason(mapping.field, event_type)
    if variable.required and reason:
        yield "warning", _absent_warning(variable, mapping.field.strip(), reason)


def _template_problems(
    variable: Variable, mapping: TemplateMapping, event_type: EventTypeInfo | None
) -> Iterator[tuple[str, str]]:
    if variable.type not in TEXT_TYPES:
        yield (
            "error",
            f"{variable.shown} expects {_A.get(variable.type, variable.type)}, but a template always gives text: "
            "use a field mapping",
        )
    if not variable.required:
        return
    for expression in placeholder_texts(mapping.template):
        try:
            placeholder = parse_placeholder(expression)
        except TemplateSyntaxError:
            continue  # reported by the reference checks
        reason = absent_reason(placeholder.path, event_type)
        if placeholder.default is None and reason:
            yield "warning", _absent_warning(variable, placeholder.path, reason)


def _constant_problems(variable: Variable, value: Any) -> Iterator[tuple[str, str]]:
    if variable.type not in ACCEPTS:
        return
    try:
        cast_value(value, variable.type)
    except ValueTypeError:
        shown = msgspec.json.encode(value).decode()
        yield "error", f"{variable.shown} expects {_A[variable.type]}, but the constant {shown} is not one"


def _problems_of(
    variable: Variable, mapping: Mapping, scope: FieldScope, event_type: EventTypeInfo | None
) -> Iterator[tuple[str, str]]:
    if not is_mapped(mapping):
        return
    if isinstance(mapping, FieldMapping):
        yield from _field_problems(variable, mapping, scope, event_type)
    elif isinstance(mapping, TemplateMapping):
        yield from _template_problems(variable, mapping, event_type)
    elif isinstance(mapping, ConstantMapping):
        yield from _constant_problems(variable, mapping.value)


def mapping_type_problems(
    node: ActionNode, info: ActionInfo, scope: FieldScope, event_type: EventTypeInfo | None
) -> Iterator[Problem]:
    """Type errors and may-be-missing warnings of every mapped variable of ``node``."""
    sections = {
        "headers": node.mappings.headers,
        "queryParameters": node.mappings.query_parameters,
        "pathParameters": node.mappings.path_parameters,
        "payload": node.mappings.payload,
    }
    for variable in info.variables:
        mapping = sections[variable.section].get(variable.key)
        if mapping is None:
            continue
        for severity, message in _problems_of(variable, mapping, scope, event_type):
            where = f"{variable.section}.{variable.key}"
            yield Problem(message, node.id, "warning" if severity == "warning" else "error", where)
