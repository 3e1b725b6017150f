/** "Auto layout": dagre, left to right, output handles in their display order. */
import dagre from "@dagrejs/dagre";

import { NODE_HEIGHT, NODE_WIDTH, outputsOf } from "./graph";
import type { CanvasGraph } from "./types";

/** New positions (centres, see `NODE_ORIGIN`) for every node of the graph. */
export function layoutPositions(graph: CanvasGraph): Map<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) {
    g.setNode(node.id, { width: node.measured?.width ?? NODE_WIDTH, height: node.measured?.height ?? NODE_HEIGHT });
  }
  const order = new Map(graph.nodes.map((n) => [n.id, outputsOf(n)]));
  const edges = [...graph.edges].sort(
    (a, b) =>
      (order.get(a.source)?.indexOf(a.sourceHandle) ?? 0) -
      (order.get(b.source)?.indexOf(b.sourceHandle) ?? 0),
  );
  for (const edge of edges) g.setEdge(edge.source, edge.target);
  dagre.layout(g);
  const positions = new Map<string, { x: number; y: number }>();
  for (const node of graph.nodes) {
    const laid = g.node(node.id);
    positions.set(node.id, { x: Math.round(laid.x), y: Math.round(laid.y) });
  }
  return positions;
}
