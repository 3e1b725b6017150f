import { deriveFields, valueAt } from "../../common/jsonFields";
import type { ActionInput, ActionOut, AuthType, FieldKind, FieldType, Method } from "../../api/types";
import { SECRET_FIELD } from "./model";
import { valueToText } from "./values";

/** A header or query parameter row being edited. */
export interface FieldRow {
  key: string;
  name: string;
  kind: FieldKind;
  value: string;
  type: FieldType;
  label: string;
  required: boolean;
  /** A write-only constant (an API key): masked here, null in answers, encrypted on the server. */
  secret: boolean;
  /** The server holds this secret's value; an empty `value` keeps it. */
  stored: boolean;
}

/** How a path of the request example is filled: left as in the example, a constant, or a variable. */
export type PayloadUse = "example" | FieldKind;

/** A path of the pasted request example and how it is filled. */
export interface PayloadRow {
  path: string;
  use: PayloadUse;
  value: string;
  type: FieldType;
  label: string;
  required: boolean;
  /** A variable without a value is sent as null instead of being left out. */
  allowNull: boolean;
}

/** Authentication fields; a secret of `null` means "keep the stored one". */
export interface AuthForm {
  type: AuthType;
  username: string;
  name: string;
  location: "header" | "query";
  tokenUrl: string;
  clientId: string;
  scope: string;
  secret: string | null;
}

/** Everything the action editor edits, as the inputs hold it (text for numbers and JSON). */
export interface ActionForm {
  name: string;
  description: string;
  method: Method;
  url: string;
  headers: FieldRow[];
  queryParameters: FieldRow[];
  /** One row per `{name}` placeholder of the URL's path, in order (derived from the URL). */
  pathParameters: FieldRow[];
  auth: AuthForm;
  /** The authentication type saved on the server (its secret is set); null for a new action. */
  storedAuthType: AuthType | null;
  requestExample: string;
  /** JSON, or an urlencoded form of flat fields; the Content-Type follows it. */
  bodyEncoding: "json" | "form";
  payloadRows: PayloadRow[];
  responseExample: string;
  timeoutMs: string;
  followRedirects: boolean;
  maxRetries: string;
  cappingMaxCalls: string;
  cappingPeriodSeconds: string;
  throttlingPerSecond: string;
  throttlingMaxWaitSeconds: string;
}

let rowCounter = 0;
/** A key React can track a row by while rows are added and removed. */
export function newRowKey(): string {
  rowCounter += 1;
  return `row-${rowCounter}`;
}

export function emptyFieldRow(): FieldRow {
  return {
    key: newRowKey(),
    name: "",
    kind: "constant",
    value: "",
    type: "string",
    label: "",
    required: true,
    secret: false,
    stored: false,
  };
}

export function emptyAuth(type: AuthType = "none"): AuthForm {
  return { type, username: "", name: "", location: "header", tokenUrl: "", clientId: "", scope: "", secret: "" };
}

export function emptyActionForm(): ActionForm {
  return {
    name: "",
    description: "",
    method: "POST",
    url: "",
    headers: [],
    queryParameters: [],
    pathParameters: [],
    auth: emptyAuth(),
    storedAuthType: null,
    requestExample: "",
    bodyEncoding: "json",
    payloadRows: [],
    responseExample: "",
    timeoutMs: "30000",
    followRedirects: true,
    maxRetries: "3",
    cappingMaxCalls: "300000",
    cappingPeriodSeconds: "60",
    throttlingPerSecond: "",
    throttlingMaxWaitSeconds: "3600",
  };
}

/** The `{name}` placeholders of a URL's path, in order, each once (as the server reads them). */
export function urlPlaceholders(url: string): string[] {
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "").split(/[?#]/)[0] ?? "";
  return [...new Set([...path.matchAll(/\{([A-Za-z0-9_-]{1,100})\}/g)].map((m) => m[1] ?? ""))];
}

/** The path parameter rows for a (new) URL: one per placeholder, keeping what was set for names still there. */
export function pathRowsFor(url: string, previous: FieldRow[]): FieldRow[] {
  const byName = new Map(previous.map((row) => [row.name, row]));
  return urlPlaceholders(url).map((name) => byName.get(name) ?? { ...emptyFieldRow(), name, kind: "variable" });
}

/**
 * The payload rows for a (new) example: one per derived path, keeping what was set for paths that
 * are still there; new paths start as "example" with the example's value ready for a constant.
 */
export function payloadRowsFor(example: unknown, previous: PayloadRow[], fields = deriveFields(example)): PayloadRow[] {
  const byPath = new Map(previous.map((row) => [row.path, row]));
  return fields.map(({ path, type }) => {
    const kept = byPath.get(path);
    if (kept) return kept;
    const fieldType = (type === "any" ? "any" : type) as FieldType;
    const value = valueToText(valueAt(example, path));
    return { path, use: "example", value, type: fieldType, label: "", required: true, allowNull: false };
  });
}

function authFormOf(auth: ActionOut["authentication"]): AuthForm {
  const form = emptyAuth(auth?.type ?? "none");
  form.secret = null;
  if (auth?.type === "basic") form.username = auth.username;
  if (auth?.type === "apiKey") {
    form.name = auth.name;
    form.location = auth.location ?? "header";
  }
  if (auth?.type === "oauth2ClientCredentials") {
    form.tokenUrl = auth.tokenUrl;
    form.clientId = auth.clientId;
    form.scope = auth.scope ?? "";
  }
  return form;
}

function fieldRowOf(field: ActionOut["headers"] extends (infer F)[] | undefined ? F : never): FieldRow {
  const secret = field.secret ?? false;
  return {
    key: newRowKey(),
    name: field.name,
    kind: field.kind ?? "constant",
    value: secret ? "" : valueToText(field.value),
    type: field.type ?? "string",
    label: field.label ?? "",
    required: field.required ?? true,
    secret,
    stored: secret,
  };
}

/** The editor's state for a stored action (or a draft: see `draftFormOf`). */
export function formOf(action: ActionInput): ActionForm {
  const example = action.requestPayload?.example;
  const declared = action.requestPayload?.fields ?? [];
  const rows = action.requestPayload ? payloadRowsFor(example, []) : [];
  for (const field of declared) {
    const row = rows.find((r) => r.path === field.path);
    const set: PayloadRow = {
      path: field.path,
      use: field.kind ?? "constant",
      value: field.kind === "variable" ? (row?.value ?? "") : valueToText(field.value),
      type: field.type ?? "string",
      label: field.label ?? "",
      required: field.required ?? true,
      allowNull: field.allowNull ?? false,
    };
    if (row) Object.assign(row, set);
    else rows.push(set);
  }
  const pretty = (value: unknown) => (value === undefined ? "" : JSON.stringify(value, null, 2));
  return {
    name: action.name,
    description: action.description ?? "",
    method: action.method,
    url: action.url,
    headers: (action.headers ?? []).map(fieldRowOf),
    queryParameters: (action.queryParameters ?? []).map(fieldRowOf),
    pathParameters: (action.pathParameters ?? []).map(fieldRowOf),
    auth: authFormOf(action.authentication),
    storedAuthType: action.authentication?.type ?? "none",
    requestExample: action.requestPayload ? pretty(example) : "",
    bodyEncoding: action.bodyEncoding ?? "json",
    payloadRows: rows,
    responseExample: action.responsePayload ? pretty(action.responsePayload.example) : "",
    timeoutMs: String(action.timeoutMs),
    followRedirects: action.followRedirects ?? true,
    maxRetries: String(action.maxRetries),
    cappingMaxCalls: String(action.capping?.maxCalls ?? 300000),
    cappingPeriodSeconds: String(action.capping?.periodSeconds ?? 60),
    throttlingPerSecond: action.throttling ? String(action.throttling.maxCallsPerSecond) : "",
    throttlingMaxWaitSeconds: String(action.throttling?.maxWaitSeconds ?? 3600),
  };
}

/** The secret value a draft carries for its authentication, or "" (to be typed in). */
function draftSecret(auth: ActionInput["authentication"]): string {
  const field = auth ? SECRET_FIELD[auth.type] : null;
  const value = field && auth ? (auth as Record<string, unknown>)[field] : null;
  return typeof value === "string" ? value : "";
}

/**
 * The editor's state for an unsaved draft (an imported cURL command): like `formOf`, but its secrets are
 * values to save, not stored ones to keep, so they are filled in (masked) instead of shown as set.
 */
export function draftFormOf(draft: ActionInput): ActionForm {
  const form = formOf(draft);
  const withSecrets = (rows: FieldRow[], fields: ActionInput["headers"]) =>
    rows.map((row, index) => {
      const field = (fields ?? [])[index];
      return row.secret && field ? { ...row, value: valueToText(field.value), stored: false } : row;
    });
  return {
    ...form,
    headers: withSecrets(form.headers, draft.headers),
    queryParameters: withSecrets(form.queryParameters, draft.queryParameters),
    auth: { ...form.auth, secret: draftSecret(draft.authentication) },
    storedAuthType: null,
  };
}
