/** Copy and paste of a canvas selection: new ids, shifted positions, references remapped. */
import { newId } from "./graph";
import type { CanvasGraph, JourneyEdge, JourneyNode } from "./types";

export const PASTE_OFFSET = 40;

/** The selected nodes and the edges between them. */
export function copySelection(graph: CanvasGraph, nodeIds: ReadonlySet<string>): CanvasGraph {
  const nodes = graph.nodes.filter((n) => nodeIds.has(n.id));
  const edges = graph.edges.filter((e) => nodeIds.has(e.source) && nodeIds.has(e.target));
  return structuredClone({ nodes: nodes.map(stripView), edges: edges.map(stripEdgeView) });
}

function stripView(node: JourneyNode): JourneyNode {
  return { id: node.id, type: node.type, position: node.position, data: node.data } as JourneyNode;
}

function stripEdgeView(edge: JourneyEdge): JourneyEdge {
  return { id: edge.id, source: edge.source, target: edge.target, sourceHandle: edge.sourceHandle };
}

/** Replace `steps.<old>.` with `steps.<new>.` in every string of a value (mappings, templates, rules). */
function remapReferences<T>(value: T, ids: ReadonlyMap<string, string>): T {
  if (ids.size === 0) return value;
  const pattern = new RegExp(`steps\\.(${[...ids.keys()].join("|")})(?=\\.|\\b)`, "g");
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return v.replace(pattern, (_m, id: string) => `steps.${ids.get(id)}`);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, walk(inner)]));
    }
    return v;
  };
  return walk(value) as T;
}

/** Copies of the clipboard with fresh ids, offset, selected; references between copied nodes follow. */
export function pasteClipboard(
  clipboard: CanvasGraph,
  times = 1,
): { nodes: JourneyNode[]; edges: JourneyEdge[] } {
  const ids = new Map(clipboard.nodes.map((n) => [n.id, newId(n.type)]));
  const offset = PASTE_OFFSET * times;
  const nodes = clipboard.nodes.map(
    (n) =>
      ({
        id: ids.get(n.id),
        type: n.type,
        position: { x: n.position.x + offset, y: n.position.y + offset },
        data: remapReferences(n.data, ids),
        selected: true,
      }) as JourneyNode,
  );
  const edges = clipboard.edges.map((e) => ({
    id: newId("e"),
    source: ids.get(e.source) as string,
    target: ids.get(e.target) as string,
    sourceHandle: e.sourceHandle,
  }));
  return { nodes, edges };
}
