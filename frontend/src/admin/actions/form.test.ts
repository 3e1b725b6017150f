import { describe, expect, it } from "vitest";
import { draftFormOf, emptyActionForm, formOf, pathRowsFor, payloadRowsFor, urlPlaceholders, type ActionForm } from "./form";
import type { ActionField, ActionInput, ActionOut } from "../../api/types";
import { prepareAction } from "./toInput";
import { textToValue } from "./values";

const stored: ActionOut = {
  id: "6f1c1a52-0000-4000-8000-000000000001",
  name: "Send SMS",
  description: "",
  method: "POST",
  url: "https://sms.example.com/v1/messages",
  headers: [
    { name: "X-Tenant", kind: "variable", value: null, type: "string", label: "Tenant", required: true, secret: false },
  ],
  pathParameters: [],
  bodyEncoding: "json",
  followRedirects: true,
  queryParameters: [
    { name: "channel", kind: "constant", value: "sms", type: "string", label: null, required: true, secret: false },
  ],
  authentication: { type: "bearer", token: null },
  requestPayload: {
    example: { to: "+1555", count: 2, meta: { tag: "x" } },
    fields: [
      { path: "to", kind: "variable", value: null, type: "string", label: "Phone", required: true, allowNull: false },
      { path: "count", kind: "constant", value: 3, type: "integer", label: null, required: true, allowNull: false },
    ],
  },
  responsePayload: { example: { id: "m-1" } },
  timeoutMs: 5000,
  maxRetries: 1,
  capping: { maxCalls: 100, periodSeconds: 60 },
  throttling: { maxCallsPerSecond: 5, maxWaitSeconds: 60 },
  usedIn: [],
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
};

describe("formOf then prepareAction", () => {
  it("round-trips a stored action and keeps its secret by sending null", () => {
    const { input, payloadPaths, problems } = prepareAction(formOf(stored));
    expect(problems).toEqual({});
    expect(payloadPaths).toEqual(["to", "count"]);
    const { id: _id, usedIn: _used, createdAt: _c, updatedAt: _u, ...expected } = stored;
    expect(input).toEqual(expected);
  });

  it("sends a replaced secret and asks for one when the type changes", () => {
    const form = formOf(stored);
    expect(prepareAction({ ...form, auth: { ...form.auth, secret: "new" } }).input.authentication).toEqual({
      type: "bearer",
      token: "new",
    });
    const basic: ActionForm = { ...form, auth: { ...form.auth, type: "basic", username: "u", secret: "" } };
    expect(prepareAction(basic).problems).toEqual({ "authentication.password": "is required" });
  });

  it("keeps a stored secret header by sending null, sends a typed one, and never makes a variable secret", () => {
    const key: ActionField = {
      ...{ name: "X-Api-Key", kind: "constant", value: null, type: "string" },
      ...{ label: null, required: true, secret: true },
    };
    const form = formOf({ ...stored, headers: [key] });
    const row = form.headers[0];
    if (!row) throw new Error("no header row");
    expect(row).toMatchObject({ value: "", secret: true, stored: true });
    expect(prepareAction(form).input.headers).toEqual([key]);
    const typed = { ...form, headers: [{ ...row, value: "k-2" }] };
    expect(prepareAction(typed).input.headers?.[0]).toEqual({ ...key, value: "k-2" });
    const variable = { ...form, headers: [{ ...row, kind: "variable" as const }] };
    expect(prepareAction(variable).input.headers?.[0]).toMatchObject({ value: null, secret: false });
  });

  it("keeps the body encoding and the redirect choice", () => {
    expect(prepareAction({ ...formOf(stored), bodyEncoding: "form" }).input.bodyEncoding).toBe("form");
    expect(formOf({ ...stored, bodyEncoding: "form" }).bodyEncoding).toBe("form");
    expect(emptyActionForm().bodyEncoding).toBe("json");
    expect(prepareAction({ ...formOf(stored), followRedirects: false }).input.followRedirects).toBe(false);
    expect(emptyActionForm().followRedirects).toBe(true);
  });

  it("leaves the body out for methods without one and reports bad JSON on its field", () => {
    const get = prepareAction({ ...formOf(stored), method: "GET" });
    expect(get.input.requestPayload).toBeNull();
    const broken = prepareAction({ ...emptyActionForm(), requestExample: "{", responseExample: "[" });
    expect(Object.keys(broken.problems).sort()).toEqual(["requestPayload.example", "responsePayload.example"]);
  });

  it("sends unparseable numbers as text so the server names the field", () => {
    const { input } = prepareAction({ ...emptyActionForm(), timeoutMs: "", throttlingPerSecond: "" });
    expect(input.timeoutMs).toBe("");
    expect(input.throttling).toBeNull();
  });
});

describe("draftFormOf then prepareAction", () => {
  it("fills in a draft's secrets (masked, not stored) and saves the draft as the import answered it", () => {
    const input = formOfInput();
    const key: ActionField = {
      ...{ name: "DD-APPLICATION-KEY", kind: "constant", value: "app-key-1", type: "string" },
      ...{ label: null, required: true, secret: true },
    };
    const draft: ActionInput = { ...input, headers: [key], authentication: { type: "bearer", token: "tok-1" } };
    const form = draftFormOf(draft);
    expect(form.storedAuthType).toBeNull();
    expect(form.auth.secret).toBe("tok-1");
    expect(form.headers[0]).toMatchObject({ value: "app-key-1", secret: true, stored: false });
    const { input: saved, problems } = prepareAction(form);
    expect(problems).toEqual({});
    expect(saved).toEqual(draft);
  });

  it("asks for a secret the command did not carry", () => {
    const draft: ActionInput = { ...formOfInput(), authentication: { type: "basic", username: "alice", password: null } };
    expect(prepareAction(draftFormOf(draft)).problems).toEqual({ "authentication.password": "is required" });
  });
});

function formOfInput(): ActionInput {
  const { id: _id, usedIn: _used, createdAt: _c, updatedAt: _u, ...input } = stored;
  return input;
}

describe("payloadRowsFor", () => {
  it("keeps settings of paths still present and starts new ones from the example", () => {
    const first = payloadRowsFor({ a: 1, b: "x" }, []);
    const changed = first.map((row) => (row.path === "a" ? { ...row, use: "variable" as const } : row));
    const next = payloadRowsFor({ a: 5, c: true }, changed);
    expect(next.map((r) => [r.path, r.use, r.value, r.type])).toEqual([
      ["a", "variable", "1", "integer"],
      ["c", "example", "true", "boolean"],
    ]);
  });
});

describe("allowNull", () => {
  it("is kept for variables and never sent for constants", () => {
    const form = formOf(stored);
    const rows = form.payloadRows.map((row) => ({ ...row, allowNull: true }));
    const fields = prepareAction({ ...form, payloadRows: rows }).input.requestPayload?.fields ?? [];
    expect(fields.map((f) => [f.path, f.allowNull])).toEqual([
      ["to", true],
      ["count", false],
    ]);
    const saved = { ...stored, requestPayload: { ...stored.requestPayload!, fields } };
    expect(formOf(saved).payloadRows.find((r) => r.path === "to")?.allowNull).toBe(true);
  });
});

describe("path parameters", () => {
  it("are the placeholders of the URL's path only, in order, each once", () => {
    expect(urlPlaceholders("https://api.example.com/v1/users/{userId}/m/{id}.json/{userId}?q={no}#{no}")).toEqual([
      "userId",
      "id",
    ]);
    expect(urlPlaceholders("https://{host}/x")).toEqual([]);
    expect(urlPlaceholders("{a}")).toEqual(["a"]);
  });

  it("keep the settings of names still in the URL and start new ones as variables", () => {
    const first = pathRowsFor("https://h/{a}/{b}", []);
    const changed = first.map((row) => (row.name === "a" ? { ...row, kind: "constant" as const, value: "7" } : row));
    const next = pathRowsFor("https://h/{c}/{a}", changed);
    expect(next.map((r) => [r.name, r.kind, r.value])).toEqual([
      ["c", "variable", ""],
      ["a", "constant", "7"],
    ]);
    const input = prepareAction({ ...emptyActionForm(), url: "https://h/{c}/{a}", pathParameters: next }).input;
    expect(input.pathParameters?.map((p) => [p.name, p.value, p.required, p.secret])).toEqual([
      ["c", null, true, false],
      ["a", "7", true, false],
    ]);
  });
});

describe("textToValue", () => {
  it("types constants by their declared type", () => {
    expect(textToValue("42", "integer")).toBe(42);
    expect(textToValue("4x", "integer")).toBe("4x");
    expect(textToValue("true", "boolean")).toBe(true);
    expect(textToValue('{"a":1}', "object")).toEqual({ a: 1 });
    expect(textToValue("007", "string")).toBe("007");
    expect(textToValue("", "string")).toBeNull();
  });
});
