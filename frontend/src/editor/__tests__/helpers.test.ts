import { describe, expect, it } from "vitest";

import type { ApiDefinition } from "../../api/types";
import { pathOfInstance } from "../api";
import { canvasToDefinition, definitionToCanvas, withDefaults } from "../convert";
import { formatDuration } from "../../common/format";
import { splitDuration } from "../describe";
import { constantValue } from "../inspector/ActionMappings";
import { coerceValue } from "../inspector/RuleBuilder";
import { layoutPositions } from "../layout";
import { shortcutOf } from "../useShortcuts";
import { definition } from "./fixtures";

describe("withDefaults", () => {
  it("fills what the server may omit, so loose wire definitions become complete", () => {
    // Cast: the generated type calls defaulted fields required, but a hand-written import may lack them.
    const loose = {
      nodes: [
        { type: "action", id: "a", position: { x: 0, y: 0 }, actionId: "x", mappings: { payload: {} } },
        { type: "wait", id: "w", position: { x: 1, y: 1 } },
      ],
      edges: [{ id: "e", source: "a", target: "w" }],
    } as ApiDefinition;
    const filled = withDefaults(loose);
    expect(filled.nodes[0]).toEqual({
      type: "action", id: "a", position: { x: 0, y: 0 }, name: "", actionId: "x", errorPath: false,
      mappings: { headers: {}, queryParameters: {}, pathParameters: {}, payload: {} },
    });
    expect(filled.nodes[1]).toMatchObject({ durationSeconds: 3600, name: "" });
    expect(filled.edges[0]?.sourceHandle).toBe("next");
  });

  it("leaves a complete definition untouched", () => {
    expect(withDefaults(definition)).toStrictEqual(definition);
  });
});

describe("value typing", () => {
  it("types rule values by operator and field type", () => {
    expect(coerceValue("42", "greaterThan", "string")).toBe(42);
    expect(coerceValue("42", "equals", "string")).toBe("42");
    expect(coerceValue("42", "equals", "integer")).toBe(42);
    expect(coerceValue("gold, platinum", "in", "string")).toEqual(["gold", "platinum"]);
    expect(coerceValue("x", "exists", "string")).toBeNull();
    expect(coerceValue("true", "equals", "boolean")).toBe(true);
  });

  it("types constants by the variable's type", () => {
    expect(constantValue("3.5", "decimal")).toBe(3.5);
    expect(constantValue("abc", "integer")).toBe("abc");
    expect(constantValue('{"a":1}', "object")).toEqual({ a: 1 });
    expect(constantValue("false", "boolean")).toBe(false);
  });
});

describe("durations", () => {
  it("shows the largest exact unit", () => {
    expect(splitDuration(7200)).toEqual({ amount: 2, unit: "hours" });
    expect(splitDuration(86_400)).toEqual({ amount: 1, unit: "days" });
    expect(splitDuration(90)).toEqual({ amount: 2, unit: "minutes" });
    expect(formatDuration(86_400, "en")).toBe("1 day");
    expect(formatDuration(7200, "en")).toBe("2 hours");
    expect(formatDuration(86_400, "de")).toBe("1 Tag");
    expect(formatDuration(172_800, "de")).toBe("2 Tage");
    expect(formatDuration(90 * 60, "de")).toBe("90 Minuten");
  });
});

describe("shortcuts", () => {
  const key = (k: string, mods: Partial<Record<"ctrlKey" | "metaKey" | "shiftKey", boolean>> = {}) =>
    shortcutOf({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, ...mods });
  it("maps Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y, copy, paste and delete", () => {
    expect(key("z", { ctrlKey: true })).toBe("undo");
    expect(key("Z", { ctrlKey: true, shiftKey: true })).toBe("redo");
    expect(key("y", { metaKey: true })).toBe("redo");
    expect(key("c", { ctrlKey: true })).toBe("copy");
    expect(key("v", { ctrlKey: true })).toBe("paste");
    expect(key("Delete")).toBe("delete");
    expect(key("Backspace")).toBe("delete");
    expect(key("z")).toBeNull();
  });
});

describe("auto layout", () => {
  it("lays the graph out left to right without moving anything else", () => {
    const graph = definitionToCanvas(definition);
    const positions = layoutPositions(graph);
    const x = (id: string) => positions.get(id)?.x ?? NaN;
    expect(positions.size).toBe(graph.nodes.length);
    expect(x("entry")).toBeLessThan(x("crm"));
    expect(x("crm")).toBeLessThan(x("vip"));
    expect(x("vip")).toBeLessThan(x("pause"));
    expect(x("pause")).toBeLessThan(x("done"));
    expect(canvasToDefinition(graph)).toStrictEqual(definition);
  });
});

describe("instance path", () => {
  it("lists the nodes of the step log in order, then the current node, once each", () => {
    const step = (nodeId: string) => ({
      nodeId, nodeType: "action", outcome: "succeeded", startedAt: "2026-01-01T00:00:00Z", finishedAt: null, attempts: 1, detail: {},
    });
    expect(pathOfInstance({ steps: [step("a"), step("b"), step("b")], currentNodeId: "c" })).toEqual(["a", "b", "c"]);
    expect(pathOfInstance({ currentNodeId: null })).toEqual([]);
  });
});
