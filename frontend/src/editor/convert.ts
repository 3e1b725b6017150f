/** The one place the stored definition becomes canvas state and canvas state becomes the definition. */
import type { ApiDefinition } from "../api/types";
import type { Definition, DefinitionEdge, DefinitionNode } from "./definition";
import type { CanvasGraph, JourneyEdge, JourneyNode } from "./types";

/** A stored node → a canvas node: `type`, `id`, `position` stay; name and typed config go into `data`. */
export function nodeToCanvas(node: DefinitionNode): JourneyNode {
  const { type, id, position, ...data } = node;
  return { type, id, position: { x: position.x, y: position.y }, data } as JourneyNode;
}

/** A canvas node → a stored node (selection, measurements and other view state are dropped). */
export function nodeFromCanvas(node: JourneyNode): DefinitionNode {
  const { name, ...config } = node.data;
  return {
    type: node.type,
    id: node.id,
    position: { x: node.position.x, y: node.position.y },
    name,
    ...config,
  } as DefinitionNode;
}

export function edgeToCanvas(edge: DefinitionEdge): JourneyEdge {
  return { id: edge.id, source: edge.source, target: edge.target, sourceHandle: edge.sourceHandle };
}

export function edgeFromCanvas(edge: JourneyEdge): DefinitionEdge {
  return { id: edge.id, source: edge.source, target: edge.target, sourceHandle: edge.sourceHandle };
}

/** The definition as the canvas shows it. */
export function definitionToCanvas(definition: Definition): CanvasGraph {
  return {
    nodes: definition.nodes.map(nodeToCanvas),
    edges: definition.edges.map(edgeToCanvas),
  };
}

/** The canvas as the API stores it. */
export function canvasToDefinition(graph: CanvasGraph): Definition {
  return {
    nodes: graph.nodes.map(nodeFromCanvas),
    edges: graph.edges.map(edgeFromCanvas),
  };
}

const NODE_DEFAULTS: Record<DefinitionNode["type"], () => Record<string, unknown>> = {
  event: () => ({ eventTypeId: null, filter: null }),
  condition: () => ({ branches: [] }),
  wait: () => ({ durationSeconds: 3600 }),
  action: () => ({ actionId: null, mappings: {}, errorPath: false }),
  end: () => ({}),
};

/** Fill the defaults the server applies, so the canvas always sees complete, typed nodes. */
export function withDefaults(loose: ApiDefinition): Definition {
  const nodes = (loose.nodes ?? []).map((node) => {
    const filled: Record<string, unknown> = { ...NODE_DEFAULTS[node.type](), ...node };
    filled.name = node.name ?? "";
    if (node.type === "action") {
      const m = (filled.mappings ?? {}) as Record<string, unknown>;
      filled.mappings = { headers: {}, queryParameters: {}, pathParameters: {}, payload: {}, ...m };
    }
    return filled as unknown as DefinitionNode;
  });
  const edges = (loose.edges ?? []).map((e) => ({ ...e, sourceHandle: e.sourceHandle ?? "next" }));
  return { nodes, edges };
}
