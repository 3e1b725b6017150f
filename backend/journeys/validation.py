"""Whether a journey definition can be published: pure checks over the graph and the catalog (no database)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from backend.journeys import graph
from backend.journeys.catalog import ActionInfo, Catalog
from backend.journeys.definition import (
    OTHERWISE,
    SUCCESS,
    ActionNode,
    ConditionNode,
    Definition,
    EndNode,
    EventNode,
    Node,
    RuleGroup,
    WaitNode,
    outputs_of,
)
from backend.journeys.mapping_types import mapping_type_problems
from backend.journeys.problems import Problem
from backend.journeys.references import FieldScope, is_mapped, node_reference_problems

__all__ = ["Problem", "validate_definition"]


def _duplicate_ids(definition: Definition) -> Iterator[Problem]:
    node_counts = Counter(n.id for n in definition.nodes)
    for node_id, count in node_counts.items():
        if count > 1:
            yield Problem(f"node id '{node_id}' is used by {count} nodes", node_id)
    edge_counts = Counter(e.id for e in definition.edges)
    for edge_id, count in edge_counts.items():
        if count > 1:
            yield Problem(f"edge id '{edge_id}' is used by {count} edges")


def _entry_problems(definition: Definition, catalog: Catalog) -> Iterator[Problem]:
    events = [n for n in definition.nodes if isinstance(n, EventNode)]
    if not events:
        yield Problem("the journey needs exactly one entry event node")
    for extra in events[1:]:
        yield Problem("only one entry event node is allowed", extra.id)
    if events and events[0].event_type_id is None:
        yield Problem("choose the event type that starts the journey", events[0].id)
    elif events and events[0].event_type_id not in catalog.event_types:
        yield Problem(f"event type {events[0].event_type_id} does not exist", events[0].id)


def _edge_problems(definition: Definition, nodes: dict[str, Node]) -> Iterator[Problem]:
    for edge in definition.edges:
        source, target = nodes.get(edge.source), nodes.get(edge.target)
        if source is None:
            yield Problem(f"edge {edge.id} starts at unknown node '{edge.source}'")
        elif edge.source_handle not in outputs_of(source):
            yield Problem(f"node has no output '{edge.source_handle}' (edge {edge.id})", source.id)
        if target is None:
            yield Problem(f"edge {edge.id} ends at unknown node '{edge.target}'", edge.source if source else None)
        elif isinstance(target, EventNode):
            yield Problem(f"the entry event cannot be the target of an edge (edge {edge.id})", target.id)


def _output_problems(definition: Definition, nodes: dict[str, Node]) -> Iterator[Problem]:
    used = Counter((e.source, e.source_handle) for e in definition.edges if e.target in nodes)
    for node in nodes.values():
        outputs = outputs_of(node)
        if not isinstance(node, EndNode) and not any(used[(node.id, h)] for h in outputs):
            yield Problem("the path stops here: connect it to an End node", node.id)
            continue
        for handle in outputs:
            if used[(node.id, handle)] == 0:
                yield Problem(f"output '{handle}' is not connected (connect it to an End node to end there)", node.id)
            elif used[(node.id, handle)] > 1:
                yield Problem(f"output '{handle}' is connected more than once", node.id)


def _has_rules(group: RuleGroup) -> bool:
    return bool(group.rules) or any(_has_rules(g) for g in group.groups)


def _condition_problems(node: ConditionNode) -> Iterator[Problem]:
    if not node.branches:
        yield Problem("a condition needs at least one branch", node.id)
    counts = Counter(b.id for b in node.branches)
    for branch in node.branches:
        if branch.id == OTHERWISE:
            yield Problem("a branch cannot be called 'otherwise'", node.id)
        elif counts[branch.id] > 1:
            yield Problem(f"branch id '{branch.id}' is used more than once", node.id)
        if not _has_rules(branch.when):
            yield Problem(f"branch '{branch.name or branch.id}' has no rules", node.id)


def _action_problems(node: ActionNode, catalog: Catalog) -> Iterator[Problem]:
    if node.action_id is None:
        yield Problem("choose the action to call", node.id)
        return
    info = catalog.actions.get(node.action_id)
    if info is None:
        yield Problem(f"action {node.action_id} does not exist", node.id)
        return
    sections = {
        "headers": node.mappings.headers,
        "queryParameters": node.mappings.query_parameters,
        "pathParameters": node.mappings.path_parameters,
        "payload": node.mappings.payload,
    }
    known = {(v.section, v.key) for v in info.variables}
    for variable in info.variables:
        if variable.required and not is_mapped(sections[variable.section].get(variable.key)):
            yield Problem(f"required variable '{variable.key}' ({variable.section}) is not mapped", node.id)
    for section, maps in sections.items():
        for key in maps:
            if (section, key) not in known:
                yield Problem(f"'{key}' ({section}) is not a variable of action '{info.name}'", node.id)


def _node_problems(node: Node, catalog: Catalog) -> Iterator[Problem]:
    if isinstance(node, ConditionNode):
        yield from _condition_problems(node)
    elif isinstance(node, WaitNode) and node.duration_seconds <= 0:
        yield Problem("a wait needs a duration longer than 0 seconds", node.id)
    elif isinstance(node, ActionNode):
        yield from _action_problems(node, catalog)


def _success_split(definition: Definition, nodes: dict[str, Node]) -> dict[str, list[str]]:
    """Successors where each action's success output is its own node ``<id>:success`` (ids never contain ':')."""
    succ: dict[str, list[str]] = {node_id: [] for node_id in nodes}
    for edge in definition.edges:
        if edge.source not in nodes or edge.target not in nodes:
            continue
        if isinstance(nodes[edge.source], ActionNode) and edge.source_handle == SUCCESS:
            via = f"{edge.source}:{SUCCESS}"
            if via not in succ:
                succ[via] = []
                succ[edge.source].append(via)
            succ[via].append(edge.target)
        else:
            succ[edge.source].append(edge.target)
    return succ


def _scopes(
    entry: EventNode, nodes: dict[str, Node], definition: Definition, catalog: Catalog
) -> dict[str, FieldScope]:
    """What each reachable node may read, from the dominators of the success-split graph."""
    event_type = catalog.event_types.get(entry.event_type_id) if entry.event_type_id else None
    event_fields = event_type.fields if event_type else None
    scopes: dict[str, FieldScope] = {}
    for node_id, dominators in graph.dominators(entry.id, _success_split(definition, nodes)).items():
        if node_id not in nodes:
            continue
        steps: dict[str, ActionInfo | None] = {}
        for dom_id in dominators - {node_id}:
            dom = nodes.get(dom_id)
            if isinstance(dom, ActionNode):
                steps[dom_id] = catalog.actions.get(dom.action_id) if dom.action_id else None
        succeeded = frozenset(d.removesuffix(f":{SUCCESS}") for d in dominators if d.endswith(f":{SUCCESS}"))
        scopes[node_id] = FieldScope(event_fields, steps, succeeded, at_entry=node_id == entry.id)
    return scopes


def _flow_problems(definition: Definition, nodes: dict[str, Node], catalog: Catalog) -> Iterator[Problem]:
    """Reachability, cycles and the fields each reachable node reads (needs the entry)."""
    entry = graph.entry_node(definition)
    if entry is None:
        return
    succ = graph.successors(definition)
    reachable = set(graph.reachable_from(entry.id, succ))
    for node_id in nodes:
        if node_id not in reachable:
            yield Problem("this node cannot be reached from the entry event", node_id)
    for node_id in sorted(graph.find_cycle_nodes(succ, entry.id)):
        yield Problem("this node is part of a loop; journeys cannot loop", node_id)
    event_type = catalog.event_types.get(entry.event_type_id) if entry.event_type_id else None
    for node_id, scope in _scopes(entry, nodes, definition, catalog).items():
        node = nodes[node_id]
        for message in node_reference_problems(node, scope):
            yield Problem(message, node_id)
        info = catalog.actions.get(node.action_id) if isinstance(node, ActionNode) and node.action_id else None
        if isinstance(node, ActionNode) and info is not None:
            yield from mapping_type_problems(node, info, scope, event_type)


def validate_definition(definition: Definition, catalog: Catalog) -> list[Problem]:
    """Every problem of ``definition``: errors keep it from being published, warnings do not."""
    nodes = graph.nodes_by_id(definition)
    problems = [
        *_duplicate_ids(definition),
        *_entry_problems(definition, catalog),
        *_edge_problems(definition, nodes),
        *_output_problems(definition, nodes),
    ]
    for node in nodes.values():
        problems.extend(_node_problems(node, catalog))
    problems.extend(_flow_problems(definition, nodes, catalog))
    return problems
