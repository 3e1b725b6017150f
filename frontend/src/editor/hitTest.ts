/** Which connection lies under a point of the canvas, from React Flow's own edge geometry (no DOM look-ups). */
import { ConnectionMode, getSmoothStepPath, type InternalNode, type XYPosition } from "@xyflow/react";
import { getEdgePosition } from "@xyflow/system";

import type { JourneyEdge, JourneyNode } from "./types";

/** The edge type the canvas draws; the hit test follows the same path. */
export const EDGE_TYPE = "smoothstep";

/** How near a connection, in screen pixels, a drop counts as onto it (half React Flow's interaction width). */
export const EDGE_HIT_PX = 10;

/** The points of an SVG path of M, L and Q commands, as a polyline (a rounded corner by its control point). */
export function pathPoints(path: string): XYPosition[] {
  const numbers = (path.match(/-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi) ?? []).map(Number);
  const points: XYPosition[] = [];
  for (let i = 0; i + 1 < numbers.length; i += 2) points.push({ x: numbers[i] as number, y: numbers[i + 1] as number });
  return points;
}

function distanceToSegment(p: XYPosition, a: XYPosition, b: XYPosition): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** The shortest distance from a point to a polyline. */
export function distanceToPath(point: XYPosition, points: readonly XYPosition[]): number {
  if (points.length === 1) return distanceToSegment(point, points[0] as XYPosition, points[0] as XYPosition);
  let best = Infinity;
  for (let i = 1; i < points.length; i++) {
    best = Math.min(best, distanceToSegment(point, points[i - 1] as XYPosition, points[i] as XYPosition));
  }
  return best;
}

/** The path React Flow draws for an edge between two measured nodes, in flow coordinates; null before measuring. */
export function edgePath(
  edge: JourneyEdge,
  source: InternalNode<JourneyNode>,
  target: InternalNode<JourneyNode>,
): XYPosition[] | null {
  const position = getEdgePosition({
    id: edge.id,
    sourceNode: source,
    targetNode: target,
    sourceHandle: edge.sourceHandle,
    targetHandle: edge.targetHandle ?? null,
    connectionMode: ConnectionMode.Strict,
  });
  return position ? pathPoints(getSmoothStepPath(position)[0]) : null;
}

/** The id of the edge nearest to `point` and at most `tolerance` away (flow units), else null. */
export function edgeNear(
  point: XYPosition,
  edges: readonly JourneyEdge[],
  nodeOf: (id: string) => InternalNode<JourneyNode> | undefined,
  tolerance: number,
): string | null {
  let found: string | null = null;
  let nearest = tolerance;
  for (const edge of edges) {
    const source = nodeOf(edge.source);
    const target = nodeOf(edge.target);
    const points = source && target ? edgePath(edge, source, target) : null;
    if (!points || points.length === 0) continue;
    const distance = distanceToPath(point, points);
    if (distance <= nearest) {
      nearest = distance;
      found = edge.id;
    }
  }
  return found;
}
