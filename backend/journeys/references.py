"""Checks that the context fields a node reads (mappings, templates, rules) exist where the node runs."""

from __future__ import annotations

from collections.abc import Iterator

import msgspec

from backend.journeys.catalog import ActionInfo, normalize_path
from backend.journeys.context_fields import CONTEXT_FIELDS, ENTRY_UNAVAILABLE
from backend.journeys.definition import (
    ActionNode,
    ConditionNode,
    ConstantMapping,
    EventNode,
    FieldMapping,
    Mapping,
    Node,
    RuleGroup,
    TemplateMapping,
)
from backend.journeys.templates import TemplateSyntaxError, parse_placeholder, placeholder_texts


class FieldScope(msgspec.Struct, frozen=True):
    """What a node may read: the entry event's fields (None when unknown), the actions run before it on every
    path, and those of them whose success output is on every path (only those have a response)."""

    event_fields: frozenset[str] | None
    steps: dict[str, ActionInfo | None]
    succeeded: frozenset[str] = frozenset()
    at_entry: bool = False


def _known(path: str, fields: frozenset[str]) -> bool:
    """A derived field, or an object that contains derived fields."""
    normal = normalize_path(path)
    return normal in fields or any(f.startswith(normal + ".") for f in fields)


def _step_problem(rest: str, scope: FieldScope) -> str | None:
    node_id, _, tail = rest.partition(".")
    if node_id not in scope.steps:
        return f"steps.{node_id} is not an action that runs before this node on every path"
    if tail == "status":
        return None
    if tail != "response" and not tail.startswith("response."):
        return f"steps.{node_id} offers only 'status' and 'response.*'"
    if node_id not in scope.succeeded:
        return f"steps.{node_id}.response is only set after its success output, and this node is also reached otherwise"
    info = scope.steps[node_id]
    sub = tail.removeprefix("response.")
    if tail != "response" and info is not None and not _known(sub, info.response_fields):
        return f"'{sub}' is not a field of the response example of action '{info.name}'"
    return None


def field_problem(path: str, scope: FieldScope) -> str | None:
    """Why ``path`` cannot be read at this node, or None when it can."""
    head, _, rest = path.strip().partition(".")
    if head == "profile":
        return None if rest else "profile needs a field name, e.g. profile.email"
    if head == "journey":
        if f"journey.{rest}" in ENTRY_UNAVAILABLE and scope.at_entry:
            return f"journey.{rest} does not exist yet when the entry filter runs"
        if f"journey.{rest}" in CONTEXT_FIELDS:
            return None
        offered = ", ".join(f for f in CONTEXT_FIELDS if f.startswith("journey."))
        return f"journey.{rest} is not one of {offered}"
    if head == "event":
        if scope.event_fields is None or not rest or _known(rest, scope.event_fields):
            return None
        return f"event field '{rest}' is not in the entry event type"
    if head == "steps":
        return _step_problem(rest, scope)
    return f"'{path}' must start with event., profile., journey. or steps."


def template_problems(template: str, scope: FieldScope) -> Iterator[str]:
    """Placeholders the runtime could not fill: bad syntax (e.g. an unknown filter) or an unreadable path."""
    for expression in placeholder_texts(template):
        try:
            path = parse_placeholder(expression).path
        except TemplateSyntaxError as exc:
            yield str(exc)
            continue
        problem = field_problem(path, scope)
        if problem:
            yield problem


def mapping_problems(name: str, mapping: Mapping, scope: FieldScope) -> Iterator[str]:
    """Problems of one variable's mapping."""
    if isinstance(mapping, FieldMapping):
        problem = field_problem(mapping.field, scope)
        if problem:
            yield f"{name}: {problem}"
    elif isinstance(mapping, TemplateMapping):
        for problem in template_problems(mapping.template, scope):
            yield f"{name}: {problem}"


def rule_fields(group: RuleGroup) -> Iterator[str]:
    """Every rule field in a group and its nested groups."""
    for rule in group.rules:
        yield rule.field
    for sub in group.groups:
        yield from rule_fields(sub)


def node_reference_problems(node: Node, scope: FieldScope) -> Iterator[str]:
    """Every unreadable field a node refers to."""
    if isinstance(node, EventNode) and node.filter is not None:
        for path in rule_fields(node.filter):
            problem = field_problem(path, scope)
            if problem:
                yield f"filter: {problem}"
    elif isinstance(node, ConditionNode):
        for branch in node.branches:
            for path in rule_fields(branch.when):
                problem = field_problem(path, scope)
                if problem:
                    yield f"branch '{branch.name or branch.id}': {problem}"
    elif isinstance(node, ActionNode):
        maps = node.mappings
        for section in (maps.headers, maps.query_parameters, maps.path_parameters, maps.payload):
            for key, mapping in section.items():
                yield from mapping_problems(key, mapping, scope)


def is_mapped(mapping: Mapping | None) -> bool:
    """A mapping that gives a value (a constant must not be null or empty text)."""
    if mapping is None:
        return False
    if isinstance(mapping, ConstantMapping):
        return mapping.value is not None and mapping.value != ""
    if isinstance(mapping, FieldMapping):
        return bool(mapping.field.strip())
    return bool(mapping.template)
