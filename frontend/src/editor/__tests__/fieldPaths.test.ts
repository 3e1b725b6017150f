import { describe, expect, it } from "vitest";

import { definitionToCanvas } from "../convert";
import { fieldGroups, nodesBefore, upstreamNodeIds } from "../fieldPaths";
import { createNode } from "../graph";
import { catalog, definition } from "./fixtures";

const graph = definitionToCanvas(definition);
const paths = (nodeId: string) => fieldGroups(graph, nodeId, catalog).flatMap((g) => g.options.map((o) => o.path));

describe("field picker", () => {
  it("lists event fields of the entry's event type and journey facts", () => {
    const listed = paths("crm");
    expect(listed).toEqual(expect.arrayContaining(["event.email", "event.plan", "journey.id", "journey.name", "journey.version"]));
  });

  it("offers the responses of upstream action nodes only", () => {
    expect(paths("crm").some((p) => p.startsWith("steps."))).toBe(false);
    const atWait = paths("pause");
    expect(atWait).toEqual(expect.arrayContaining(["steps.crm.status", "steps.crm.response.tier", "steps.crm.response.tags.0.name"]));
    expect(paths("failed")).toContain("steps.crm.status");
  });

  it("does not offer actions on another branch", () => {
    const side = createNode("action", { x: 0, y: 0 }, { actionId: catalog.actions.keys().next().value });
    const g = {
      nodes: [...graph.nodes, side],
      edges: [...graph.edges.filter((e) => e.id !== "e5"),
        { id: "x1", source: "vip", target: side.id, sourceHandle: "otherwise" },
        { id: "x2", source: side.id, target: "done", sourceHandle: "success" }],
    };
    const atPause = fieldGroups(g, "pause", catalog).flatMap((gr) => gr.options.map((o) => o.path));
    expect(atPause.some((p) => p.startsWith(`steps.${side.id}`))).toBe(false);
    // `done` is reached through the side action on one path only: it may read crm, not the side action.
    expect(upstreamNodeIds(g, "done")).toContain(side.id);
    expect(nodesBefore(g, "done")).not.toContain(side.id);
    expect(nodesBefore(g, "done")).toContain("crm");
  });
});
