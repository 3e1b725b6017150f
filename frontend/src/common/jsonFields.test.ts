import { describe, expect, it } from "vitest";
import { deriveFields, jsonType, parseJsonText, valueAt } from "./jsonFields";

describe("deriveFields", () => {
  it("lists containers and leaves with dotted paths, arrays by their first item", () => {
    const example = { order: { id: 7, total: 9.5, paid: true, items: [{ sku: "A" }, { sku: "B" }] }, tags: [] };
    expect(deriveFields(example)).toEqual([
      { path: "order", type: "object" },
      { path: "order.id", type: "integer" },
      { path: "order.total", type: "decimal" },
      { path: "order.paid", type: "boolean" },
      { path: "order.items", type: "array" },
      { path: "order.items.0", type: "object" },
      { path: "order.items.0.sku", type: "string" },
      { path: "tags", type: "array" },
    ]);
  });

  it("types null as any and derives nothing from a scalar", () => {
    expect(jsonType(null)).toBe("any");
    expect(deriveFields(3)).toEqual([]);
    expect(deriveFields({ x: null })).toEqual([{ path: "x", type: "any" }]);
  });
});

describe("valueAt", () => {
  it("follows object keys and array indexes", () => {
    expect(valueAt({ a: [{ b: 2 }] }, "a.0.b")).toBe(2);
    expect(valueAt({ a: 1 }, "a.b")).toBeUndefined();
  });
});

describe("parseJsonText", () => {
  it("separates empty, valid and invalid text", () => {
    expect(parseJsonText("  ")).toEqual({});
    expect(parseJsonText('{"a": 1}')).toEqual({ value: { a: 1 } });
    expect(parseJsonText("{a:")).toHaveProperty("error");
  });
});
