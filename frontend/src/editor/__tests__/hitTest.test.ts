import { getNodesBounds, getSmoothStepPath, Position, type InternalNode } from "@xyflow/react";
import { describe, expect, it } from "vitest";

import { NODE_HEIGHT, NODE_ORIGIN, NODE_WIDTH } from "../graph";
import { distanceToPath, edgeNear, pathPoints } from "../hitTest";
import type { JourneyEdge, JourneyNode } from "../types";

/** A measured node as React Flow keeps it: its centre at `center`, an input on the left, `next` on the right. */
function measured(id: string, center: { x: number; y: number }): InternalNode<JourneyNode> {
  const topLeft = { x: center.x - NODE_WIDTH / 2, y: center.y - NODE_HEIGHT / 2 };
  const handle = (type: "source" | "target", position: Position, x: number, handleId: string | null) => ({
    id: handleId, nodeId: id, type, position, x, y: NODE_HEIGHT / 2 - 5, width: 10, height: 10,
  });
  const node = { id, type: "wait", position: center, data: { name: id, durationSeconds: 60 } } as JourneyNode;
  return {
    ...node,
    measured: { width: NODE_WIDTH, height: NODE_HEIGHT },
    internals: {
      positionAbsolute: topLeft,
      z: 0,
      userNode: node,
      handleBounds: {
        source: [handle("source", Position.Right, NODE_WIDTH - 5, "next")],
        target: [handle("target", Position.Left, -5, null)],
      },
    },
  } as InternalNode<JourneyNode>;
}

const nodes = new Map([
  ["a", measured("a", { x: 0, y: 0 })],
  ["b", measured("b", { x: 400, y: 0 })],
  ["c", measured("c", { x: 400, y: 300 })],
]);
const nodeOf = (id: string) => nodes.get(id);
const ab: JourneyEdge = { id: "ab", source: "a", target: "b", sourceHandle: "next" };
const ac: JourneyEdge = { id: "ac", source: "a", target: "c", sourceHandle: "next" };

describe("dropping at the cursor", () => {
  it("centres the node on the position it is given", () => {
    const node = { id: "n", position: { x: 130, y: -40 }, width: NODE_WIDTH, height: NODE_HEIGHT, data: {} };
    const bounds = getNodesBounds([node], { nodeOrigin: NODE_ORIGIN });
    expect(bounds.x + bounds.width / 2).toBe(130);
    expect(bounds.y + bounds.height / 2).toBe(-40);
  });
});

describe("edge hit test", () => {
  it("reads React Flow's smooth-step path as a polyline through its corners", () => {
    const [path] = getSmoothStepPath({
      sourceX: 0, sourceY: 0, sourcePosition: Position.Right, targetX: 200, targetY: 100, targetPosition: Position.Left,
    });
    const points = pathPoints(path);
    expect(points[0]).toEqual({ x: 0, y: 0 });
    expect(points.at(-1)).toEqual({ x: 200, y: 100 });
    expect(points).toContainEqual({ x: 100, y: 0 });
    expect(points).toContainEqual({ x: 100, y: 100 });
    expect(distanceToPath({ x: 100, y: 50 }, points)).toBeCloseTo(0);
    expect(distanceToPath({ x: 50, y: 10 }, points)).toBeCloseTo(10);
  });

  it("finds the connection under a point, within the tolerance, nearest first", () => {
    // Both leave a's `next` side by side; past the bend half-way, ab runs on to b and ac turns down to c.
    expect(edgeNear({ x: 250, y: 0 }, [ab, ac], nodeOf, 10)).toBe("ab");
    expect(edgeNear({ x: 250, y: 8 }, [ab, ac], nodeOf, 10)).toBe("ab");
    expect(edgeNear({ x: 250, y: 30 }, [ab, ac], nodeOf, 10)).toBeNull();
    expect(edgeNear({ x: 205, y: 150 }, [ab, ac], nodeOf, 10)).toBe("ac");
    expect(edgeNear({ x: 205, y: 150 }, [ab], nodeOf, 10)).toBeNull();
  });

  it("skips edges whose nodes are not measured yet", () => {
    expect(edgeNear({ x: 200, y: 0 }, [{ ...ab, target: "unknown" }], nodeOf, 10)).toBeNull();
  });
});
