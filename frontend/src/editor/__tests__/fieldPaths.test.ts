import { describe, expect, it } from "vitest";

import { definitionToCanvas } from "../convert";
import { eventFieldAbsence, fieldGroups, nodesBefore, upstreamNodeIds } from "../fieldPaths";
import { createNode } from "../graph";
import { catalog, definition } from "./fixtures";

const graph = definitionToCanvas(definition);
const paths = (nodeId: string) => fieldGroups(graph, nodeId, catalog).flatMap((g) => g.options.map((o) => o.path));

describe("field picker", () => {
  it("lists event fields of the entry's event type and the server's profile and journey fields", () => {
    const listed = paths("crm");
    expect(listed).toEqual(
      expect.arrayContaining(["event.email", "event.plan", "profile.id", "journey.id", "journey.version", "journey.instanceId"]),
    );
  });

  it("marks event fields the event type does not require as possibly missing", () => {
    const event = fieldGroups(graph, "crm", catalog).find((g) => g.label === "Event");
    expect(event?.options.find((o) => o.path === "event.email")?.mayBeMissing).toBeUndefined();
    expect(event?.options.find((o) => o.path === "event.plan")?.mayBeMissing).toBe("the event type does not mark it required");
    expect(eventFieldAbsence("order", ["order.id"])).toBeUndefined();
    expect(eventFieldAbsence("items.0.sku", ["items.0.sku"])).toBe("a list in the event may be empty");
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
