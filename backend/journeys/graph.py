"""Pure graph questions about a journey definition, shared by validation and the runtime."""

from __future__ import annotations

from collections import deque

from backend.journeys.definition import Definition, EventNode, Node


def entry_node(definition: Definition) -> EventNode | None:
    """The journey's entry: its first event node (validation guarantees there is exactly one)."""
    for node in definition.nodes:
        if isinstance(node, EventNode):
            return node
    return None


def next_node_id(definition: Definition, node_id: str, handle: str) -> str | None:
    """Where an instance goes after leaving ``node_id`` through output ``handle``; None when unconnected."""
    for edge in definition.edges:
        if edge.source == node_id and edge.source_handle == handle:
            return edge.target
    return None


def nodes_by_id(definition: Definition) -> dict[str, Node]:
    """Nodes keyed by id (the first wins when ids are duplicated)."""
    found: dict[str, Node] = {}
    for node in definition.nodes:
        found.setdefault(node.id, node)
    return found


def successors(definition: Definition) -> dict[str, list[str]]:
    """Outgoing targets of every node, over edges whose both ends exist."""
    result: dict[str, list[str]] = {node.id: [] for node in definition.nodes}  # node order: deterministic
    for edge in definition.edges:
        if edge.source in result and edge.target in result:
            result[edge.source].append(edge.target)
    return result


def reachable_from(start: str, succ: dict[str, list[str]]) -> list[str]:
    """Nodes reachable from ``start`` (itself included), in breadth-first order."""
    seen = {start}
    order = [start]
    queue = deque([start])
    while queue:
        for target in succ.get(queue.popleft(), []):
            if target not in seen:
                seen.add(target)
                order.append(target)
                queue.append(target)
    return order


def find_cycle_nodes(succ: dict[str, list[str]], first: str | None = None) -> set[str]:
    """Nodes that close a cycle (the target of a back edge), found by an iterative depth-first search.

    Searching from ``first`` (the entry) first makes the reported node the loop's start as a user reads it.
    """
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    closing: set[str] = set()
    roots = [first, *succ] if first in succ else list(succ)
    for root in roots:
        if root in state:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        state[root] = 1
        while stack:
            node, index = stack[-1]
            targets = succ.get(node, [])
            if index == len(targets):
                state[node] = 2
                stack.pop()
                continue
            stack[-1] = (node, index + 1)
            target = targets[index]
            if state.get(target) == 1:
                closing.add(target)
            elif target not in state:
                state[target] = 1
                stack.append((target, 0))
    return closing


def dominators(entry: str, succ: dict[str, list[str]]) -> dict[str, set[str]]:
    """For each node reachable from ``entry``, the nodes every path from the entry passes through (itself included)."""
    order = reachable_from(entry, succ)
    reachable = set(order)
    preds: dict[str, list[str]] = {node: [] for node in order}
    for source in order:
        for target in succ.get(source, []):
            preds[target].append(source)
    dom: dict[str, set[str]] = {node: set(reachable) for node in order}
    dom[entry] = {entry}
    changed = True
    while changed:
        changed = False
        for node in order[1:]:
            incoming = [dom[p] for p in preds[node] if p in reachable]
            new = set.intersection(*incoming) | {node} if incoming else {node}
            if new != dom[node]:
                dom[node] = new
                changed = True
    return dom
