import { describe, expect, it } from "vitest";

import { copySelection, pasteClipboard, PASTE_OFFSET } from "../clipboard";
import { definitionToCanvas } from "../convert";
import { canConnect, canInsert, createNode, insertIntoEdge, nextFreePosition, outputsOf } from "../graph";
import { definition } from "./fixtures";

const graph = definitionToCanvas(definition);

describe("outputs", () => {
  it("offers the handles the server expects per node type", () => {
    const byId = Object.fromEntries(graph.nodes.map((n) => [n.id, outputsOf(n)]));
    expect(byId).toEqual({
      entry: ["next"],
      crm: ["success", "error"],
      vip: ["b1", "otherwise"],
      pause: ["next"],
      done: [],
      failed: [],
    });
  });
});

describe("insert into edge", () => {
  it("splices a node between the edge's source (same output) and target", () => {
    const node = createNode("wait", { x: 0, y: 0 });
    const withNode = { nodes: [...graph.nodes, node], edges: graph.edges };
    const result = insertIntoEdge(withNode, node.id, "e4");
    expect(result.edges.find((e) => e.id === "e4")).toBeUndefined();
    const incoming = result.edges.filter((e) => e.target === node.id);
    const outgoing = result.edges.filter((e) => e.source === node.id);
    expect(incoming).toEqual([expect.objectContaining({ source: "vip", sourceHandle: "b1" })]);
    expect(outgoing).toEqual([expect.objectContaining({ target: "pause", sourceHandle: "next" })]);
  });

  it("uses the first output of an action (success)", () => {
    const node = createNode("action", { x: 0, y: 0 }, { actionId: "a" });
    const result = insertIntoEdge({ nodes: [...graph.nodes, node], edges: graph.edges }, node.id, "e1");
    expect(result.edges.find((e) => e.source === node.id)?.sourceHandle).toBe("success");
  });

  it("refuses entry events, ends and nodes that are already connected", () => {
    const end = createNode("end", { x: 0, y: 0 });
    const withEnd = { nodes: [...graph.nodes, end], edges: graph.edges };
    expect(canInsert(withEnd, end.id, "e1")).toBe(false);
    expect(canInsert(graph, "pause", "e1")).toBe(false);
    expect(insertIntoEdge(graph, "pause", "e1")).toBe(graph);
  });
});

describe("connect", () => {
  it("refuses self loops, edges into the entry and unknown outputs", () => {
    expect(canConnect(graph, { source: "pause", sourceHandle: "next", target: "pause" })).toBe(false);
    expect(canConnect(graph, { source: "pause", sourceHandle: "next", target: "entry" })).toBe(false);
    expect(canConnect(graph, { source: "pause", sourceHandle: "success", target: "done" })).toBe(false);
    expect(canConnect(graph, { source: "vip", sourceHandle: "b1", target: "failed" })).toBe(true);
  });
});

describe("copy and paste", () => {
  it("gives pasted nodes and edges new ids, offsets them and remaps step references", () => {
    const clip = copySelection(graph, new Set(["crm", "vip", "done"]));
    expect(clip.edges.map((e) => e.id).sort()).toEqual(["e2", "e5"]);
    const pasted = pasteClipboard(clip, 1);
    const ids = new Map(clip.nodes.map((n, i) => [n.id, pasted.nodes[i]!.id]));
    for (const [oldId, newId] of ids) {
      expect(newId).not.toBe(oldId);
      expect(newId).toMatch(/^[A-Za-z0-9_-]+$/);
    }
    expect(pasted.nodes[0]!.position).toEqual({ x: 300 + PASTE_OFFSET, y: PASTE_OFFSET });
    expect(pasted.edges).toEqual([
      expect.objectContaining({ source: ids.get("crm"), target: ids.get("vip"), sourceHandle: "success" }),
      expect.objectContaining({ source: ids.get("vip"), target: ids.get("done"), sourceHandle: "otherwise" }),
    ]);
    expect(pasted.edges.every((e) => !["e2", "e5"].includes(e.id))).toBe(true);
    const vip = pasted.nodes[1]!;
    expect(vip.type === "condition" && vip.data.branches[0]!.when.rules[0]!.field).toBe(
      `steps.${ids.get("crm")}.response.tier`,
    );
  });

  it("keeps references to nodes that were not copied and does not alias the clipboard", () => {
    const clip = copySelection(graph, new Set(["vip"]));
    const first = pasteClipboard(clip, 1);
    const second = pasteClipboard(clip, 2);
    const vip = first.nodes[0]!;
    expect(vip.type === "condition" && vip.data.branches[0]!.when.rules[0]!.field).toBe("steps.crm.response.tier");
    expect(first.nodes[0]!.id).not.toBe(second.nodes[0]!.id);
    expect(second.nodes[0]!.position.x - first.nodes[0]!.position.x).toBe(PASTE_OFFSET);
  });
});

describe("next free spot", () => {
  it("puts a keyboard-added node right of the right-most node without overlapping", () => {
    const first = nextFreePosition(graph.nodes);
    expect(first.x).toBeGreaterThan(1200);
    const node = createNode("end", first);
    const second = nextFreePosition([...graph.nodes, node]);
    expect(second).not.toEqual(first);
  });
});
