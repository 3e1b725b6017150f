/** A definition with every node type and every handle kind, as the API answers it. */
import { createCatalog } from "../catalog";
import type { Definition } from "../definition";

export const ACTION_ID = "6f0b4c8e-1d2a-4c3b-9e8f-0a1b2c3d4e5f";
export const EVENT_TYPE_ID = "0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a";

export const definition: Definition = {
  nodes: [
    {
      type: "event",
      id: "entry",
      position: { x: 0, y: 0 },
      name: "Signed up",
      eventTypeId: EVENT_TYPE_ID,
      filter: { match: "all", rules: [{ field: "event.plan", operator: "equals", value: "pro" }], groups: [] },
    },
    {
      type: "action",
      id: "crm",
      position: { x: 300, y: 0 },
      name: "Create CRM contact",
      actionId: ACTION_ID,
      mappings: {
        headers: { "X-Tenant": { source: "constant", value: "acme" } },
        queryParameters: {},
        pathParameters: {},
        payload: {
          email: { source: "field", field: "event.email" },
          greeting: { source: "template", template: "Hi {{ profile.firstName }}" },
        },
      },
      errorPath: true,
    },
    {
      type: "condition",
      id: "vip",
      position: { x: 600, y: 0 },
      name: "VIP?",
      branches: [
        {
          id: "b1",
          name: "Gold",
          when: {
            match: "any",
            rules: [{ field: "steps.crm.response.tier", operator: "in", value: ["gold", "platinum"] }],
            groups: [{ match: "all", rules: [{ field: "profile.vip", operator: "exists", value: null }], groups: [] }],
          },
        },
      ],
    },
    { type: "wait", id: "pause", position: { x: 900, y: 0 }, name: "Cool down", durationSeconds: 7200 },
    { type: "end", id: "done", position: { x: 1200, y: 0 }, name: "" },
    { type: "end", id: "failed", position: { x: 600, y: 200 }, name: "Failed" },
  ],
  edges: [
    { id: "e1", source: "entry", target: "crm", sourceHandle: "next" },
    { id: "e2", source: "crm", target: "vip", sourceHandle: "success" },
    { id: "e3", source: "crm", target: "failed", sourceHandle: "error" },
    { id: "e4", source: "vip", target: "pause", sourceHandle: "b1" },
    { id: "e5", source: "vip", target: "done", sourceHandle: "otherwise" },
    { id: "e6", source: "pause", target: "done", sourceHandle: "next" },
  ],
};

const CREATED = "2026-01-01T00:00:00Z";

export const catalog = createCatalog(
  [
    {
      id: ACTION_ID,
      name: "Create CRM contact",
      description: "",
      method: "POST",
      url: "https://crm.example.com/contacts",
      timeoutMs: 30000,
      maxRetries: 3,
      bodyEncoding: "json",
      followRedirects: true,
      headers: [{ name: "X-Tenant", kind: "variable", type: "string", required: true, secret: false }],
      queryParameters: [{ name: "dryRun", kind: "constant", value: "no", type: "string", required: true, secret: false }],
      requestPayload: {
        example: { email: "a@b.c", greeting: "hi", amount: 1 },
        fields: [
          { path: "email", kind: "variable", type: "string", required: true, allowNull: false },
          { path: "amount", kind: "variable", type: "integer", required: false, label: "Amount", allowNull: false },
          { path: "greeting", kind: "variable", type: "string", required: false, label: "Greeting", allowNull: false },
        ],
      },
      responsePayload: { example: { id: 7, tier: "gold", tags: [{ name: "x" }] } },
    },
  ],
  [
    {
      id: EVENT_TYPE_ID,
      name: "signup",
      description: "",
      example: { email: "a@b.c", plan: "pro", total: 9.5 },
      fields: [
        { path: "email", type: "string", required: true },
        { path: "plan", type: "string", required: false },
        { path: "total", type: "decimal", required: true },
      ],
      createdAt: CREATED,
      updatedAt: CREATED,
    },
  ],
  [
    { path: "profile.id", type: "string" },
    { path: "journey.id", type: "string" },
    { path: "journey.version", type: "integer" },
    { path: "journey.instanceId", type: "string" },
  ],
);
