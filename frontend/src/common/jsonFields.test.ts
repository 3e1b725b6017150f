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

describe("parseJsonText", () => {
  it("types a number written with a fraction or exponent as decimal, even 1.0", () => {
    const parsed = parseJsonText('{"amount": 1.0, "count": 2, "big": 1e3, "items": [{"price": 2.50}]}');
    expect(parsed.value).toEqual({ amount: 1, count: 2, big: 1000, items: [{ price: 2.5 }] });
    expect(parsed.fields).toEqual([
      { path: "amount", type: "decimal" },
      { path: "count", type: "integer" },
      { path: "big", type: "decimal" },
      { path: "items", type: "array" },
      { path: "items.0", type: "object" },
      { path: "items.0.price", type: "decimal" },
    ]);
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
    expect(parseJsonText('{"a": 1}')).toEqual({ value: { a: 1 }, fields: [{ path: "a", type: "integer" }] });
    expect(parseJsonText("{a:")).toHaveProperty("error");
  });
});
