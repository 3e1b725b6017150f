/** Pure graph operations of the canvas: creating, connecting, inserting, removing, copying nodes. */
import i18n from "../i18n";
import { emptyGroup, type NodeKind } from "./definition";
import type { CanvasGraph, JourneyEdge, JourneyNode } from "./types";

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 96;
/** A node's position is its centre (React Flow's `nodeOrigin`), so a dropped node sits centred on the cursor. */
export const NODE_ORIGIN: [number, number] = [0.5, 0.5];

/** A short random id that matches the definition's id pattern. */
export function newId(prefix: string): string {
  const random = Math.random().toString(36).slice(2, 10);
  return `${prefix}_${random}`;
}

/** Output handles of a node, in display order; mirrors `outputs_of` on the server. */
export function outputsOf(node: JourneyNode): string[] {
  switch (node.type) {
    case "event":
    case "wait":
      return ["next"];
    case "action":
      return node.data.errorPath ? ["success", "error"] : ["success"];
    case "condition":
      return [...node.data.branches.map((b) => b.id), "otherwise"];
    case "end":
      return [];
  }
}

/** The label of an output handle as users read it. */
export function outputLabel(node: JourneyNode, handle: string): string {
  if (node.type === "condition") {
    const index = node.data.branches.findIndex((b) => b.id === handle);
    const branch = node.data.branches[index];
    if (branch) return branch.name || branchLabel(index);
  }
  return isFixedOutput(handle) ? i18n.t(`editor.outputs.${handle}`) : handle;
}

const FIXED_OUTPUTS = ["next", "success", "error", "otherwise"] as const;

function isFixedOutput(handle: string): handle is (typeof FIXED_OUTPUTS)[number] {
  return (FIXED_OUTPUTS as readonly string[]).includes(handle);
}

/** "Branch 2" in the UI's language, for the branch at `index`. */
export function branchLabel(index: number): string {
  return i18n.t("editor.branchN", { n: index + 1 });
}

/** A node kind as the palette and the canvas name it (Condition, Bedingung…). */
export function kindLabel(kind: NodeKind): string {
  return i18n.t(`kinds.${kind}`);
}

export interface NewNodeOptions {
  name?: string;
  actionId?: string;
  eventTypeId?: string;
}

/** A fresh node of a kind with the defaults the server would apply. */
export function createNode(
  kind: NodeKind,
  position: { x: number; y: number },
  options: NewNodeOptions = {},
): JourneyNode {
  const id = newId(kind);
  const name = options.name ?? kindLabel(kind);
  switch (kind) {
    case "event":
      return {
        id,
        type: kind,
        position,
        data: { name, eventTypeId: options.eventTypeId ?? null, filter: null },
      };
    case "condition":
      return {
        id,
        type: kind,
        position,
        data: { name, branches: [{ id: newId("b"), name: branchLabel(0), when: emptyGroup() }] },
      };
    case "wait":
      return { id, type: kind, position, data: { name, durationSeconds: 86_400 } };
    case "action":
      return {
        id,
        type: kind,
        position,
        data: {
          name,
          actionId: options.actionId ?? null,
          mappings: { headers: {}, queryParameters: {}, pathParameters: {}, payload: {} },
          errorPath: false,
        },
      };
    case "end":
      return { id, type: kind, position, data: { name } };
  }
}

function overlaps(nodes: JourneyNode[], x: number, y: number): boolean {
  return nodes.some(
    (n) => Math.abs(n.position.x - x) < NODE_WIDTH && Math.abs(n.position.y - y) < NODE_HEIGHT + 24,
  );
}

/** Where a node added from the keyboard goes: right of the right-most node, below anything in the way. */
export function nextFreePosition(nodes: JourneyNode[]): { x: number; y: number } {
  if (nodes.length === 0) return { x: 0, y: 0 };
  const rightmost = nodes.reduce((a, b) => (b.position.x > a.position.x ? b : a));
  const x = rightmost.position.x + NODE_WIDTH + 80;
  let y = rightmost.position.y;
  while (overlaps(nodes, x, y)) y += NODE_HEIGHT + 40;
  return { x, y };
}

export interface ConnectionRequest {
  source: string;
  sourceHandle: string;
  target: string;
}

/** Whether an edge may be drawn: not to itself, never into an entry event, only from a real output. */
export function canConnect(graph: CanvasGraph, request: ConnectionRequest): boolean {
  if (request.source === request.target) return false;
  const source = graph.nodes.find((n) => n.id === request.source);
  const target = graph.nodes.find((n) => n.id === request.target);
  if (!source || !target || target.type === "event") return false;
  return outputsOf(source).includes(request.sourceHandle);
}

/** Draw an edge; an output leads to one node, so an earlier edge from the same output is replaced. */
export function connect(graph: CanvasGraph, request: ConnectionRequest): CanvasGraph {
  if (!canConnect(graph, request)) return graph;
  const kept = graph.edges.filter(
    (e) => !(e.source === request.source && e.sourceHandle === request.sourceHandle),
  );
  const edge: JourneyEdge = { id: newId("e"), ...request };
  return { nodes: graph.nodes, edges: [...kept, edge] };
}

/** Whether a node can be spliced into an edge: it needs an input and an output, and no edges yet. */
export function canInsert(graph: CanvasGraph, nodeId: string, edgeId: string): boolean {
  const node = graph.nodes.find((n) => n.id === nodeId);
  const edge = graph.edges.find((e) => e.id === edgeId);
  if (!node || !edge || node.type === "event" || node.type === "end") return false;
  if (edge.source === nodeId || edge.target === nodeId) return false;
  return !graph.edges.some((e) => e.source === nodeId || e.target === nodeId);
}

/** Splice a node into an edge: source → node (same output) and node → target (its first output). */
export function insertIntoEdge(graph: CanvasGraph, nodeId: string, edgeId: string): CanvasGraph {
  if (!canInsert(graph, nodeId, edgeId)) return graph;
  const edge = graph.edges.find((e) => e.id === edgeId) as JourneyEdge;
  const node = graph.nodes.find((n) => n.id === nodeId) as JourneyNode;
  const incoming: JourneyEdge = {
    id: newId("e"),
    source: edge.source,
    sourceHandle: edge.sourceHandle,
    target: nodeId,
  };
  const outgoing: JourneyEdge = {
    id: newId("e"),
    source: nodeId,
    sourceHandle: outputsOf(node)[0] ?? "next",
    target: edge.target,
  };
  const edges = graph.edges.filter((e) => e.id !== edgeId);
  return { nodes: graph.nodes, edges: [...edges, incoming, outgoing] };
}

/** Remove nodes and edges; edges of removed nodes go too. */
export function removeElements(
  graph: CanvasGraph,
  nodeIds: ReadonlySet<string>,
  edgeIds: ReadonlySet<string>,
): CanvasGraph {
  return {
    nodes: graph.nodes.filter((n) => !nodeIds.has(n.id)),
    edges: graph.edges.filter(
      (e) => !edgeIds.has(e.id) && !nodeIds.has(e.source) && !nodeIds.has(e.target),
    ),
  };
}

/** Drop edges that leave an output the node no longer has (a removed branch, an unticked error path). */
export function pruneDanglingEdges(graph: CanvasGraph): CanvasGraph {
  const outputs = new Map(graph.nodes.map((n) => [n.id, outputsOf(n)]));
  const edges = graph.edges.filter(
    (e) => outputs.get(e.source)?.includes(e.sourceHandle) && outputs.has(e.target),
  );
  return edges.length === graph.edges.length ? graph : { nodes: graph.nodes, edges };
}
