import { describe, expect, it } from "vitest";

import { canvasToDefinition, definitionToCanvas, nodeFromCanvas, nodeToCanvas } from "../convert";
import type { DefinitionNode } from "../definition";
import { definition } from "./fixtures";

describe("convert", () => {
  it("round-trips a definition with every node type to an identical definition", () => {
    const kinds = new Set(definition.nodes.map((n) => n.type));
    expect(kinds).toEqual(new Set(["event", "action", "condition", "wait", "end"]));
    const back = canvasToDefinition(definitionToCanvas(definition));
    expect(back).toStrictEqual(definition);
    expect(JSON.stringify(back)).toBe(JSON.stringify(definition));
  });

  it.each(definition.nodes.map((n) => [n.type, n] as const))("round-trips a %s node", (_kind, node) => {
    expect(nodeFromCanvas(nodeToCanvas(node))).toStrictEqual(node);
  });

  it("keeps type, id and position on the canvas node and name plus config in data", () => {
    const node = nodeToCanvas(definition.nodes[3]!);
    expect(node).toStrictEqual({
      type: "wait",
      id: "pause",
      position: { x: 900, y: 0 },
      data: { name: "Cool down", durationSeconds: 7200 },
    });
  });

  it("keeps each edge's sourceHandle", () => {
    const { edges } = definitionToCanvas(definition);
    expect(edges.map((e) => e.sourceHandle)).toEqual(["next", "success", "error", "b1", "otherwise", "next"]);
  });

  it("drops view state (selection, measurements) when converting back", () => {
    const graph = definitionToCanvas(definition);
    const viewed = {
      nodes: graph.nodes.map((n) => ({ ...n, selected: true, dragging: false, measured: { width: 1, height: 2 } })),
      edges: graph.edges.map((e) => ({ ...e, selected: true, animated: true })),
    };
    expect(canvasToDefinition(viewed)).toStrictEqual(definition);
  });

  it("does not share objects with the canvas positions", () => {
    const graph = definitionToCanvas(definition);
    const node: DefinitionNode = definition.nodes[0]!;
    expect(graph.nodes[0]!.position).not.toBe(node.position);
  });
});
