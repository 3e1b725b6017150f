"""The journey definition as stored and sent on the wire: nodes are a tagged union on ``type``.

This module is the contract shared by the journey API, the runtime and the canvas
(`frontend/src/editor/convert.ts` converts it to React Flow state and back).
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

import msgspec

NodeId = Annotated[str, msgspec.Meta(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
FieldPath = Annotated[str, msgspec.Meta(min_length=1, max_length=300)]

Operator = Literal[
    "equals",
    "notEquals",
    "greaterThan",
    "greaterOrEqual",
    "lessThan",
    "lessOrEqual",
    "contains",
    "notContains",
    "startsWith",
    "endsWith",
    "in",
    "notIn",
    "exists",
    "notExists",
]

# Outputs a node may have, by type: event/wait -> "next"; action -> "success" (+ "error" when errorPath);
# condition -> one per branch id + "otherwise"; end -> none.
NEXT = "next"
SUCCESS = "success"
ERROR = "error"
OTHERWISE = "otherwise"


class Wire(msgspec.Struct, rename="camel", forbid_unknown_fields=True, omit_defaults=False):
    """Base of definition structs: camelCase JSON, unknown fields rejected."""


class Position(Wire):
    """Where the node sits on the canvas."""

    x: float
    y: float


class Rule(Wire):
    """Compare a context ``field`` (``event.order.total``, ``profile.tier``, ``steps.n3.status``) to ``value``."""

    field: FieldPath
    operator: Operator
    value: Any = None


class RuleGroup(Wire):
    """Rules and nested groups combined with ``all`` (and) or ``any`` (or)."""

    match: Literal["all", "any"] = "all"
    rules: list[Rule] = []
    groups: list[RuleGroup] = []


class ConstantMapping(Wire, tag="constant", tag_field="source"):
    """A fixed value typed by the marketer."""

    value: Any = None


class FieldMapping(Wire, tag="field", tag_field="source"):
    """A value read from the context: ``event.*``, ``profile.*``, ``journey.*``, ``steps.<nodeId>.response.*``."""

    field: FieldPath


class TemplateMapping(Wire, tag="template", tag_field="source"):
    """Text with ``{{ path }}`` placeholders filled from the context (no code runs)."""

    template: Annotated[str, msgspec.Meta(max_length=10_000)]


Mapping = ConstantMapping | FieldMapping | TemplateMapping


class ActionMappings(Wire):
    """How each *variable* of the action gets its value; keys are header, query and path parameter names and
    payload paths."""

    headers: dict[str, Mapping] = {}
    query_parameters: dict[str, Mapping] = {}
    path_parameters: dict[str, Mapping] = {}
    payload: dict[str, Mapping] = {}


class Branch(Wire):
    """One condition branch; its ``id`` is also the ``sourceHandle`` of its outgoing edge."""

    id: NodeId
    name: Annotated[str, msgspec.Meta(max_length=200)] = ""
    when: RuleGroup = msgspec.field(default_factory=RuleGroup)


class NodeBase(Wire, tag_field="type"):
    """Fields every node has."""

    id: NodeId
    position: Position
    name: Annotated[str, msgspec.Meta(max_length=200)] = ""


class EventNode(NodeBase, tag="event"):
    """The entry: profiles enter when an event of ``eventTypeId`` arrives and matches ``filter``."""

    event_type_id: uuid.UUID | None = None
    filter: RuleGroup | None = None


class ConditionNode(NodeBase, tag="condition"):
    """First branch whose rules match wins, else ``otherwise``."""

    branches: list[Branch] = []


class WaitNode(NodeBase, tag="wait"):
    """A durable pause."""

    duration_seconds: Annotated[int, msgspec.Meta(ge=0, le=90 * 86_400)] = 3600


class ActionNode(NodeBase, tag="action"):
    """A call of a custom action; ``errorPath`` adds the "error" output for timeouts and failures."""

    action_id: uuid.UUID | None = None
    mappings: ActionMappings = msgspec.field(default_factory=ActionMappings)
    error_path: bool = False


class EndNode(NodeBase, tag="end"):
    """The instance completes here."""


Node = EventNode | ConditionNode | WaitNode | ActionNode | EndNode


class Edge(Wire):
    """A connection from one node's output (``sourceHandle``) to another node."""

    id: NodeId
    source: NodeId
    target: NodeId
    source_handle: Annotated[str, msgspec.Meta(min_length=1, max_length=64)] = NEXT


class Definition(Wire):
    """The canvas graph of one journey version."""

    nodes: list[Node] = []
    edges: list[Edge] = []


class JourneySettings(Wire):
    """Entry rules of a journey version."""

    reentrance: bool = False
    reentrance_wait_seconds: Annotated[int, msgspec.Meta(ge=0, le=91 * 86_400)] = 0


def outputs_of(node: Node) -> list[str]:
    """The output handles a node offers; every one must be connected for the journey to be valid."""
    if isinstance(node, EventNode | WaitNode):
        return [NEXT]
    if isinstance(node, ActionNode):
        return [SUCCESS, ERROR] if node.error_path else [SUCCESS]
    if isinstance(node, ConditionNode):
        return [b.id for b in node.branches] + [OTHERWISE]
    return []
