import { describe, expect, it } from "vitest";

import { parsePaletteDrag } from "../paletteDrag";
import { ACTION_ID, catalog, EVENT_TYPE_ID } from "./fixtures";

const drag = (item: unknown) => parsePaletteDrag(JSON.stringify(item), catalog);

describe("palette drag data", () => {
  it("reads the items the palette writes", () => {
    expect(drag({ kind: "wait", label: "Wait", description: "Pause for a duration" })).toEqual({ kind: "wait", label: "Wait" });
    expect(drag({ kind: "action", label: "Create CRM contact", actionId: ACTION_ID })).toEqual({
      kind: "action", label: "Create CRM contact", actionId: ACTION_ID,
    });
    expect(drag({ kind: "event", label: "signup", eventTypeId: EVENT_TYPE_ID })).toEqual({
      kind: "event", label: "signup", eventTypeId: EVENT_TYPE_ID,
    });
  });

  it("ignores an unknown kind, a missing label and what is not JSON", () => {
    expect(drag({ kind: "webhook", label: "Hook" })).toBeNull();
    expect(drag({ kind: "toString", label: "x" })).toBeNull();
    expect(drag({ kind: "end" })).toBeNull();
    expect(drag(null)).toBeNull();
    expect(drag(["end"])).toBeNull();
    expect(parsePaletteDrag("{not json", catalog)).toBeNull();
    expect(parsePaletteDrag("", catalog)).toBeNull();
  });

  it("ignores an action or event type that is not in the catalog", () => {
    expect(drag({ kind: "action", label: "Gone", actionId: "5b0e0c1e-0000-4000-8000-000000000000" })).toBeNull();
    expect(drag({ kind: "action", label: "No id" })).toBeNull();
    expect(drag({ kind: "action", label: "Not a string", actionId: 7 })).toBeNull();
    expect(drag({ kind: "event", label: "Gone", eventTypeId: "nope" })).toBeNull();
  });

  it("keeps only what the kind uses", () => {
    expect(drag({ kind: "end", label: "End", actionId: ACTION_ID, extra: { deep: true } })).toEqual({ kind: "end", label: "End" });
  });
});
